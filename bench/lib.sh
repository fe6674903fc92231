#!/usr/bin/env bash
# Shared helpers for the benchmark scenarios: a standalone broker, a scratch database, the fake
# model and the three services as separate processes, all under $BENCH_TMP, all stopped by
# bench_cleanup (scenarios install it with `trap bench_cleanup EXIT`).
# shellcheck disable=SC2034

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
BENCH_TMP="${BENCH_TMP:-/tmp/codegen-bench}"
RESULTS="${RESULTS:-$BENCH_DIR/results}"
QUICK="${QUICK:-0}"

KAFKA_PORT="${BENCH_KAFKA_PORT:-39092}"
KAFKA_CONTROLLER_PORT="${BENCH_KAFKA_CONTROLLER_PORT:-39093}"
BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
FAKE_PORT="${BENCH_FAKE_PORT:-38080}"
GATEWAY_PORT="${BENCH_GATEWAY_PORT:-38081}"
EMPTY_PORT="${BENCH_EMPTY_PORT:-38082}"
PG_URL_BASE="${BENCH_PG:-127.0.0.1:5432}"
PSQL=(psql -h "${PG_URL_BASE%%:*}" -p "${PG_URL_BASE##*:}" -U postgres -X -q -v ON_ERROR_STOP=1)
REQUESTS_TOPIC=codegen.requests.v1
# The API key of every gateway request (X-API-Key on HTTP, the x-api-key header of bulk records):
# the admin key the gateway is given, else its documented development key (accepted in development
# while it listens on loopback, as it does here; admin role, tenant default, not counted, no limits).
# Exported for the wrk script, the bulk producer's interceptor and chaos/ChaosClient.java.
export CODEGEN_API_KEY="${CODEGEN_API_KEY:-${CODEGEN_ADMIN_API_KEY:-cg_dev_local_only_not_for_production}}"

mkdir -p "$BENCH_TMP" "$RESULTS"
BENCH_PIDS=()
BENCH_DBS=()
# A signal ends the script through its EXIT trap (bench_cleanup).
trap "exit 130" INT TERM

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

kafka_classpath() {
  local file="$ROOT/launcher/kafka-standalone/target/classpath.txt"
  if [[ ! -s "$file" ]]; then
    "$ROOT/mvnw" -q -B -f "$ROOT/launcher/kafka-standalone/pom.xml" dependency:build-classpath \
      -Dmdep.includeScope=runtime -Dmdep.outputFile="$file" >&2
  fi
  cat "$file"
}

javac_exports() {
  sed -n 's:.*<javac.exports>\(.*\)</javac.exports>.*:\1:p' "$ROOT/pom.xml"
}

# Starts "$@" in the background, logging to $BENCH_TMP/$name.log; records its pid.
spawn() {
  local name="$1"
  shift
  "$@" >"$BENCH_TMP/$name.log" 2>&1 &
  local pid=$!
  BENCH_PIDS+=("$pid")
  echo "$pid" >"$BENCH_TMP/$name.pid"
  log "started $name (pid $pid)"
}

pid_of() { cat "$BENCH_TMP/$1.pid"; }

# curl with the API key, for every gateway endpoint but /health* and /openapi.yaml.
api_curl() { curl -H "X-API-Key: $CODEGEN_API_KEY" "$@"; }

# Stops one spawned process by name: TERM, then KILL after 20 s.
stop() {
  local name="$1" pid
  [[ -f "$BENCH_TMP/$name.pid" ]] || return 0
  pid="$(cat "$BENCH_TMP/$name.pid")"
  rm -f "$BENCH_TMP/$name.pid"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# Waits until command "$@" succeeds, at most $TIMEOUT seconds (default 120).
wait_for() {
  local what="$1" deadline=$((SECONDS + ${TIMEOUT:-120}))
  shift
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS > deadline)); then
      log "timed out waiting for $what"
      return 1
    fi
    sleep 0.5
  done
  log "$what ready"
}

