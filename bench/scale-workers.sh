#!/usr/bin/env bash
# Throughput with one and with two generation workers, bulk-fed (records through the gateway's
# intake), timed from the first record produced to the last job terminal in the store:
#   gen:   generation is the bottleneck: fake model fixed 1 s, each worker CODEGEN_WORKER_CONCURRENCY
#          = $S_CONCURRENCY (50), extract plugin only: one worker tops out at C / 1 s;
#   chain: the default plugin chain (extract, format, javac, syntax) with an instant model.
# Each (config, workers) pair runs on a fresh stack. Writes results/scale-workers.json.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap bench_cleanup EXIT
c="${S_CONCURRENCY:-50}"
gen_n="${S_GEN_RECORDS:-3000}"
chain_n="${S_CHAIN_RECORDS:-1500}"
if [[ "$QUICK" == 1 ]]; then gen_n=600; chain_n=300; fi

# $1 label, $2 fake latency, $3 plugins, $4 workers, $5 records; prints a JSON object.
measure() {
  local label="$1" latency="$2" plugins="$3" workers="$4" n="$5" w start_ms last_ms
  PLUGINS="$plugins" stack_up "$latency" plugins gateway
  for ((w = 1; w <= workers; w++)); do
    CONCURRENCY="$c" CODEGEN_OPS_PORT=0 spawn_worker "worker$w"
  done
  for ((w = 1; w <= workers; w++)); do await_worker "worker$w"; done
  request_lines "$BENCH_TMP/s-$label.jsonl" 500 "s-$label-$workers"
  start_ms="$(date +%s%3N)"
  log "$label, $workers worker(s): $(produce_requests "$n" "$BENCH_TMP/s-$label.jsonl")"
  wait_terminal "$n" 600 >/dev/null
  last_ms="$(sql "SELECT round(extract(epoch FROM max(updated_at)) * 1000) FROM jobs")"
  jq -n -c --arg cfg "$label" --argjson workers "$workers" --argjson n "$n" \
    --argjson s "$(((last_ms - start_ms)))" --argjson calls "$(fake_stats | jq .requests)" \
    --argjson succeeded "$(terminal_count succeeded)" \
    '{config: $cfg, workers: $workers, jobs: $n, seconds: ($s / 1000),
      jobs_per_s: ($n / ($s / 1000)), model_calls: $calls, succeeded: $succeeded}'
  for ((w = 1; w <= workers; w++)); do stop "worker$w"; done
  stack_down
}

rows=()
for workers in 1 2; do
  rows+=("$(measure gen fixed:1000 extract "$workers" "$gen_n")")
  rows+=("$(measure chain fixed:0 extract,format,javac,syntax "$workers" "$chain_n")")
done
printf '%s\n' "${rows[@]}" | jq -s -c '.' | result scale-workers
