#!/usr/bin/env bash
# (b) End to end with an instant model (fake, fixed:0) and the extract plugin: jobs accepted over
# HTTP until they are succeeded in the store. Part 1: a fixed 500 jobs/s (wrk, paced) for the
# accept-to-done p50/p99. Part 2: saturation with wrk for the end-to-end jobs/s.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap bench_cleanup EXIT
secs=15 sat=15
[[ "$QUICK" == 1 ]] && secs=8 sat=8
rate="${B_RATE:-500}"
url="http://127.0.0.1:$GATEWAY_PORT/generate"
PLUGINS=extract stack_up fixed:0 plugins worker gateway
# Warm-up (B_WARMUP_SECONDS at the fixed rate: JIT-compiled services, as in a running deployment),
# then clear the store so only measured jobs count.
wrk_post "$url" "${B_WARMUP_SECONDS:-20}" "$rate" >/dev/null
wait_terminal "$(sql "SELECT count(*) FROM jobs")" 60 >/dev/null
sql "TRUNCATE jobs, audit_events" >/dev/null

fixed="$(wrk_post "$url" "$secs" "$rate")"
log "fixed $rate/s: $fixed"
n="$(sql "SELECT count(*) FROM jobs")"
waited="$(wait_terminal "$n" 120)"
fixed_pipe="$(pipeline_stats)"
log "fixed pipeline: $fixed_pipe (waited ${waited}s)"
sql "TRUNCATE jobs, audit_events" >/dev/null

sat_http="$(wrk_post "$url" "$sat" 0 64)"
log "saturation http: $sat_http"
n="$(sql "SELECT count(*) FROM jobs")"
waited="$(wait_terminal "$n" 180)"
sat_pipe="$(pipeline_stats)"
log "saturation pipeline: $sat_pipe (drained ${waited}s after the load stopped)"
jq -n -c --argjson rate "$rate" --argjson fixed "$fixed" --argjson fixed_pipe "$fixed_pipe" \
  --argjson sat_http "$sat_http" --argjson sat_pipe "$sat_pipe" --argjson drain "$waited" \
  '{fixed_rate: $rate, fixed_http: $fixed, fixed_pipeline: $fixed_pipe,
    saturation_http: $sat_http, saturation_pipeline: $sat_pipe, drain_after_load_s: $drain}' \
  | result b-instant