# A fresh single-node KRaft broker (bin/codegen kafka) with its own ports and data dir.
port_open() { bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

start_kafka() { spawn_kafka && await_kafka; }

spawn_kafka() {
  # A broker of the previous scenario may still be letting go of the port.
  TIMEOUT=30 wait_for "port $KAFKA_PORT free" bash -c "! exec 3<>/dev/tcp/127.0.0.1/$KAFKA_PORT" || {
    log "port $KAFKA_PORT is taken; set BENCH_KAFKA_PORT"
    return 1
  }
  # KAFKA_KEEP_DATA=1 restarts the broker on the data it had (a broker outage), else it is fresh.
  [[ "${KAFKA_KEEP_DATA:-0}" == 1 ]] || rm -rf "$BENCH_TMP/kafka-data"
  kafka_classpath >/dev/null
  spawn kafka env CODEGEN_STANDALONE_KAFKA_PORT="$KAFKA_PORT" \
    CODEGEN_STANDALONE_KAFKA_CONTROLLER_PORT="$KAFKA_CONTROLLER_PORT" \
    CODEGEN_STANDALONE_DATA_DIR="$BENCH_TMP/kafka-data" JAVA_OPTS="-Xmx1g" \
    "$ROOT/bin/codegen" kafka
}

await_kafka() {
  wait_for "kafka on $BOOTSTRAP" bash -c "exec 3<>/dev/tcp/127.0.0.1/$KAFKA_PORT" || {
    tail -n 20 "$BENCH_TMP/kafka.log" >&2
    return 1
  }
  sleep 1
  if ! kill -0 "$(pid_of kafka)" 2>/dev/null || grep -q "failed to bind" "$BENCH_TMP/kafka.log"; then
    log "the broker did not start (see $BENCH_TMP/kafka.log)"
    return 1
  fi
}

kafka_class() {
  local class="$1"
  shift
  java -Xmx512m -Dlogback.configurationFile="$ROOT/bin/kafka-logback.xml" \
    -cp "$(kafka_classpath)" "$class" "$@"
}

create_topic() {
  kafka_class org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --create \
    --if-not-exists --topic "$1" --partitions "${2:-6}" --replication-factor 1 >/dev/null
}

# A scratch database on the local PostgreSQL; sets DB_NAME and DB_URL.
new_database() {
  DB_NAME="bench_$(date +%s)_$RANDOM"
  "${PSQL[@]}" -d postgres -c "CREATE DATABASE $DB_NAME" >/dev/null
  BENCH_DBS+=("$DB_NAME")
  DB_URL="jdbc:postgresql://$PG_URL_BASE/$DB_NAME"
  log "database $DB_NAME"
}

sql() { "${PSQL[@]}" -d "$DB_NAME" -At -F ' ' -c "$1"; }

drop_databases() {
  local db
  for db in "${BENCH_DBS[@]}"; do
    "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  done
  BENCH_DBS=()
}

# The fake OpenAI Responses API; $1 = latency spec (fixed:0, lognormal:2000:0.5).
start_fake() { spawn_fake "$@" && await_fake; }

spawn_fake() {
  TIMEOUT=30 wait_for "port $FAKE_PORT free" bash -c "! exec 3<>/dev/tcp/127.0.0.1/$FAKE_PORT"
  spawn fake java -Xmx512m "$BENCH_DIR/fake-openai/FakeOpenAi.java" --port "$FAKE_PORT" \
    --latency "${1:-fixed:0}" --output-chars 600 ${FAKE_ARGS:-}
}

await_fake() { wait_for "fake model" curl -fs "http://127.0.0.1:$FAKE_PORT/stats"; }

fake_stats() { curl -fs "http://127.0.0.1:$FAKE_PORT/stats"; }
# Waits until the fake model has answered $1 calls, or has been idle (nothing in flight, no new
# call) for 3 s after answering at least 90% of them (the rest were rejected before the model),
# at most $2 seconds.
wait_calls() {
  local want="$1" deadline=$((SECONDS + $2)) last=-1 idle=0 stats answered inflight
  while ((SECONDS < deadline)); do
    stats="$(fake_stats)"
    answered="$(jq '.requests - .in_flight' <<<"$stats")"
    inflight="$(jq '.in_flight' <<<"$stats")"
    ((answered >= want)) && return 0
    if ((inflight == 0 && answered == last && answered * 10 >= want * 9)); then
      idle=$((idle + 1))
      ((idle >= 6)) && return 0
    else
      idle=0
    fi
    last="$answered"
    sleep 0.5
  done
  log "only $answered of $want model calls answered"
}

fake_reset() { curl -fs "http://127.0.0.1:$FAKE_PORT/stats/reset" >/dev/null; }

# Writes "<epoch seconds> <calls answered>" from the fake model to file $1 every $2 s until killed:
# run it in the background.
sample_answered() {
  while :; do
    printf '%s %s\n' "$(date +%s.%N)" "$(fake_stats | jq '.requests - .in_flight')"
    sleep "$2"
  done >"$1" 2>/dev/null
}

# Calls answered per second between 10% and 90% of $1 calls answered (ramp-up and tail left out),
# from sample_answered's file $2; null when the samples do not span that.
answered_rate() {
  awk -v n="$1" '$2 >= 0.1 * n && !a { a = $1; ca = $2 } $2 >= 0.9 * n && !b { b = $1; cb = $2 }
    END { if (b > a) printf "%.1f", (cb - ca) / (b - a); else print "null" }' "$2"
}

service_env() {
  exec env CODEGEN_DATABASE_URL="${DB_URL:-}" CODEGEN_DATABASE_USERNAME=postgres \
    CODEGEN_KAFKA_BOOTSTRAP_SERVERS="$BOOTSTRAP" CODEGEN_HTTP_PORT="$GATEWAY_PORT" \
    CODEGEN_PROVIDER=openai CODEGEN_OPENAI_API_KEY=bench \
    CODEGEN_OPENAI_BASE_URL="http://127.0.0.1:$FAKE_PORT/v1" \
    CODEGEN_WORKER_CONCURRENCY="${CONCURRENCY:-256}" CODEGEN_PLUGINS="${PLUGINS:-extract}" \
    "$@"
}

# BENCH_JAR_<module with _ for -> picks another jar, e.g. BENCH_JAR_generation_worker=/tmp/before.jar
# to measure a saved build against the current one.
exec_jar() {
  local override="BENCH_JAR_${1//-/_}"
  if [[ -n "${!override:-}" ]]; then echo "${!override}"; else ls "$ROOT/$1/target/$1"-*-exec.jar | head -n 1; fi
}

# The start_* functions below are spawn_* then await_*; spawning several before awaiting them
# starts the services side by side. The workers take an optional name ($1, default worker or
# plugins: the pid file and log) so that a scenario can run two of them.
# shellcheck disable=SC2046
spawn_gateway() {
  TIMEOUT=30 wait_for "port $GATEWAY_PORT free" bash -c "! exec 3<>/dev/tcp/127.0.0.1/$GATEWAY_PORT"
  spawn gateway service_env java ${GATEWAY_OPTS:-} -jar "$(exec_jar api-gateway)"
}

await_gateway() {
  TIMEOUT=180 wait_for gateway curl -fs "http://127.0.0.1:$GATEWAY_PORT/health/readiness"
}

start_gateway() { spawn_gateway && await_gateway; }

# What a consumer logs once it owns partitions (spring-kafka containers, the worker's loop, the
# KIP-848 consumer): a non-empty list. A member that joins a group whose partitions are all held
# first gets none ("[]") until the others revoke theirs; it is not ready for a rolling restart yet.
# (Offset resets are no sign: the worker's cancellation reader logs them before it joins.)
ASSIGNED="(partitions assigned|newly assigned partitions):? \\[[a-z]"

# The workers have no HTTP server: they are ready once their log says the context started and
# their consumer got partitions.
# shellcheck disable=SC2046
spawn_worker() {
  # The worker's own options (generation-worker/jvm.options, as bin/codegen gives them) unless
  # WORKER_OPTS is set.
  spawn "${1:-worker}" service_env java ${WORKER_OPTS-@$ROOT/generation-worker/jvm.options} -jar "$(exec_jar generation-worker)"
}

await_worker() {
  local name="${1:-worker}"
  TIMEOUT=180 wait_for "$name" grep -q "Started GenerationWorkerApplication" "$BENCH_TMP/$name.log"
  TIMEOUT=60 wait_for "$name partitions" grep -Eqi "$ASSIGNED" "$BENCH_TMP/$name.log"
}

start_worker() { spawn_worker "$@" && await_worker "$@"; }

# shellcheck disable=SC2046
spawn_plugins() {
  spawn "${1:-plugins}" service_env java ${PLUGIN_OPTS:-} $(javac_exports) -jar "$(exec_jar plugin-worker)"
}

await_plugins() {
  local name="${1:-plugins}" stage
  TIMEOUT=180 wait_for "$name" grep -q "Started PluginWorkerApplication" "$BENCH_TMP/$name.log"
  TIMEOUT=60 wait_for "$name partitions" grep -Eqi "$ASSIGNED" "$BENCH_TMP/$name.log"
  # Every stage is a consumer group of its own: the worker has taken its share once each stage's
  # consumers got partitions, not just the first stage's.
  for stage in $(tr , " " <<<"${PLUGINS:-extract}"); do
    TIMEOUT=60 wait_for "$name $stage partitions" \
      grep -Eqi "codegen-plugin-$stage: partitions assigned: \\[[a-z]" "$BENCH_TMP/$name.log"
  done
}

start_plugins() { spawn_plugins "$@" && await_plugins "$@"; }

# Broker, database, fake model ($1 = latency), and the services named in the rest of the args.
stack_up() {
  local latency="$1" svc
  shift
  start_kafka
  new_database
  start_fake "$latency"
  for svc in "$@"; do
    "start_$svc"
  done
}

stack_down() {
  local name
  for name in gateway worker plugins fake empty kafka; do
    stop "$name"
  done
  drop_databases
}

bench_cleanup() {
  local pid
  stack_down
  for pid in "${BENCH_PIDS[@]}"; do
    kill -KILL "$pid" 2>/dev/null || true
  done
}

# Count of jobs in a terminal status (optionally only status $1).
terminal_count() {
  if [[ -n "${1:-}" ]]; then
    sql "SELECT count(*) FROM jobs WHERE status = '$1'"
  else
    sql "SELECT count(*) FROM jobs WHERE status_rank = 3"
  fi
}

# Waits until $1 jobs are terminal, at most $2 seconds; prints the seconds waited.
wait_terminal() {
  local want="$1" limit="$2" start=$SECONDS n
  while :; do
    n="$(terminal_count 2>/dev/null || echo 0)"
    if ((n >= want)); then break; fi
    if ((SECONDS - start > limit)); then
      log "only $n of $want terminal after ${limit}s"
      break
    fi
    sleep 1
  done
  echo $((SECONDS - start))
}

# Pipeline statistics from the store, as JSON: jobs, succeeded, accept-to-stored p50/p99 (ms,
# created_at to updated_at of the terminal write), and the steady throughput: the jobs finished
# between the 10th and 90th percentile of finish times divided by that span. The same again with
# finished_at (the time the last stage wrote JobFinished) instead of updated_at (the projector's
# write): the pipeline without the projector's lag.
pipeline_stats() {
  sql "
  WITH t AS (
    SELECT status, created_at, updated_at,
           extract(epoch FROM updated_at - created_at) * 1000 AS ms,
           extract(epoch FROM finished_at - created_at) * 1000 AS fms,
           extract(epoch FROM updated_at) AS done,
           extract(epoch FROM finished_at) AS fin
      FROM jobs WHERE status_rank = 3 ${1:+AND $1})
  SELECT json_build_object(
    'jobs', count(*),
    'succeeded', count(*) FILTER (WHERE status = 'succeeded'),
    'p50_ms', round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1),
    'p99_ms', round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 1),
    'max_ms', round(max(ms)::numeric, 1),
    'span_s', round(extract(epoch FROM max(updated_at) - min(created_at))::numeric, 2),
    'overall_jobs_per_s', round((count(*) / nullif(extract(epoch FROM max(updated_at) - min(created_at)), 0))::numeric, 1),
    'steady_jobs_per_s', round((0.8 * count(*) / nullif(
        percentile_cont(0.9) WITHIN GROUP (ORDER BY done)
      - percentile_cont(0.1) WITHIN GROUP (ORDER BY done), 0))::numeric, 1),
    'finished_p50_ms', round(percentile_cont(0.5) WITHIN GROUP (ORDER BY fms)::numeric, 1),
    'finished_p99_ms', round(percentile_cont(0.99) WITHIN GROUP (ORDER BY fms)::numeric, 1),
    'by_status', (SELECT json_object_agg(k, n) FROM (SELECT status || coalesce('/' || failure_reason, '') AS k,
        count(*) AS n FROM jobs WHERE status_rank = 3 ${1:+AND $1} GROUP BY 1) x),
    'steady_finished_per_s', round((0.8 * count(*) / nullif(
        percentile_cont(0.9) WITHIN GROUP (ORDER BY fin)
      - percentile_cont(0.1) WITHIN GROUP (ORDER BY fin), 0))::numeric, 1))
  FROM t"
}

