#!/usr/bin/env bash
# results/benchmarks.png from results/*.json with gnuplot: (a) accept latency versus offered load
# next to the empty endpoint, (c) throughput versus configured concurrency next to C/median.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
command -v gnuplot >/dev/null || { log "gnuplot not installed; no plot"; exit 0; }
d="$BENCH_TMP/plot"
mkdir -p "$d"
jq -r '.fixed[] | "\(.per_s) \(.p50_ms) \(.p99_ms) \(.added_p99_ms // 0)"' "$RESULTS/a-accept.json" >"$d/a.dat"
jq -r '.fixed[] | "\(.per_s) \(.p50_ms) \(.p99_ms)"' "$RESULTS/baseline-empty.json" >"$d/e.dat"
jq -r '.levels[] | select((.latency // "lognormal") | startswith("fixed")) | "\(.concurrency) \(.model_calls_per_s // 0) \(.bound_c_over_median) \(.concurrency * 1000 / (.fake.mean_latency_ms // 2266))"' \
  "$RESULTS/c-slow.json" >"$d/c.dat"
gnuplot <<GNUPLOT
set terminal pngcairo size 1200,500 font "sans,10"
set output "$RESULTS/benchmarks.png"
set multiplot layout 1,2
set title "(a) POST /generate latency vs achieved load"
set xlabel "requests/s"
set ylabel "ms"
set logscale y
set key top left
plot "$d/a.dat" using 1:3 with linespoints title "gateway client p99", \
     "$d/a.dat" using 1:4 with linespoints title "gateway added p99 (header)", \
     "$d/a.dat" using 1:2 with linespoints title "gateway client p50", \
     "$d/e.dat" using 1:3 with linespoints title "empty endpoint p99"
unset logscale y
set title "(c) slow model (fixed 2 s): throughput vs concurrency, 6 partitions"
set xlabel "configured concurrency C"
set ylabel "jobs/s"
set logscale xy
plot "$d/c.dat" using 1:2 with linespoints title "model calls/s (worker)", \
     "$d/c.dat" using 1:3 with lines dashtype 2 title "C / median", \
     "$d/c.dat" using 1:4 with lines dashtype 3 title "C / mean model latency"
unset multiplot
GNUPLOT
log "wrote $RESULTS/benchmarks.png"
