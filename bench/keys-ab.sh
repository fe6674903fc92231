#!/usr/bin/env bash
# (a) with and without API keys and limits (issue 13), interleaved on one machine: the accept path
# POST /generate at a fixed rate (KEYS_RATE, 1000 req/s) and at saturation (64 connections), the
# way scenario-a-accept.sh measures it, in AB_ROUNDS rounds. Each round runs, on fresh stacks:
#   base     the gateway jar of the commit before keys (KEYS_BASE_JAR; skipped when unset)
#   dev      the current gateway with the development key (uncounted: the filter, no ledger)
#   counted  the same gateway and stack with a key created through POST /admin/keys whose limits
#            never refuse (requests_per_minute, tokens_per_minute: counting, key_usage row locks,
#            the token estimate on the request thread)
# dev and counted alternate on the same warm gateway (dev, counted, dev, counted). KEYS_JARS="a=JAR
# b=JAR" measures dev and counted on each named gateway jar in turn (labels a-dev, a-counted, ...;
# an empty JAR is the current build): a gateway change against the one before. Per measurement
# it also reads the gateway's own stage timers (store: one group-commit transaction; accept: the
# whole request) from /metrics and its collections (jstat) during the fixed-rate run. Writes
# results/keys-ab.json (one line per measurement) and prints a table with medians.
#
#   KEYS_BASE_JAR=/tmp/gateway-before-keys.jar AB_ROUNDS=2 bench/keys-ab.sh
#   KEYS_JARS="before=/tmp/gateway-before.jar after=" bench/keys-ab.sh
#   KEYS_JFR=1 ...: also a flight recording per gateway (see jfr_settings)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap bench_cleanup EXIT
rounds="${AB_ROUNDS:-2}"
rate="${KEYS_RATE:-1000}"
export LOAD_SECONDS="${LOAD_SECONDS:-15}" SAT_SECONDS="${SAT_SECONDS:-15}"
export WARM_MAX_SECONDS="${WARM_MAX_SECONDS:-90}"
if [[ "$QUICK" == 1 ]]; then
  rounds=1 LOAD_SECONDS=5 SAT_SECONDS=5 WARM_MAX_SECONDS=20
fi
url="http://127.0.0.1:$GATEWAY_PORT/generate"
admin_key="$CODEGEN_API_KEY"
out="$RESULTS/keys-ab.json"
: >"$out"

# "stage le count" lines of the gateway's stage timers (admin key: /metrics is admin-only).
stage_buckets() {
  curl -fs -H "X-API-Key: $admin_key" "http://127.0.0.1:$GATEWAY_PORT/metrics" |
    sed -n 's/^codegen_gateway_stage_seconds_bucket{.*le="\([^"]*\)".*stage="\([a-z]*\)".*} \([0-9.E+]*\)$/\2 \1 \3/p;
            s/^codegen_gateway_stage_seconds_bucket{.*stage="\([a-z]*\)".*le="\([^"]*\)".*} \([0-9.E+]*\)$/\1 \2 \3/p'
}

# p50, p99 (ms, upper bound of the histogram bucket) and count of stage $1 between two
# stage_buckets snapshots ($2, $3 files), and how many took longer than 5 ms; JSON.
stage_stats() {
  awk -v s="$1" 'FNR == NR { if ($1 == s) a[$2] = $3; next }
    $1 == s && $2 != "+Inf" { d[$2 + 0] = $3 - a[$2] }
    $1 == s && $2 == "+Inf" { total = $3 - a[$2] }
    END {
      n = asorti(d, les, "@ind_num_asc")
      p50 = p99 = "null"; under5 = 0
      for (i = 1; i <= n; i++) {
        c = d[les[i]]; le = les[i] + 0
        if (p50 == "null" && c >= 0.5 * total) p50 = sprintf("%.3f", le * 1000)
        if (p99 == "null" && c >= 0.99 * total) p99 = sprintf("%.3f", le * 1000)
        if (le <= 0.005) under5 = c
      }
      printf "{\"count\":%d,\"p50_ms\":%s,\"p99_ms\":%s,\"over_5ms\":%d}", total, p50, p99, total - under5
    }' "$2" "$3"
}

