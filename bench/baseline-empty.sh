#!/usr/bin/env bash
# Baseline: an empty Spring MVC POST endpoint (bench/empty-endpoint) under the same load as (a).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap bench_cleanup EXIT
if [[ "$QUICK" == 1 ]]; then
  export RATES="${RATES:-500 1000}" LOAD_SECONDS=5 SAT_SECONDS=5 WARMUP_SECONDS=3
fi
jar="$BENCH_DIR/empty-endpoint/target/empty-endpoint-0.1.0-SNAPSHOT.jar"
if [[ ! -f "$jar" ]]; then
  "$ROOT/mvnw" -B -q -f "$BENCH_DIR/empty-endpoint/pom.xml" package -DskipTests
fi
spawn empty java -jar "$jar" --server.port="$EMPTY_PORT"
wait_for "empty endpoint" curl -fs -X POST -H 'Content-Type: application/json' -d '{}' \
  "http://127.0.0.1:$EMPTY_PORT/generate"
accept_load "http://127.0.0.1:$EMPTY_PORT/generate" | result baseline-empty
