#!/usr/bin/env bash
# Baseline: an empty Spring MVC POST endpoint (bench/empty-endpoint) under the same load as (a).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap bench_cleanup EXIT
if [[ "$QUICK" == 1 ]]; then
  export RATES="${RATES:-500 1000}" LOAD_SECONDS=5 SAT_SECONDS=5 WARM_MAX_SECONDS=20
fi
jar="$BENCH_DIR/empty-endpoint/target/empty-endpoint-0.1.0-SNAPSHOT.jar"
if [[ ! -f "$jar" ]]; then
  "$ROOT/mvnw" -B -q -f "$BENCH_DIR/empty-endpoint/pom.xml" package -DskipTests
fi
spawn empty java -jar "$jar" --server.port="$EMPTY_PORT"
wait_for "empty endpoint" curl -fs -X POST -H 'Content-Type: application/json' -d '{}' \
  "http://127.0.0.1:$EMPTY_PORT/generate"
url="http://127.0.0.1:$EMPTY_PORT/generate"
warm="$(warm_up "$url" empty)"
jit_before="$(jit_seconds empty)"
out="$(WARMUP_SECONDS=0 accept_load "$url")"
jit="$(jit_since "$jit_before" empty)"
split="$(saturation_cpu "$url" empty)"
jq -c --argjson warm "$warm" --argjson jit "$jit" --argjson split "$split" \
  '. + {warm_up: $warm, jit_s_while_measured: $jit, cpu_us_per_request_at_saturation: $split}' \
  <<<"$out" | result baseline-empty