# Writes a GenerationRequested JSON line per row into $1 ($2 lines, batch id $3).
request_lines() {
  local file="$1" count="$2" batch="$3" i
  : >"$file"
  for ((i = 0; i < count; i++)); do
    printf '{"custom_id":"r-%d","batch_id":"%s","prompt":"a function that adds two numbers, variant %d","language":"java","max_tokens":512}\n' \
      "$i" "$batch" "$i" >>"$file"
  done
}

# The producer interceptor that puts the x-api-key header ($CODEGEN_API_KEY) on every record
# (bench/kafka/ApiKeyHeader.java): ProducerPerformance has no option for record headers, and the
# gateway rejects bulk records without a key (reason unauthorized on the results topic). Compiled
# once into bench/target; prints the directory to add to the classpath.
api_key_interceptor() {
  local classes="$BENCH_DIR/target/kafka-classes"
  if [[ ! -f "$classes/ApiKeyHeader.class" || "$BENCH_DIR/kafka/ApiKeyHeader.java" -nt "$classes/ApiKeyHeader.class" ]]; then
    mkdir -p "$classes"
    javac -d "$classes" -cp "$(kafka_classpath)" "$BENCH_DIR/kafka/ApiKeyHeader.java" >&2
  fi
  echo "$classes"
}

