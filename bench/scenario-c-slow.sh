#!/usr/bin/env bash
# (c) Slow model: throughput versus the worker's configured concurrency C on one worker and 6
# partitions. Two latency models (C_LATENCIES): fixed 2 s, where median = mean and C / median is
# the physical bound, and lognormal with median 2 s and sigma 0.5, whose mean is 1.13 x the
# median (so no system reaches more than 88% of C / median with it: Little's law). Each level
# starts a worker with CONCURRENCY=C, warms it with C/2 x $C_WARM_SECONDS requests, then measures
# C/2 x $C_SECONDS requests on the requests topic: the model-call rate sampled from the fake model
# (between 10% and 90% of the calls answered), and the jobs finished / stored from the store.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap bench_cleanup EXIT
levels="${C_LEVELS:-50 200 1000}"
latencies="${C_LATENCIES:-fixed:2000 lognormal:2000:0.5}"
secs="${C_SECONDS:-20}"
warm_secs="${C_WARM_SECONDS:-10}"
if [[ "$QUICK" == 1 ]]; then levels="${C_LEVELS:-100 1000}"; secs=8; warm_secs=4; fi
PLUGINS=extract stack_up "${latencies%% *}" plugins gateway
create_topic "$REQUESTS_TOPIC"
rows=()
fake_latency="${latencies%% *}"
for latency in $latencies; do
  if [[ "$latency" != "$fake_latency" ]]; then
    stop fake
    start_fake "$latency"
    fake_latency="$latency"
  fi
  label="${latency%%:*}"
  for c in $levels; do
    CONCURRENCY="$c" start_worker
    # Warm-up: the same load on the same worker, waited for, then left out of every figure.
    w=$((c * warm_secs / 2))
    request_lines "$BENCH_TMP/c-$label-$c-warm.jsonl" 500 "c-$label-$c-warm"
    fake_reset
    before="$(terminal_count)"
    log "C=$c $latency warm-up $w: $(produce_requests "$w" "$BENCH_TMP/c-$label-$c-warm.jsonl")"
    wait_calls "$w" $((warm_secs * 4 + 60))
    wait_terminal $((before + w)) 60 >/dev/null
    n=$((c * secs / 2))
    request_lines "$BENCH_TMP/c-$c.jsonl" 500 "c-$label-$c"
    fake_reset
    before="$(terminal_count)"
    # The model-call completion rate, sampled from the fake model every 0.2 s: the worker alone,
    # without the plugin stage and the projector behind it.
    sample_answered "$BENCH_TMP/c-$c.calls" 0.2 &
    sampler=$!
    produced="$(produce_requests "$n" "$BENCH_TMP/c-$c.jsonl")"
    log "C=$c $latency produced $n: $produced"
    wait_calls "$n" $((secs * 4 + 60))
    # The stages behind the worker get a bounded grace to catch up; what is not terminal by then is
    # reported as such (jobs below n).
    waited="$(wait_terminal $((before + n)) 60)"
    kill "$sampler" 2>/dev/null || true
    wait "$sampler" 2>/dev/null || true
    calls_per_s="$(answered_rate "$n" "$BENCH_TMP/c-$c.calls")"
    pipe="$(pipeline_stats "batch_id = 'c-$label-$c'")"
    stats="$(fake_stats)"
    row="$(jq -n -c --argjson c "$c" --argjson n "$n" --arg latency "$latency" --argjson pipe "$pipe" --argjson fake "$stats" \
      --argjson calls "$calls_per_s" \
      '{latency: $latency, concurrency: $c, requests: $n, pipeline: $pipe, fake: $fake, model_calls_per_s: $calls,
        bound_c_over_median: ($c / 2.0), calls_ratio_to_c_over_median: (($calls // 0) / ($c / 2.0)),
        bound_c_over_mean: ($c * 1000 / $fake.mean_latency_ms),
        calls_ratio_to_c_over_mean: (($calls // 0) / ($c * 1000 / $fake.mean_latency_ms)),
        ratio_to_c_over_median: (($pipe.steady_finished_per_s // 0) / ($c / 2.0)),
        stored_ratio_to_c_over_median: (($pipe.steady_jobs_per_s // 0) / ($c / 2.0))}')"
    log "C=$c $latency: $row"
    rows+=("$row")
    stop worker
  done
done
IFS=,
printf '{"partitions":6,"levels":[%s]}\n' "${rows[*]}" | result c-slow
