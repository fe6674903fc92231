#!/usr/bin/env bash
# (b3) A realistic mix (issue 12): equal parts of every accepted language (shared-model Language),
# each answered by the instant fake model with an ordinary 30-100 line program in that language
# (fake-openai/samples/<language>.<ext>, picked by the request's language; --samples), fenced in
# markdown, through the default plugin chain (extract,format,javac,syntax) with every checker
# installed (bin/setup-checkers). Bulk-fed like (b2). Measures end-to-end jobs/s (steady, as
# pipeline_stats defines it), accept-to-done p50/p99, each stage's p50/p99 per language from the
# stored reports, the share of jobs succeeded/failed and checks complete/incomplete per language,
# and the plugin worker's CPU. B3_LANGUAGES (comma-separated, default all) narrows the mix, e.g.
# B3_LANGUAGES=java for Java alone; B3_JOBS the number of jobs.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap bench_cleanup EXIT
all=bash,c,cpp,csharp,go,java,javascript,kotlin,php,python,ruby,rust,sql,typescript
languages="${B3_LANGUAGES:-$all}"
n="${B3_JOBS:-2800}"
[[ "$QUICK" == 1 ]] && n="${B3_JOBS:-700}"
name="b3-mixed"
[[ "$languages" != "$all" ]] && name="b3-mixed-${languages//,/-}"
IFS=, read -r -a langs <<<"$languages"
for lang in "${langs[@]}"; do
  ls "$BENCH_DIR/fake-openai/samples/$lang".* >/dev/null || { log "no sample for $lang"; exit 1; }
done

# One request line per job, the languages in turn (equal parts).
lines="$BENCH_TMP/b3.jsonl"
: >"$lines"
for ((i = 0; i < n; i++)); do
  lang="${langs[i % ${#langs[@]}]}"
  printf '{"custom_id":"r-%d","batch_id":"b3","prompt":"a small %s program, variant %d","language":"%s","max_tokens":2048}\n' \
    "$i" "$lang" "$i" "$lang" >>"$lines"
done

load_before="$(cut -d ' ' -f 1-3 /proc/loadavg)"
# The default chain (CODEGEN_PLUGINS's default in plugin-worker/README.md).
PLUGINS=extract,format,javac,syntax FAKE_ARGS="--samples $BENCH_DIR/fake-openai/samples" \
  stack_up fixed:0 plugins worker gateway
create_topic "$REQUESTS_TOPIC"
# The plugin worker's JVM (cpu_ticks), and apart the per-job checker processes it started and
# reaped (cutime + cstime: g++, rustc, clang-format, mcs, ...); the long-lived Python and Node
# checkers still running are in neither.
child_ticks() { awk '{print $16 + $17}' "/proc/$(pid_of plugins)/stat"; }
cpu_before="$(cpu_ticks plugins worker gateway)"
children_before="$(child_ticks)"
start=$SECONDS
produced="$(produce_requests "$n" "$lines")"
log "produced: $produced"
waited="$(wait_terminal "$n" 600)"
cpu="$(cpu_split "$cpu_before" "$(cpu_ticks plugins worker gateway)" "$n")"
elapsed=$((SECONDS - start))
children_us=$((($(child_ticks) - children_before) * 10000 / n))
load_after="$(cut -d ' ' -f 1-3 /proc/loadavg)"
pipe="$(pipeline_stats)"
outcomes="$(sql "SELECT coalesce(json_agg(o ORDER BY o.language), '[]') FROM (
  SELECT language, count(*) AS jobs,
         count(*) FILTER (WHERE status = 'succeeded') AS succeeded,
         count(*) FILTER (WHERE status <> 'succeeded') AS not_succeeded,
         count(*) FILTER (WHERE checks->>'status' = 'complete') AS checks_complete,
         count(*) FILTER (WHERE checks->>'status' = 'incomplete') AS checks_incomplete,
         round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM updated_at - created_at) * 1000)::numeric, 1) AS p50_ms,
         round(percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM updated_at - created_at) * 1000)::numeric, 1) AS p99_ms
    FROM jobs WHERE status_rank = 3 GROUP BY 1) o")"
stages="$(sql "SELECT coalesce(json_agg(s ORDER BY s.language, s.stage), '[]') FROM (
  SELECT language, r->>'plugin' AS stage, count(*) AS runs,
         round(percentile_cont(0.5) WITHIN GROUP (ORDER BY (r->>'duration_ms')::numeric)::numeric, 1) AS p50_ms,
         round(percentile_cont(0.99) WITHIN GROUP (ORDER BY (r->>'duration_ms')::numeric)::numeric, 1) AS p99_ms
    FROM jobs, jsonb_array_elements(reports) r GROUP BY 1, 2) s")"
verdicts="$(sql "SELECT coalesce(json_object_agg(k, n), '{}') FROM (
  SELECT language || '/' || (r->>'plugin') || '/' || (r->>'verdict') AS k, count(*) AS n
    FROM jobs, jsonb_array_elements(reports) r GROUP BY 1 ORDER BY 1) v")"
jq -n -c --argjson n "$n" --arg languages "$languages" --argjson pipe "$pipe" \
  --argjson outcomes "$outcomes" --argjson stages "$stages" --argjson verdicts "$verdicts" \
  --argjson waited "$waited" --argjson elapsed "$elapsed" --argjson cpu "$cpu" --argjson children "$children_us" \
  --arg load_before "$load_before" --arg load_after "$load_after" \
  '{requests: $n, languages: $languages, waited_s: $waited, pipeline: $pipe,
    plugin_worker_cpu: {us_per_job: $cpu.plugins, cores: (($cpu.plugins * $n / 1e6) / $elapsed * 100 | round / 100),
      checker_processes_us_per_job: $children,
      with_checker_processes_cores: ((($cpu.plugins + $children) * $n / 1e6) / $elapsed * 100 | round / 100)},
    cpu_us_per_job: $cpu, load_before: $load_before, load_after: $load_after,
    outcomes: $outcomes, stages: $stages, verdicts: $verdicts}' | result "$name"