# Produces $1 records from payload file $2 onto $REQUESTS_TOPIC with ProducerPerformance, each with
# the x-api-key header (the interceptor above); prints its summary line.
produce_requests() {
  local classes
  classes="$(api_key_interceptor)"
  java -Xmx512m -Dlogback.configurationFile="$ROOT/bin/kafka-logback.xml" \
    -cp "$classes:$(kafka_classpath)" org.apache.kafka.tools.ProducerPerformance --topic "$REQUESTS_TOPIC" \
    --num-records "$1" --throughput -1 --payload-file "$2" \
    --producer-props bootstrap.servers="$BOOTSTRAP" acks=all linger.ms=5 batch.size=262144 \
    interceptor.classes=ApiKeyHeader \
    | tail -n 1
}

rss_mb() { ps -o rss= -p "$1" | awk '{printf "%.0f", $1 / 1024}'; }

# Used heap (MB) of a JVM after a full GC.
live_heap_mb() {
  jcmd "$1" GC.run >/dev/null 2>&1
  heap_used_mb "$1"
}

heap_used_mb() {
  # jstat -gc: survivor, eden and old space used (KB), whichever collector runs.
  jstat -gc "$1" 2>/dev/null | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
    NR == 2 { printf "%.0f", ($col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]) / 1024 }'
}

