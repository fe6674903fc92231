#!/usr/bin/env bash
# Worker variants side by side at one (c) level: one stack (broker, database, fake model, plugins,
# gateway) and, for each variant in turn, a fresh generation worker at concurrency C, warmed with
# AB_WARM_ROUNDS x AB_WARM calls and measured over AB_CALLS calls on the requests topic. Variants
# alternate for AB_ROUNDS rounds, so a slow spell of the machine hits each of them.
#
#   AB_VARIANTS="before=/tmp/before.jar|;after=|-Xmx256m -XX:+UseSerialGC" bench/worker-ab.sh
#
# Variants are separated by ";", each NAME=JAR|OPTS: JAR empty for the current build, OPTS empty
# for generation-worker/jvm.options.
# Per run: model calls/s (sampled from the fake between 10% and 90% of the calls answered), the
# worker's model stage mean (its own timer), its CPU per call, its peak RSS and its collections.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap bench_cleanup EXIT
c="${AB_C:-1000}"
latency="${AB_LATENCY:-fixed:2000}"
rounds="${AB_ROUNDS:-2}"
warm="${AB_WARM:-5000}"
warm_rounds="${AB_WARM_ROUNDS:-2}"
calls="${AB_CALLS:-10000}"
variants="${AB_VARIANTS:-current=|}"
if [[ "$QUICK" == 1 ]]; then rounds=1; warm=1000; warm_rounds=1; calls=2000; fi
ops_port=39464
median_ms="$(cut -d: -f2 <<<"$latency")"

# The worker's stage timer: "<sum> <count>" for stage $1 from its /metrics.
stage_sum_count() {
  curl -fs "http://127.0.0.1:$ops_port/metrics" |
    awk -v k="stage=\"$1\"" 'index($0, k) && /_sum/ {s = $2} index($0, k) && /_count/ {n = $2}
      END {print s + 0, n + 0}'
}

PLUGINS=extract stack_up "$latency" plugins gateway
create_topic "$REQUESTS_TOPIC"
request_lines "$BENCH_TMP/ab.jsonl" 500 "ab"
IFS=';' read -ra variant_list <<<"$variants"
rows=()
for ((round = 1; round <= rounds; round++)); do
  for variant in "${variant_list[@]}"; do
    name="${variant%%=*}"
    spec="${variant#*=}"
    jar="${spec%%|*}"
    opts="${spec#*|}"
    BENCH_JAR_generation_worker="$jar" WORKER_OPTS="${opts:-@$ROOT/generation-worker/jvm.options}" \
      CONCURRENCY="$c" CODEGEN_OPS_PORT="$ops_port" start_worker
    pid="$(pid_of worker)"
    for ((w = 0; w < warm_rounds; w++)); do
      fake_reset
      produce_requests "$warm" "$BENCH_TMP/ab.jsonl" >/dev/null
      wait_calls "$warm" 180
    done
    fake_reset
    model_before="$(stage_sum_count model)"
    gc_before="$(gc_counts "$pid")"
    cpu_before="$(cpu_ticks worker)"
    sample_answered "$BENCH_TMP/ab.calls" 0.1 &
    sampler=$!
    (while :; do rss_mb "$pid"; echo; sleep 0.5; done) >"$BENCH_TMP/ab.rss" 2>/dev/null &
    rss_sampler=$!
    produce_requests "$calls" "$BENCH_TMP/ab.jsonl" >/dev/null
    wait_calls "$calls" 180
    kill "$sampler" "$rss_sampler" 2>/dev/null || true
    wait "$sampler" "$rss_sampler" 2>/dev/null || true
    cpu_after="$(cpu_ticks worker)"
    gc_after="$(gc_counts "$pid")"
    model_after="$(stage_sum_count model)"
    per_s="$(answered_rate "$calls" "$BENCH_TMP/ab.calls")"
    row="$(jq -n -c --arg name "$name" --arg jar "$jar" --arg opts "$opts" --argjson round "$round" \
      --argjson c "$c" --argjson calls "$calls" --argjson per_s "$per_s" --argjson median "$median_ms" \
      --arg model "$model_before $model_after" --arg gc "$gc_before $gc_after" \
      --argjson split "$(cpu_split "$cpu_before" "$cpu_after" "$calls")" \
      --argjson rss "$(sort -n "$BENCH_TMP/ab.rss" | tail -n 1)" '
      ($model | split(" ") | map(tonumber)) as $m
      | ($gc | split(" ") | map(tonumber)) as $g
      | {variant: $name, jar: $jar, opts: $opts, round: $round, concurrency: $c, calls: $calls,
         model_calls_per_s: $per_s, ratio_to_c_over_median: ($per_s / ($c * 1000 / $median)),
         model_stage_mean_ms: ((($m[2] - $m[0]) / ($m[3] - $m[1]) * 1000) | round),
         worker_cpu_us_per_call: $split.worker, worker_rss_peak_mb: $rss,
         young_gcs: ($g[3] - $g[0]), full_gcs: ($g[4] - $g[1]),
         gc_pause_s: (($g[5] - $g[2]) * 100 | round / 100)}')"
    log "$row"
    rows+=("$row")
    stop worker
  done
done
IFS=,
printf '{"latency":"%s","runs":[%s]}\n' "$latency" "${rows[*]}" | result worker-ab
