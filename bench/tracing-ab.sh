#!/usr/bin/env bash
# (a) with tracing on and off (issue 14), interleaved on one machine: POST /generate at a fixed rate
# (TRACE_RATE, 1000 req/s) and at saturation (64 connections), as scenario-a-accept.sh measures
# it, in AB_ROUNDS rounds. Each round runs, on fresh stacks of the current gateway jar:
#   on   the default: micrometer-tracing with the OpenTelemetry bridge, every span sampled, the
#        request's traceparent stored with the job and put on its outbox row; no exporter
#        (CODEGEN_OTLP_ENDPOINT unset), as a deployment without a collector runs
#   off  the same jar with the OpenTelemetry tracing auto-configuration excluded: a no-op tracer,
#        no spans, no traceparent stored
# Each stack is warmed up, then measured twice. Writes results/tracing-ab.json (one line per
# measurement) and prints a table with medians (results/tracing-ab.md).
#
#   ./mvnw -B -q -pl api-gateway -am package -DskipTests -Djacoco.skip=true
#   AB_ROUNDS=2 bench/tracing-ab.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap bench_cleanup EXIT
rounds="${AB_ROUNDS:-2}"
rate="${TRACE_RATE:-1000}"
export LOAD_SECONDS="${LOAD_SECONDS:-15}" SAT_SECONDS="${SAT_SECONDS:-15}"
export WARM_MAX_SECONDS="${WARM_MAX_SECONDS:-90}"
if [[ "$QUICK" == 1 ]]; then
  rounds=1 LOAD_SECONDS=5 SAT_SECONDS=5 WARM_MAX_SECONDS=20
fi
url="http://127.0.0.1:$GATEWAY_PORT/generate"
out="$RESULTS/tracing-ab.json"
off="-Dspring.autoconfigure.exclude=org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration"
: >"$out"

measure() {
  local fixed sat
  fixed="$(wrk_post "$url" "$LOAD_SECONDS" "$rate")"
  sleep 1
  sat="$(wrk_post "$url" "$SAT_SECONDS" 0 64)"
  jq -n -c --arg variant "$1" --argjson round "$round" --argjson rate "$rate" \
    --argjson fixed "$fixed" --argjson sat "$sat" --arg traced "$(traced_jobs)" \
    '{variant: $variant, round: $round, rate: $rate, jobs_with_trace: ($traced | tonumber),
      fixed: $fixed, saturation: $sat}' | tee -a "$out" >&2
  sleep 1
}

# Stored jobs carrying a traceparent: the "on" stacks store one per job, the "off" stacks none.
traced_jobs() { sql "SELECT count(*) FROM jobs WHERE trace_parent IS NOT NULL"; }

for ((round = 1; round <= rounds; round++)); do
  for variant in on off; do
    log "round $round: tracing $variant"
    if [[ "$variant" == off ]]; then
      GATEWAY_OPTS="${GATEWAY_OPTS:-} $off" stack_up fixed:0 gateway
    else
      stack_up fixed:0 gateway
    fi
    warm_up "$url" gateway kafka >/dev/null
    measure "$variant"
    measure "$variant"
    stack_down
  done
done

{
  printf '| tracing | runs | saturation req/s | added p50 / p99 ms at %s req/s | client p99 ms |\n' "$rate"
  echo '|---|---|---|---|---|'
  jq -s -r 'def med: sort | if length == 0 then null elif length % 2 == 1 then .[length / 2 | floor]
      else (.[length / 2 - 1] + .[length / 2]) / 2 end;
    group_by(.variant)[] | . as $g |
    "| \($g[0].variant) | \($g | length) | \([$g[].saturation.per_s] | med) | \([$g[].fixed.added_p50_ms] | med) / \([$g[].fixed.added_p99_ms] | med) | \([$g[].fixed.p99_ms] | med) |"' "$out"
} | tee "$RESULTS/tracing-ab.md"