# Collections of a JVM so far, as "<young> <full> <pause seconds>" (jstat -gc, read by column name
# as heap_used_mb does).
gc_counts() {
  jstat -gc "$1" 2>/dev/null | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
    NR == 2 { print $col["YGC"], $col["FGC"], $col["GCT"] }'
}

machine_quiet() {
  local load
  load="$(cut -d ' ' -f 1 /proc/loadavg)"
  awk -v l="$load" 'BEGIN { exit !(l < 1.5) }'
}

result() { cat >"$RESULTS/$1.json"; log "wrote $RESULTS/$1.json: $(cat "$RESULTS/$1.json")"; }

# wrk POSTs to URL $1 for $2 seconds at $3 requests/s (0 = as fast as $4 connections go); prints
# the WRKJSON line of bench/wrk/post.lua.
wrk_post() {
  local url="$1" secs="$2" rate="$3" conns="${4:-}"
  if [[ -z "$conns" ]]; then conns=$((rate / 10 < 8 ? 8 : rate / 10)); fi
  WRK_RATE="$rate" WRK_THREADS=2 wrk -t2 -c"$conns" -d"${secs}"s --latency \
    -s "$BENCH_DIR/wrk/post.lua" "$url" | sed -n 's/^WRKJSON //p'
}

# Seconds the JVMs of the named services have spent compiling, summed (jstat -compiler: C1 and C2).
jit_seconds() {
  local name total=0 t
  for name in "$@"; do
    t="$(jstat -compiler "$(pid_of "$name")" 2>/dev/null | awk 'NR == 2 {print $4}')"
    total="$(awk -v a="$total" -v b="${t:-0}" 'BEGIN {printf "%.2f", a + b}')"
  done
  echo "$total"
}

