#!/usr/bin/env bash
# Every baseline and scenario, one after the other, then the Markdown tables (results/report.md)
# and a plot. QUICK=1 for a short validation run (smaller counts, a few minutes).
set -uo pipefail
source "$(dirname "$0")/lib.sh"
started=$SECONDS
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)"
  echo "memory: $(free -h | awk '/^Mem:/ {print $2}')"
  echo "kernel: $(uname -r)"
  echo "java: $(java -version 2>&1 | head -n 1)"
  echo "postgres: $(psql -h 127.0.0.1 -U postgres -At -c 'SHOW server_version' 2>/dev/null)"
  echo "load before: $(cut -d ' ' -f 1-3 /proc/loadavg)"
  echo "quick: $QUICK"
} >"$RESULTS/machine.txt"
cat "$RESULTS/machine.txt" >&2
failed=()
for s in ${SCENARIOS:-baseline-kafka baseline-postgres baseline-empty scenario-a-accept scenario-b-instant scenario-b2-plugins scenario-c-slow scenario-d-bulk scenario-e-memory}; do
  log "=== $s"
  t=$SECONDS
  if ! "$BENCH_DIR/$s.sh" 2>"$RESULTS/$s.log"; then
    failed+=("$s")
    log "$s FAILED (see $RESULTS/$s.log)"
  fi
  log "=== $s took $((SECONDS - t)) s"
done
echo "total_seconds: $((SECONDS - started))" >>"$RESULTS/machine.txt"
"$BENCH_DIR/report.sh" >"$RESULTS/report.md" || true
"$BENCH_DIR/plot.sh" || true
log "report: $RESULTS/report.md; failed: ${failed[*]:-none}; total $((SECONDS - started)) s"
[[ ${#failed[@]} -eq 0 ]]
