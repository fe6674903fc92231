#!/usr/bin/env bash
# (b2) The whole plugin chain (extract, format, javac, syntax) with the instant model: jobs/s
# through the chain and each stage's own duration (from the reports stored on each job).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap bench_cleanup EXIT
n=1000
[[ "$QUICK" == 1 ]] && n=300
PLUGINS=extract,format,javac,syntax stack_up fixed:0 plugins worker gateway
request_lines "$BENCH_TMP/b2.jsonl" 500 b2
create_topic "$REQUESTS_TOPIC"
produced="$(produce_requests "$n" "$BENCH_TMP/b2.jsonl")"
log "produced: $produced"
waited="$(wait_terminal "$n" 300)"
pipe="$(pipeline_stats)"
stages="$(sql "SELECT coalesce(json_agg(s ORDER BY s.stage), '[]') FROM (
  SELECT r->>'plugin' AS stage, count(*) AS runs,
         count(*) FILTER (WHERE r->>'verdict' = 'passed') AS passed,
         round(percentile_cont(0.5) WITHIN GROUP (ORDER BY (r->>'duration_ms')::numeric)::numeric, 1) AS p50_ms,
         round(percentile_cont(0.99) WITHIN GROUP (ORDER BY (r->>'duration_ms')::numeric)::numeric, 1) AS p99_ms
    FROM jobs, jsonb_array_elements(reports) r GROUP BY 1) s")"
jq -n -c --argjson n "$n" --argjson pipe "$pipe" --argjson stages "$stages" --argjson waited "$waited" \
  '{requests: $n, waited_s: $waited, pipeline: $pipe, stages: $stages}' | result b2-plugins
