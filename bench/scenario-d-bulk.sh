#!/usr/bin/env bash
# (d) Bulk: 100,000 GenerationRequested records produced straight onto codegen.requests.v1 with
# Kafka's ProducerPerformance (each with the x-api-key header), instant model, extract plugin; timed until all are terminal in the
# store (history), and the results topic is checked to hold them.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap bench_cleanup EXIT
n="${D_RECORDS:-100000}"
[[ "$QUICK" == 1 ]] && n=10000
PLUGINS=extract stack_up fixed:0 plugins worker gateway
request_lines "$BENCH_TMP/d.jsonl" 1000 bulk-d
create_topic "$REQUESTS_TOPIC"
start_ms="$(date +%s%3N)"
produced="$(produce_requests "$n" "$BENCH_TMP/d.jsonl")"
produce_ms=$(($(date +%s%3N) - start_ms))
log "produced $n in ${produce_ms} ms: $produced"
waited="$(wait_terminal "$n" "${D_LIMIT_SECONDS:-180}")"
wall_ms=$(($(date +%s%3N) - start_ms))
pipe="$(pipeline_stats)"
# CPU seconds each JVM used during the run: where the two cores went.
cpu="$(for s in gateway worker plugins kafka fake; do printf '"%s":%s,' "$s" "$(ps -o times= -p "$(pid_of "$s")" | tr -d ' ')"; done)"
cpu="{${cpu%,}}"
stuck="$(sql "SELECT count(*) FROM jobs WHERE status_rank < 3")"
last_ms="$(sql "SELECT round(extract(epoch FROM max(updated_at)) * 1000) FROM jobs")"
results="$(kafka_class org.apache.kafka.tools.GetOffsetShell --bootstrap-server "$BOOTSTRAP" \
  --topic codegen.results.v1 | awk -F: '{s += $3} END {print s + 0}')"
history="$(api_curl -fs "http://127.0.0.1:$GATEWAY_PORT/history?batch_id=bulk-d&status=succeeded&limit=1" | jq -c '.items | length' 2>/dev/null || echo null)"
jq -n -c --argjson n "$n" --argjson produce_ms "$produce_ms" --arg produced "$produced" \
  --argjson wall_ms "$wall_ms" --argjson first_to_last_ms "$((last_ms - start_ms))" \
  --argjson pipe "$pipe" --argjson results "$results" --argjson history "$history" \
  --argjson stuck "$stuck" --argjson cpu "$cpu" \
  '{requests: $n, produce_ms: $produce_ms, producer: $produced,
    produce_start_to_last_stored_s: ($first_to_last_ms / 1000), poll_wall_s: ($wall_ms / 1000),
    jobs_per_s: ($pipe.jobs / ($first_to_last_ms / 1000)), pipeline: $pipe,
    results_topic_records: $results, history_page_items: $history, not_terminal: $stuck,
    cpu_seconds: $cpu}' | result d-bulk
