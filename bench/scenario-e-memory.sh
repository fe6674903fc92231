#!/usr/bin/env bash
# (e) Memory per 1,000 jobs in flight: one generation worker with C=1000 against a fake model that
# holds every call for $E_HOLD_MS; worker RSS and heap idle versus with 1,000 calls open.
# WORKER_OPTS="-Xmx256m" E_TAG=xmx256m runs it again with a bounded heap (results/e-memory-xmx256m.json).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap bench_cleanup EXIT
hold="${E_HOLD_MS:-30000}"
# The gateway takes the records in from the bulk topic and relays them to the worker (one way in).
CONCURRENCY=1000 stack_up "fixed:$hold" worker gateway
pid="$(pid_of worker)"
create_topic "$REQUESTS_TOPIC"
sleep 5
idle_rss="$(rss_mb "$pid")"
idle_heap="$(heap_used_mb "$pid")"
idle_live="$(live_heap_mb "$pid")"
idle_rss_after_gc="$(rss_mb "$pid")"
log "idle: rss ${idle_rss} MB, heap used ${idle_heap} MB, live ${idle_live} MB"
request_lines "$BENCH_TMP/e.jsonl" 500 mem-e
produce_requests 1200 "$BENCH_TMP/e.jsonl" >/dev/null
TIMEOUT=60 wait_for "1000 calls in flight" bash -c \
  "[[ \$(curl -fs http://127.0.0.1:$FAKE_PORT/stats | jq .in_flight) -ge 1000 ]]"
sleep 2
busy_rss="$(rss_mb "$pid")"
busy_heap="$(heap_used_mb "$pid")"
busy_live="$(live_heap_mb "$pid")"
busy_rss_after_gc="$(rss_mb "$pid")"
stats="$(fake_stats)"
threads="$(ls /proc/"$pid"/task | wc -l)"
heap_info="$(jcmd "$pid" GC.heap_info 2>/dev/null | head -n 3 | tr -s ' ' | tr '\n' ' ')"
flags="$(jcmd "$pid" VM.flags 2>/dev/null | tr ' ' '\n' | grep -E 'MaxHeapSize|UseG1GC|UseSerialGC|UseParallelGC' | tr '\n' ' ')"
log "busy: rss ${busy_rss} MB, heap used ${busy_heap} MB, live ${busy_live} MB, $stats"
jq -n -c --argjson ir "$idle_rss" --argjson ih "$idle_heap" --argjson il "$idle_live" \
  --argjson irg "$idle_rss_after_gc" --argjson br "$busy_rss" --argjson bh "$busy_heap" \
  --argjson bl "$busy_live" --argjson brg "$busy_rss_after_gc" --argjson fake "$stats" \
  --argjson threads "$threads" --arg heap "$heap_info" --arg flags "$flags" --arg opts "${WORKER_OPTS:-}" \
  '{idle: {rss_mb: $ir, heap_used_mb: $ih, live_heap_mb: $il, rss_after_gc_mb: $irg},
    in_flight_1000: {rss_mb: $br, heap_used_mb: $bh, live_heap_mb: $bl, rss_after_gc_mb: $brg,
                     threads: $threads},
    delta_live_heap_mb_per_1000: ($bl - $il), delta_rss_mb_per_1000: ($brg - $irg),
    fake: $fake, heap_info: $heap, vm_flags: $flags, worker_opts: $opts}' | result "e-memory${E_TAG:+-$E_TAG}"
