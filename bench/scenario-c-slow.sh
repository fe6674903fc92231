#!/usr/bin/env bash
# (c) Slow model (fake, lognormal median 2 s, sigma 0.5): throughput versus the worker's configured
# concurrency C on one worker and 6 partitions, counted by finished_at (JobFinished written) and
# by the store's own write time. Each C gets C/2 x $C_SECONDS requests on the
# requests topic (about $C_SECONDS of work at full concurrency), counted from the store.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap bench_cleanup EXIT
levels="${C_LEVELS:-50 200 1000}"
secs="${C_SECONDS:-15}"
if [[ "$QUICK" == 1 ]]; then levels="${C_LEVELS:-100 1000}"; secs=8; fi
PLUGINS=extract stack_up lognormal:2000:0.5 plugins gateway
create_topic "$REQUESTS_TOPIC"
rows=()
for c in $levels; do
  CONCURRENCY="$c" start_worker
  n=$((c * secs / 2))
  request_lines "$BENCH_TMP/c-$c.jsonl" 500 "c-$c"
  fake_reset
  before="$(terminal_count)"
  # The model-call completion rate, sampled from the fake model every 0.5 s: the worker alone,
  # without the plugin stage and the projector behind it.
  (while :; do
    printf '%s %s\n' "$(date +%s.%N)" "$(fake_stats | jq '.requests - .in_flight')"
    sleep 0.5
  done) >"$BENCH_TMP/c-$c.calls" 2>/dev/null &
  sampler=$!
  produced="$(produce_requests "$n" "$BENCH_TMP/c-$c.jsonl")"
  log "C=$c produced $n: $produced"
  wait_calls "$n" $((secs * 4 + 60))
  # The stages behind the worker get a bounded grace to catch up; what is not terminal by then is
  # reported as such (jobs below n).
  waited="$(wait_terminal $((before + n)) 60)"
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  calls_per_s="$(awk -v n="$n" '$2 >= 0.1 * n && !a { a = $1; ca = $2 } $2 >= 0.9 * n && !b { b = $1; cb = $2 }
    END { if (b > a) printf "%.1f", (cb - ca) / (b - a); else print "null" }' "$BENCH_TMP/c-$c.calls")"
  pipe="$(pipeline_stats "batch_id = 'c-$c'")"
  stats="$(fake_stats)"
  row="$(jq -n -c --argjson c "$c" --argjson n "$n" --argjson pipe "$pipe" --argjson fake "$stats" \
    --argjson calls "$calls_per_s" \
    '{concurrency: $c, requests: $n, pipeline: $pipe, fake: $fake, model_calls_per_s: $calls,
      bound_c_over_median: ($c / 2.0), calls_ratio_to_c_over_median: (($calls // 0) / ($c / 2.0)),
      ratio_to_c_over_median: (($pipe.steady_finished_per_s // 0) / ($c / 2.0)),
      stored_ratio_to_c_over_median: (($pipe.steady_jobs_per_s // 0) / ($c / 2.0))}')"
  log "C=$c: $row"
  rows+=("$row")
  stop worker
done
IFS=,
printf '{"partitions":6,"levels":[%s]}\n' "${rows[*]}" | result c-slow
