#!/usr/bin/env bash
# (a) Accept path only: POST /generate at fixed offered loads and at saturation. Gateway, broker
# and database run; no workers (the outbox relay still publishes every accepted job to Kafka).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap bench_cleanup EXIT
if [[ "$QUICK" == 1 ]]; then
  export RATES="${RATES:-500 1000}" LOAD_SECONDS=5 SAT_SECONDS=5 WARM_MAX_SECONDS=20
fi
url="http://127.0.0.1:$GATEWAY_PORT/generate"
stack_up fixed:0 gateway
warm="$(warm_up "$url" gateway kafka)"
outbox_empty() { [[ "$(sql "SELECT count(*) FROM outbox")" == 0 ]]; }
TIMEOUT=60 wait_for "outbox drained" outbox_empty
sql "TRUNCATE jobs, audit_events" >/dev/null
jit_before="$(jit_seconds gateway kafka)"
out="$(WARMUP_SECONDS=0 accept_load "$url")"
jit="$(jit_since "$jit_before" gateway kafka)"
# Where a request's CPU goes at saturation: one more saturating run, read from /proc.
ticks_before="$(cpu_ticks gateway kafka)"
split_run="$(wrk_post "$url" "${SPLIT_SECONDS:-15}" 0 64)"
cpu="$(cpu_split "$ticks_before" "$(cpu_ticks gateway kafka)" "$(jq .requests <<<"$split_run")")"
cpu="$(jq -c --argjson r "$split_run" '. + {per_s: $r.per_s}' <<<"$cpu")"
log "CPU per request at saturation (us): $cpu"
sleep 2
accepted="$(sql "SELECT count(*) FROM jobs")"
outbox_left="$(sql "SELECT count(*) FROM outbox")"
gw_cpu="$(ps -o times= -p "$(pid_of gateway)" | tr -d ' ')"
echo "$out" | jq -c --argjson accepted "$accepted" --argjson outbox "$outbox_left" \
  --argjson cpu "$gw_cpu" --argjson warm "$warm" --argjson jit "$jit" --argjson split "$cpu" \
  '. + {warm_up: $warm, jit_s_while_measured: $jit, jobs_in_store: $accepted,
        outbox_left_after_2s: $outbox, gateway_cpu_s: $cpu,
        cpu_us_per_request_at_saturation: $split}' \
  | result a-accept
