#!/usr/bin/env bash
# Markdown tables from results/*.json (written by the scenarios), with ratios to the baselines and
# the issue's targets. Missing results are skipped.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
r() { [[ -s "$RESULTS/$1.json" ]] && cat "$RESULTS/$1.json"; }
# One sentence on how a scenario was warmed up (bench/lib.sh warm_up), from its .warm_up object.
warmed() {
  jq -r --arg what "$2" 'if .warm_up then "Warm-up (\($what)): \(.warm_up.seconds) s of saturating load, \(.warm_up.requests) requests, until each JVM compiled for less than a fifth of a 10 s round (last round: \(.warm_up.last_jit_share * 100 | round)%)." else empty end' <<<"$1"
}
met() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { if (v == "" || v == "null") { print "n/a"; exit }
  ok = (op == ">=") ? v >= t : v < t; print ok ? "**met**" : "**missed**" }'; }
K="$(r baseline-kafka)"; P="$(r baseline-postgres)"; E="$(r baseline-empty)"
A="$(r a-accept)"; B="$(r b-instant)"; B2="$(r b2-plugins)"; C="$(r c-slow)"; D="$(r d-bulk)"; M="$(r e-memory)"
empty_sat="$(jq -r '.saturation.per_s // empty' <<<"$E")"
pg_accept="$(jq -r '.accept_statement.tps // empty | round' <<<"$P")"

echo "### Baselines (physical limits, same run)"
echo
echo "| limit | measured |"
echo "|---|---|"
[[ -n "$K" ]] && jq -r '"| Kafka producer, acks=all, 1 KB records | \(.acks_all_1kb.per_s) records/s (\(.acks_all_1kb.mb_per_s) MB/s), p99 \(.acks_all_1kb.p99_ms) ms |",
  "| Kafka producer, acks=all, request JSON lines (~130 B) | \(.acks_all_request_lines.per_s) records/s, p99 \(.acks_all_request_lines.p99_ms) ms |"' <<<"$K"
