#!/usr/bin/env bash
# Per-check latency of the syntax stage's checkers on a 100-line file per language, one check at a
# time, before (process per job) and after (long-lived Python/Node checkers). Not part of the test
# suite: the numbers go to docs/BENCHMARKS.md. Usage: bench/checker-latency.sh [runs] [per-job runs]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${BENCH_TMP:-/tmp/codegen-bench}/checker-latency
mkdir -p "$out"
./mvnw -B -q -pl shared-model,event-wire,ops-endpoint,plugin-worker -am compile \
  dependency:build-classpath -Dmdep.outputFile="$out/classpath.txt" -Djacoco.skip=true >/dev/null
cp="plugin-worker/target/classes:shared-model/target/classes:$(cat "$out/classpath.txt")"
java -cp "$cp" bench/checkers/CheckerLatency.java "$@"