# Compile seconds since reading $1 (a jit_seconds value) in the services named in the rest.
jit_since() {
  local before="$1"
  shift
  awk -v a="$before" -v b="$(jit_seconds "$@")" 'BEGIN {printf "%.1f", b - a}'
}

# Saturating load on URL $1 (wrk, 64 connections) in rounds of WARM_ROUND_SECONDS (10) until the
# JIT compilers of the services named in the rest of the arguments have settled: a round in which
# each of them compiled for less than WARM_JIT_SHARE (0.2) of the round, or WARM_MAX_SECONDS (300)
# have passed. A JVM that is still compiling is measured in its start-up, not as it runs once
# deployed: on 2 cores the full stack compiled for minutes under load, the compilers taking a third
# of the CPU and halving the throughput. Prints {"seconds", "rounds", "requests", "last_jit_share"}.
warm_up() {
  local url="$1" round="${WARM_ROUND_SECONDS:-10}" max="${WARM_MAX_SECONDS:-300}"
  shift
  local start=$SECONDS rounds=0 requests=0 line name worst now
  local -A before=()
  for name in "$@"; do before[$name]="$(jit_seconds "$name")"; done
  while :; do
    line="$(wrk_post "$url" "$round" 0 64)"
    rounds=$((rounds + 1))
    requests=$((requests + $(jq -r '.requests // 0' <<<"$line")))
    worst=0
    for name in "$@"; do
      now="$(jit_seconds "$name")"
      worst="$(awk -v w="$worst" -v a="${before[$name]}" -v b="$now" -v r="$round" \
        'BEGIN {s = (b - a) / r; printf "%.3f", (s > w) ? s : w}')"
      before[$name]="$now"
    done
    log "warm-up round $rounds: $(jq -r '.per_s' <<<"$line") req/s, largest JIT share $worst ($*)"
    if awk -v w="$worst" -v t="${WARM_JIT_SHARE:-0.2}" 'BEGIN {exit !(w < t)}' ||
      ((SECONDS - start >= max)); then
      break
    fi
  done
  jq -n -c --argjson s "$((SECONDS - start))" --argjson r "$rounds" --argjson q "$requests" \
    --argjson j "$worst" '{seconds: $s, rounds: $r, requests: $q, last_jit_share: $j}'
}