[[ -n "$P" ]] && jq -r '"| PostgreSQL \(.server_version), \(.clients) clients, INSERT jobs row | \(.insert_job_row.tps | round) rows/s (avg \(.insert_job_row.latency_avg_ms) ms) |",
  "| PostgreSQL, accept statement (job + audit + outbox, one transaction) | \(.accept_statement.tps | round) tx/s (avg \(.accept_statement.latency_avg_ms) ms) |",
  "| PostgreSQL, 50 jobs rows per commit | \((.insert_50_rows_per_commit.rows_per_s // 0) | round) rows/s (\(.insert_50_rows_per_commit.tps | round) commits/s) |",
  (.accept_100_jobs_per_commit // empty | "| PostgreSQL, accept statement for 100 jobs per commit + relay delete, 2 clients | \(.jobs_per_s | round) jobs/s (\(.tps | round) commits/s) |")' <<<"$P"
[[ -n "$E" ]] && jq -r '"| Empty Spring MVC POST endpoint, wrk 64 connections | \(.saturation.per_s) req/s, p50 \(.saturation.p50_ms) ms, p99 \(.saturation.p99_ms) ms |"' <<<"$E"
echo

if [[ -n "$A" ]]; then
  echo "### (a) Accept path: POST /generate (gateway + broker + PostgreSQL, no workers)"
  echo
  echo "| offered req/s | achieved req/s | client p50 / p99 ms | added (X-Codegen-Added-Latency-Ms) p50 / p99 ms | empty endpoint p50 / p99 ms | errors |"
  echo "|---|---|---|---|---|---|"
  jq -r --argjson e "${E:-null}" '.fixed[] as $f | ($e.fixed // [] | map(select(.offered_per_s == $f.offered_per_s)) | first) as $b |
    "| \($f.offered_per_s) | \($f.per_s) | \($f.p50_ms) / \($f.p99_ms) | \($f.added_p50_ms) / \($f.added_p99_ms) | \($b.p50_ms // "-") / \($b.p99_ms // "-") | \($f.errors + $f.non2xx) |"' <<<"$A"
  jq -r '"| saturation (64 conns) | \(.saturation.per_s) | \(.saturation.p50_ms) / \(.saturation.p99_ms) | \(.saturation.added_p50_ms) / \(.saturation.added_p99_ms) | | \(.saturation.errors + .saturation.non2xx) |"' <<<"$A"
  echo
  sat="$(jq -r '.saturation.per_s' <<<"$A")"
  p99_1000="$(jq -r '.fixed[] | select(.offered_per_s == 1000) | .added_p99_ms' <<<"$A")"
  ratio="$(awk -v a="$sat" -v b="$empty_sat" 'BEGIN { if (b > 0) printf "%.0f", 100 * a / b }')"
  pgr="$(awk -v a="$sat" -v b="$pg_accept" 'BEGIN { if (b > 0) printf "%.0f", 100 * a / b }')"
  echo "| target | measured | verdict |"
  echo "|---|---|---|"
  echo "| accept >= 3,000 req/s | $sat req/s | $(met "$sat" 3000 ">=") |"
  echo "| p99 added latency < 20 ms at 1,000 req/s | ${p99_1000:-n/a} ms | $(met "$p99_1000" 20 "<") |"
  echo "| >= 40% of the empty endpoint at saturation | ${ratio:-n/a}% of $empty_sat req/s | $(met "$ratio" 40 ">=") |"
  echo "| (ratio to the PostgreSQL accept-statement limit) | ${pgr:-n/a}% of $pg_accept tx/s | |"
  pg_grouped="$(jq -r '.accept_100_jobs_per_commit.jobs_per_s // empty | round' <<<"$P")"
  if [[ -n "$pg_grouped" ]]; then
    echo "| (ratio to PostgreSQL's own ceiling, 100 jobs per commit) | $(awk -v a="$sat" -v b="$pg_grouped" 'BEGIN { printf "%.0f", 100 * a / b }')% of $pg_grouped jobs/s | |"
  fi
  echo
  if jq -e '.cpu_us_per_request_at_saturation' <<<"$A" >/dev/null; then
    echo "CPU per request at saturation, from /proc (µs; rest = wrk, other processes and idle):"
    echo
    echo "| endpoint | req/s | all cores | service JVM | broker | PostgreSQL | rest |"
    echo "|---|---|---|---|---|---|---|"
    [[ -n "$E" ]] && jq -r '.cpu_us_per_request_at_saturation // empty | "| empty endpoint | \(.per_s) | \(.all_cores_us) | \(.empty) | - | \(.postgres) | \(.rest_us) |"' <<<"$E"
    jq -r '.cpu_us_per_request_at_saturation | "| POST /generate | \(.per_s) | \(.all_cores_us) | \(.gateway) | \(.kafka) | \(.postgres) | \(.rest_us) |"' <<<"$A"
    echo
  fi
  warmed "$A" "gateway and broker"
  jq -r '"JIT compile seconds (gateway + broker) while the loads above ran: \(.jit_s_while_measured // "n/a")."' <<<"$A"
  [[ -n "$E" ]] && warmed "$E" "empty endpoint"
  echo
fi

if [[ -n "$B" ]]; then
  echo "### (b) End to end, instant model, extract plugin (HTTP accept to succeeded in the store)"
  echo
  jq -r '"| load | HTTP req/s | jobs | succeeded | accept-to-stored p50 / p99 ms | steady jobs/s into the store |",
    "|---|---|---|---|---|---|",
    "| fixed \(.fixed_rate) req/s | \(.fixed_http.per_s) | \(.fixed_pipeline.jobs) | \(.fixed_pipeline.succeeded) | \(.fixed_pipeline.p50_ms) / \(.fixed_pipeline.p99_ms) | \(.fixed_pipeline.steady_jobs_per_s) |",
    "| saturation (64 conns) | \(.saturation_http.per_s) | \(.saturation_pipeline.jobs) | \(.saturation_pipeline.succeeded) | \(.saturation_pipeline.p50_ms) / \(.saturation_pipeline.p99_ms) | \(.saturation_pipeline.steady_jobs_per_s) |"' <<<"$B"
  echo
  e2e="$(jq -r '.saturation_pipeline.steady_jobs_per_s' <<<"$B")"
  p99="$(jq -r '.fixed_pipeline.p99_ms' <<<"$B")"
  echo "| target | measured | verdict |"
  echo "|---|---|---|"
  echo "| >= 1,500 jobs/s end to end into the store | $e2e jobs/s (HTTP-driven; bulk-driven in (d)) | $(met "$e2e" 1500 ">=") |"
  echo "| p99 accept-to-done < 1 s at 500 jobs/s | $p99 ms | $(met "$p99" 1000 "<") |"
  echo
  warmed "$B" "gateway, workers and broker"
  jq -r '"JIT compile seconds (all four JVMs) during the fixed run: \(.jit_s_while_fixed // "n/a"); during saturation: \(.jit_s_while_saturated // "n/a")."' <<<"$B"
  echo
fi

if [[ -n "$B2" ]]; then
  echo "### (b2) Whole plugin chain (extract, format, javac, syntax), instant model, bulk-fed"
  echo
  jq -r '"\(.requests) requests: \(.pipeline.steady_jobs_per_s) jobs/s steady, accept-to-stored p50 \(.pipeline.p50_ms) ms / p99 \(.pipeline.p99_ms) ms, \(.pipeline.succeeded) succeeded.", "",
    "| stage | runs | passed | duration p50 ms | p99 ms |", "|---|---|---|---|---|",
    (.stages[] | "| \(.stage) | \(.runs) | \(.passed) | \(.p50_ms) | \(.p99_ms) |")' <<<"$B2"
  echo
fi

if [[ -n "$C" ]]; then
  echo "### (c) Slow model (median 2 s: fixed, and lognormal with sigma 0.5), one worker, 6 partitions"
  echo
  echo "Each level warmed with the same load on the same worker first. With the lognormal model the mean"
  echo "is 1.13 x the median, so C / median is out of reach for any system (Little's law: at most 88%);"
  echo "the target is judged on the fixed model, where median = mean."
  echo
  echo "| latency | C | requests | model calls/s (worker) | jobs/s finished | jobs/s stored | C / median (2 s) | worker ratio | C / mean model latency | worker ratio | calls in flight (max) | created-to-finished p50 ms | terminal | verdict (worker within 10% of C/median) |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  jq -r '.levels[] | (.fake.mean_latency_ms // 2266) as $m | (.concurrency * 1000 / $m) as $lb |
    "| \(.latency // "lognormal") | \(.concurrency) | \(.requests) | \(.model_calls_per_s) | \(.pipeline.steady_finished_per_s) | \(.pipeline.steady_jobs_per_s) | \(.bound_c_over_median) | \((.calls_ratio_to_c_over_median * 100 | round))% | \($lb | round) | \(((.model_calls_per_s // 0) / $lb * 100) | round)% | \(.fake.max_in_flight) | \(.pipeline.finished_p50_ms) | \(.pipeline.jobs) | \(if (.latency // "lognormal") | startswith("lognormal") then "n/a (bound 88%)" elif .calls_ratio_to_c_over_median >= 0.9 then "**met**" else "**missed**" end) |"' <<<"$C"
  echo
fi

if [[ -n "$D" ]]; then
  echo "### (d) Bulk through codegen.requests.v1 (instant model, extract plugin)"
  echo
  jq -r '"| requests | produce (ProducerPerformance) | produce start to last stored | jobs/s (steady) | succeeded | not terminal at the end | results topic records | intake-to-stored p50 / p99 | target < 120 s |",
    "|---|---|---|---|---|---|---|---|---|",
    "| \(.requests) | \(.produce_ms / 1000) s | \(.produce_start_to_last_stored_s) s | \(.jobs_per_s | round) (\(.pipeline.steady_jobs_per_s)) | \(.pipeline.succeeded) | \(.not_terminal // "-") | \(.results_topic_records) | \(.pipeline.p50_ms / 1000 | round) s / \(.pipeline.p99_ms / 1000 | round) s | \(if .produce_start_to_last_stored_s < 120 and .pipeline.jobs >= .requests then "**met**" else "**missed**" end) |"' <<<"$D"
  echo
fi

if [[ -n "$M" ]]; then
  echo "### (e) Generation worker memory, C = 1000"
  echo
  jq -r '"| state | RSS MB | heap used MB | live heap after full GC MB | RSS after GC MB |", "|---|---|---|---|---|",
    "| idle | \(.idle.rss_mb) | \(.idle.heap_used_mb) | \(.idle.live_heap_mb) | \(.idle.rss_after_gc_mb) |",
    "| \(.fake.in_flight) model calls in flight | \(.in_flight_1000.rss_mb) | \(.in_flight_1000.heap_used_mb) | \(.in_flight_1000.live_heap_mb) | \(.in_flight_1000.rss_after_gc_mb) |",
    "", "Live heap per 1,000 jobs in flight: \(.delta_live_heap_mb_per_1000) MB; threads with 1,000 in flight: \(.in_flight_1000.threads); \(.vm_flags)",
    "Target < 300 MB for 1,000 jobs in flight (RSS of the whole worker): \(if .in_flight_1000.rss_mb < 300 then "**met**" else "**missed**" end) (\(.in_flight_1000.rss_mb) MB)."' <<<"$M"
  echo
fi
