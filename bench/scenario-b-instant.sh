#!/usr/bin/env bash
# (b) End to end with an instant model (fake, fixed:0) and the extract plugin: jobs accepted over
# HTTP until they are succeeded in the store. Part 1: a fixed 500 jobs/s (wrk, paced) for the
# accept-to-done p50/p99. Part 2: saturation with wrk for the end-to-end jobs/s.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap bench_cleanup EXIT
secs=15 sat=15
[[ "$QUICK" == 1 ]] && secs=8 sat=8 && export WARM_MAX_SECONDS=20
rate="${B_RATE:-500}"
url="http://127.0.0.1:$GATEWAY_PORT/generate"
PLUGINS=extract stack_up fixed:0 plugins worker gateway
# Warm-up until the JIT compilers of all four JVMs have settled (services as they run once
# deployed), then clear the store so only measured jobs count.
services=(gateway worker plugins kafka)
# Drained, then empty: the gateway's intake may still register warm-up requests it reads late from
# the requests topic (the outbox published them too), so clear until no row comes back.
clear_store() {
  local _
  for _ in 1 2 3 4 5; do
    wait_terminal "$(sql "SELECT count(*) FROM jobs")" 120 >/dev/null || true
    sql "TRUNCATE jobs, audit_events" >/dev/null
    sleep 3
    [[ "$(sql "SELECT count(*) FROM jobs")" == 0 ]] && return 0
  done
}
warm="$(warm_up "$url" "${services[@]}")"
log "warm-up: $warm"
clear_store

jit_before="$(jit_seconds "${services[@]}")"
fixed="$(wrk_post "$url" "$secs" "$rate")"
jit_fixed="$(jit_since "$jit_before" "${services[@]}")"
log "fixed $rate/s: $fixed"
n="$(sql "SELECT count(*) FROM jobs")"
waited="$(wait_terminal "$n" 120)"
fixed_pipe="$(pipeline_stats)"
log "fixed pipeline: $fixed_pipe (waited ${waited}s)"
sql "TRUNCATE jobs, audit_events" >/dev/null

jit_before="$(jit_seconds "${services[@]}")"
sat_http="$(wrk_post "$url" "$sat" 0 64)"
jit_sat="$(jit_since "$jit_before" "${services[@]}")"
log "saturation http: $sat_http"
n="$(sql "SELECT count(*) FROM jobs")"
waited="$(wait_terminal "$n" 180)"
sat_pipe="$(pipeline_stats)"
log "saturation pipeline: $sat_pipe (drained ${waited}s after the load stopped)"
jq -n -c --argjson rate "$rate" --argjson fixed "$fixed" --argjson fixed_pipe "$fixed_pipe" \
  --argjson sat_http "$sat_http" --argjson sat_pipe "$sat_pipe" --argjson drain "$waited" \
  --argjson warm "$warm" --argjson jit_fixed "$jit_fixed" --argjson jit_sat "$jit_sat" \
  '{warm_up: $warm, fixed_rate: $rate, fixed_http: $fixed, fixed_pipeline: $fixed_pipe,
    jit_s_while_fixed: $jit_fixed, saturation_http: $sat_http, saturation_pipeline: $sat_pipe,
    jit_s_while_saturated: $jit_sat, drain_after_load_s: $drain}' \
  | result b-instant
