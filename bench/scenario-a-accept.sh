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
sleep 2
accepted="$(sql "SELECT count(*) FROM jobs")"
outbox_left="$(sql "SELECT count(*) FROM outbox")"
gw_cpu="$(ps -o times= -p "$(pid_of gateway)" | tr -d ' ')"
# Where a request's CPU goes at saturation, after the readings above so they cover only the
# measured loads.
split="$(saturation_cpu "$url" gateway kafka)"
echo "$out" | jq -c --argjson accepted "$accepted" --argjson outbox "$outbox_left" \
  --argjson cpu "$gw_cpu" --argjson warm "$warm" --argjson jit "$jit" --argjson split "$split" \
  '. + {warm_up: $warm, jit_s_while_measured: $jit, jobs_in_store: $accepted,
        outbox_left_after_2s: $outbox, gateway_cpu_s: $cpu,
        cpu_us_per_request_at_saturation: $split}' \
  | result a-accept