# Accept-path load on URL $1: a discarded warm-up, fixed offered rates ($RATES; wrk paced by
# bench/wrk/post.lua, rate/10 connections, enough for 100 ms responses), then saturation ($WRK_CONNECTIONS connections, as fast
# as they go). Prints JSON.
accept_load() {
  local url="$1" secs="${LOAD_SECONDS:-10}" rate line fixed=() sat conns
  if ((${WARMUP_SECONDS:-5} > 0)); then
    wrk -t2 -c32 -d"${WARMUP_SECONDS:-5}"s -s "$BENCH_DIR/wrk/post.lua" "$url" >/dev/null 2>&1 || true
  fi
  for rate in ${RATES:-250 500 1000 2000}; do
    conns=$((rate / 10 < 8 ? 8 : rate / 10))
    line="$(WRK_RATE="$rate" WRK_THREADS=2 wrk -t2 -c"$conns" -d"${secs}"s --latency \
      -s "$BENCH_DIR/wrk/post.lua" "$url" | sed -n 's/^WRKJSON //p')"
    line="$(jq -c --argjson r "$rate" --argjson c "$conns" '{offered_per_s: $r, connections: $c} + .' <<<"$line")"
    log "rate $rate: $line"
    fixed+=("$line")
    sleep 1
  done
  sat="$(wrk -t2 -c"${WRK_CONNECTIONS:-64}" -d"${SAT_SECONDS:-15}"s --latency -s "$BENCH_DIR/wrk/post.lua" "$url" \
    | sed -n 's/^WRKJSON //p')"
  log "saturation: $sat"
  local IFS=,
  printf '{"fixed":[%s],"saturation":%s}\n' "${fixed[*]}" "$sat"
}

# CPU ticks (1/100 s, user + system) so far of the named services and of every PostgreSQL
# process, and of the whole machine including idle, as "name=ticks ..." (for cpu_split).
cpu_ticks() {
  local name t=0 p
  for name in "$@"; do
    printf '%s=%s ' "$name" "$(awk '{print $14 + $15}' "/proc/$(pid_of "$name")/stat")"
  done
  for p in $(pgrep -x postgres); do
    t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  printf 'postgres=%s machine=%s\n' "$t" "$(awk '/^cpu / {print $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat)"
}

# CPU microseconds per request of each process between two cpu_ticks readings ($1, $2) for $3
# requests, as JSON: where a request's CPU goes. rest_us is the load generator, everything else on
# the machine and idle time: all the cores' time per request minus the named processes'.
cpu_split() {
  jq -n -c --arg a "$1" --arg b "$2" --argjson n "$3" '
    def parse: split(" ") | map(select(length > 0) | split("=") | {(.[0]): (.[1] | tonumber)}) | add;
    ($a | parse) as $x | ($b | parse) as $y
    | ([$y | keys[] | select(. != "machine")] | map({(.): ((($y[.] - $x[.]) * 10000 / $n) | round)}) | add)
    + {requests: $n, all_cores_us: ((($y.machine - $x.machine) * 10000 / $n) | round),
       rest_us: (((($y.machine - $x.machine)
                   - ([$y | keys[] | select(. != "machine") | $y[.] - $x[.]] | add)) * 10000 / $n) | round)}'
}

# One more saturating run on URL $1 (SPLIT_SECONDS, default 15 s, 64 connections) with the CPU of
# the services named in the rest, of PostgreSQL and of the machine read before and after: prints
# cpu_split's JSON plus the run's req/s.
saturation_cpu() {
  local url="$1" before run split
  shift
  before="$(cpu_ticks "$@")"
  run="$(wrk_post "$url" "${SPLIT_SECONDS:-15}" 0 64)"
  split="$(cpu_split "$before" "$(cpu_ticks "$@")" "$(jq .requests <<<"$run")" |
    jq -c --argjson r "$run" '. + {per_s: $r.per_s}')"
  log "CPU per request at saturation (us): $split"
  echo "$split"
}
