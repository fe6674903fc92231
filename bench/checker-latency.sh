#!/usr/bin/env bash
# Per-check latency of the syntax stage's checkers on a 100-line file per language, one check at a
# time, before (process per job) and after (long-lived Python/Node checkers); with `format`, the
# format stage's formatters; with `lint`, the linters. Not part of the test suite: the numbers go to
# docs/BENCHMARKS.md. Usage: bench/checker-latency.sh [runs] [per-job runs] [check|format|lint]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${BENCH_TMP:-/tmp/codegen-bench}/checker-latency
mkdir -p "$out"
./mvnw -B -q -pl shared-model,event-wire,ops-endpoint,plugin-worker -am compile \
  dependency:build-classpath -Dmdep.outputFile="$out/classpath.txt" -Djacoco.skip=true >/dev/null
cp="plugin-worker/target/classes:shared-model/target/classes:$(cat "$out/classpath.txt")"
# google-java-format (format) needs the javac internals exported, as in the worker.
exports=()
for p in api code file parser tree util; do
  exports+=("--add-exports=jdk.compiler/com.sun.tools.javac.$p=ALL-UNNAMED")
done
java "${exports[@]}" -cp "$cp" bench/checkers/CheckerLatency.java "$@"
