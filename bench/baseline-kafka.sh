#!/usr/bin/env bash
# Baseline: the broker's producer ceiling, ProducerPerformance with acks=all and 1 KB records on a
# 6-partition topic, plus the same with the bulk scenario's request lines (about 130 B).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap bench_cleanup EXIT
n="${K_RECORDS:-200000}"
[[ "$QUICK" == 1 ]] && n=50000
start_kafka
create_topic bench.baseline.1k
create_topic bench.baseline.requests
perf() {
  kafka_class org.apache.kafka.tools.ProducerPerformance --num-records "$n" --throughput -1 "$@" \
    --producer-props bootstrap.servers="$BOOTSTRAP" acks=all linger.ms=5 batch.size=262144 | tail -n 1
}
one_k="$(perf --topic bench.baseline.1k --record-size 1024)"
log "1 KB: $one_k"
request_lines "$BENCH_TMP/k.jsonl" 1000 baseline
req="$(perf --topic bench.baseline.requests --payload-file "$BENCH_TMP/k.jsonl")"
log "request lines: $req"
parse() { # "N records sent, X records/sec (Y MB/sec), A ms avg latency, M ms max latency, p50, p95, p99, p99.9"
  sed -E 's/^([0-9]+) records sent, ([0-9.]+) records\/sec \(([0-9.]+) MB\/sec\), ([0-9.]+) ms avg latency, ([0-9.]+) ms max latency, ([0-9]+) ms 50th, ([0-9]+) ms 95th, ([0-9]+) ms 99th.*/{"records":\1,"per_s":\2,"mb_per_s":\3,"avg_ms":\4,"max_ms":\5,"p50_ms":\6,"p99_ms":\8}/' <<<"$1"
}
jq -n -c --argjson a "$(parse "$one_k")" --argjson b "$(parse "$req")" \
  '{acks_all_1kb: $a, acks_all_request_lines: $b}' | result baseline-kafka