# One measurement of the running gateway with key $2, labelled $1: fixed rate, then saturation.
measure() {
  local label="$1" key="$2" gc0 gc1 from to fixed sat b0="$BENCH_TMP/buckets0" b1="$BENCH_TMP/buckets1"
  stage_buckets >"$b0"
  gc0="$(gc_counts "$(pid_of gateway)")"
  from="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  fixed="$(CODEGEN_API_KEY="$key" wrk_post "$url" "$LOAD_SECONDS" "$rate")"
  to="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  gc1="$(gc_counts "$(pid_of gateway)")"
  stage_buckets >"$b1"
  sleep 1
  sat="$(CODEGEN_API_KEY="$key" wrk_post "$url" "$SAT_SECONDS" 0 64)"
  jq -n -c --arg variant "$label" --argjson round "$round" --argjson fixed "$fixed" --argjson sat "$sat" \
    --argjson store "$(stage_stats store "$b0" "$b1")" --argjson accept "$(stage_stats accept "$b0" "$b1")" \
    --arg gc0 "$gc0" --arg gc1 "$gc1" --argjson rate "$rate" --arg from "$from" --arg to "$to" \
    --arg jfr "${JFR_FILE:-}" \
    '($gc0 | split(" ") | map(tonumber)) as $a | ($gc1 | split(" ") | map(tonumber)) as $b
     | {variant: $variant, round: $round, rate: $rate, fixed_from: $from, fixed_to: $to, jfr: $jfr,
        fixed: $fixed, saturation: $sat,
        store_timer: $store, accept_timer: $accept,
        young_gcs: ($b[0] - $a[0]), full_gcs: ($b[1] - $a[1]),
        gc_pause_ms: ((($b[2] - $a[2]) * 1000) | round)}' | tee -a "$out" >&2
  sleep 1
}

# A key with limits that never refuse: counted, locked, token-estimated.
create_key() {
  curl -fs -H "X-API-Key: $admin_key" -H 'Content-Type: application/json' \
    -d '{"name":"bench","tenant":"bench","limits":{"requests_per_minute":2000000000,"tokens_per_minute":1000000000000}}' \
    "http://127.0.0.1:$GATEWAY_PORT/admin/keys" | jq -r .key
}

# KEYS_JFR=1: a flight recording of each gateway from the end of its warm-up (the JDK's profile
# settings with parks, monitor waits from 5 ms and socket reads from 3 ms), dumped when it stops,
# into results/keys-ab-<variant>-<round>.jfr; bench/jfr/AcceptTail.java reads the fixed-rate
# windows (fixed_from, fixed_to) of results/keys-ab.json.
jfr_settings() {
  local jfc="$BENCH_DIR/target/tail.jfc" home
  home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  mkdir -p "$BENCH_DIR/target"
  sed -e 's/control="locking-threshold">10 ms/control="locking-threshold">5 ms/' \
    -e 's/control="socket-threshold">10 ms/control="socket-threshold">3 ms/' \
    "$home/lib/jfr/profile.jfc" >"$jfc"
  echo "$jfc"
}

stack() {
  stack_up fixed:0 gateway
  warm_up "$url" gateway kafka >/dev/null
  JFR_FILE=""
  if [[ "${KEYS_JFR:-0}" == 1 ]]; then
    JFR_FILE="$RESULTS/keys-ab-$1-$round.jfr"
    jcmd "$(pid_of gateway)" JFR.start name=tail settings="$(jfr_settings)" dumponexit=true \
      filename="$JFR_FILE" >/dev/null
  fi
}

for ((round = 1; round <= rounds; round++)); do
  if [[ -n "${KEYS_BASE_JAR:-}" ]]; then
    log "round $round: base ($KEYS_BASE_JAR)"
    BENCH_JAR_api_gateway="$KEYS_BASE_JAR" stack base
    measure base "$admin_key"
    measure base "$admin_key"
    stack_down
  fi
  for spec in ${KEYS_JARS:-=}; do
    name="${spec%%=*}" jar="${spec#*=}"
    log "round $round: gateway ${name:-current} (${jar:-$(exec_jar api-gateway)}), development key and a counted key"
    BENCH_JAR_api_gateway="$jar" stack "${name:-current}"
    counted="$(create_key)"
    # The counted path has code of its own to compile: one saturating round with its key.
    CODEGEN_API_KEY="$counted" wrk_post "$url" 10 0 64 >/dev/null
    measure "${name:+$name-}dev" "$admin_key"
    measure "${name:+$name-}counted" "$counted"
    measure "${name:+$name-}dev" "$admin_key"
    measure "${name:+$name-}counted" "$counted"
    log "key_usage rows: $(sql "SELECT period, requests FROM key_usage ORDER BY 1, period_start" | paste -sd ';')"
    stack_down
  done
done

# Medians per label: saturation req/s, added latency p50/p99 at the fixed rate, store p99.
{
  printf '| variant | runs | saturation req/s | added p50 / p99 ms at %s req/s | client p99 ms | store p99 ms | store > 5 ms | young GCs |\n' "$rate"
  echo '|---|---|---|---|---|---|---|---|'
  jq -s -r 'def med: sort | if length == 0 then null elif length % 2 == 1 then .[length / 2 | floor]
      else (.[length / 2 - 1] + .[length / 2]) / 2 end;
    group_by(.variant)[] | . as $g |
    "| \($g[0].variant) | \($g | length) | \([$g[].saturation.per_s] | med) | \([$g[].fixed.added_p50_ms] | med) / \([$g[].fixed.added_p99_ms] | med) | \([$g[].fixed.p99_ms] | med) | \([$g[].store_timer.p99_ms] | med) | \([$g[].store_timer.over_5ms] | med) | \([$g[].young_gcs] | med) |"' "$out"
} | tee "$RESULTS/keys-ab.md"
