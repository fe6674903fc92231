#!/usr/bin/env bash
# Fault suite: real processes (a Kafka broker JVM, a PostgreSQL of its own, the gateway, the
# generation worker and the plugin worker as separate JVMs, the fake model), one fault at a time on
# a fresh database and a fresh broker, measured from outside only (HTTP, the public topics, the
# jobs and audit_events tables, the fake model's /stats). See chaos/README.md.
#
#   chaos/run.sh [fault ...]     default: all faults, in order
#   QUICK=1 chaos/run.sh         smaller numbers and short outages
#
# Prints one line per fault:
#   fault | accepted | terminal | stuck | duplicated results | duplicated terminal audit rows |
#   model calls | allowed
# and exits non-zero when a line shows stuck > 0, duplicates > 0, model calls above allowed, or a
# fault's own check failed (lines starting with "  CHECK FAILED").
set -uo pipefail

CHAOS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CHAOS_TMP="${CHAOS_TMP:-/tmp/codegen-chaos}"
ALL_FAULTS=(worker-kill gateway-kill broker-down postgres-down cancel bulk-ids scale plugin-scale poison)

# Ports of their own, so that the suite runs next to bench/ (39xxx, 38xxx) and bin/codegen.
export BENCH_KAFKA_PORT="${BENCH_KAFKA_PORT:-49092}"
export BENCH_KAFKA_CONTROLLER_PORT="${BENCH_KAFKA_CONTROLLER_PORT:-49093}"
export BENCH_FAKE_PORT="${BENCH_FAKE_PORT:-48080}"
export BENCH_GATEWAY_PORT="${BENCH_GATEWAY_PORT:-48081}"
# The workers' ops ports: any free one (two workers run side by side in `scale`).
export CODEGEN_OPS_PORT=0
PG_PORT="${CHAOS_PG_PORT:-49432}"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
PG_DATA="$CHAOS_TMP/pgdata"
# A PostgreSQL of our own (initdb + pg_ctl) that postgres-down can stop; CHAOS_LOCAL_PG=1, or no
# initdb, uses the local server on BENCH_PG (127.0.0.1:5432) and skips postgres-down.
if [[ "${CHAOS_LOCAL_PG:-0}" != 1 && -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" ]]; then
  OWN_PG=1
  export BENCH_PG="127.0.0.1:$PG_PORT"
else
  OWN_PG=0
fi
export BENCH_TMP="$CHAOS_TMP/suite"
mkdir -p "$CHAOS_TMP"
# shellcheck source=../bench/lib.sh
source "$CHAOS_DIR/../bench/lib.sh"
# Every gateway request carries $CODEGEN_API_KEY (bench/lib.sh: the admin key given, else the
# development key): curl through api_curl, ChaosClient reads it from the environment.
RESULTS_TOPIC=codegen.results.v1
DLT_TOPIC=codegen.requests.v1.dlt
CLASSES="$CHAOS_TMP/classes"
LINES="$CHAOS_TMP/lines.txt"
TERMINAL="('succeeded','failed','rejected','cancelled')"
TERMINAL_ACTIONS="('job.succeeded','job.failed','job.rejected','job.cancelled')"

# Sizes: full run, or QUICK=1 (smaller numbers, short outages).
if [[ "$QUICK" == 1 ]]; then
  WAIT_SECONDS="${WAIT_SECONDS:-150}"
  WK_JOBS=100 WK_IN_FLIGHT=60
  GK_JOBS=200
  BD_JOBS=60 BROKER_DOWN_SECONDS="${BROKER_DOWN_SECONDS:-10}"
  PD_JOBS=60 POSTGRES_DOWN_SECONDS="${POSTGRES_DOWN_SECONDS:-10}"
  CANCEL_JOBS=120 CANCEL_LATENCY=fixed:3000 CANCEL_QUEUED=30 CANCEL_IN_FLIGHT=10
  BULK_HTTP=10 BULK_EXISTING=5 BULK_NEW=5
  SCALE_RATE=3
  POISON_WAVES=3
else
  WAIT_SECONDS="${WAIT_SECONDS:-240}"
  WK_JOBS=200 WK_IN_FLIGHT=150
  GK_JOBS=500
  BD_JOBS=200 BROKER_DOWN_SECONDS="${BROKER_DOWN_SECONDS:-60}"
  PD_JOBS=200 POSTGRES_DOWN_SECONDS="${POSTGRES_DOWN_SECONDS:-30}"
  CANCEL_JOBS=200 CANCEL_LATENCY=fixed:4000 CANCEL_QUEUED=50 CANCEL_IN_FLIGHT=10
  BULK_HTTP=20 BULK_EXISTING=10 BULK_NEW=10
  SCALE_RATE=5
  POISON_WAVES=3
fi
# plugin-scale: the plugin chain both plugin workers run (the default chain).
PLUGIN_SCALE_CHAIN="${PLUGIN_SCALE_CHAIN:-extract,format,javac,syntax}"
# QUICK: the gateway and the plugin worker start on C1 alone (CPU-bound start-up of three JVMs on
# two cores); set GATEWAY_OPTS / PLUGIN_OPTS (even empty) to choose.
if [[ "$QUICK" == 1 ]]; then
  export GATEWAY_OPTS="${GATEWAY_OPTS--XX:TieredStopAtLevel=1}" PLUGIN_OPTS="${PLUGIN_OPTS--XX:TieredStopAtLevel=1}"
fi
# Longest a fault may run, start-up and teardown included; then it is stopped and marked stuck.
FAULT_LIMIT="${FAULT_LIMIT:-$((WAIT_SECONDS + 480))}"

# ---------------------------------------------------------------------------------------------
# PostgreSQL of our own: initdb once per suite run, stopped at its end.

as_pg() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_up() {
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$CHAOS_TMP/postgres.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DATA -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" \
    start >/dev/null
}

pg_running() { as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }

pg_init() {
  ((OWN_PG)) || return 0
  if pg_running; then as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast stop >/dev/null; fi
  rm -rf "$PG_DATA"
  mkdir -p "$PG_DATA"
  : >"$CHAOS_TMP/postgres.log"
  [[ "$(id -u)" != 0 ]] || chown postgres "$PG_DATA" "$CHAOS_TMP/postgres.log"
  chmod 700 "$PG_DATA"
  as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust -E UTF8 --no-sync >"$CHAOS_TMP/initdb.log" 2>&1 || {
    log "initdb failed (see $CHAOS_TMP/initdb.log)"
    return 1
  }
  pg_up && log "PostgreSQL on 127.0.0.1:$PG_PORT ($PG_DATA)"
}

pg_ensure() {
  ((OWN_PG)) || return 0
  pg_running || pg_up
}

pg_down() {
  ((OWN_PG)) || return 0
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast stop >/dev/null 2>&1 || true
}

# ---------------------------------------------------------------------------------------------
# The suite's client (chaos/ChaosClient.java), compiled once against the broker's classpath.

client() {
  java -Xmx256m -Dlogback.configurationFile="$ROOT/bin/kafka-logback.xml" \
    -cp "$CLASSES:$(kafka_classpath)" ChaosClient "$@"
}

compile_client() {
  mkdir -p "$CLASSES"
  if [[ ! -f "$CLASSES/ChaosClient.class" || "$CHAOS_DIR/ChaosClient.java" -nt "$CLASSES/ChaosClient.class" ]]; then
    javac -d "$CLASSES" -cp "$(kafka_classpath)" "$CHAOS_DIR/ChaosClient.java"
  fi
}

ensure_jars() {
  local m
  for m in api-gateway generation-worker plugin-worker; do
    if ! ls "$ROOT/$m/target/$m"-*-exec.jar >/dev/null 2>&1; then
      log "building the services' jars (./mvnw -q -DskipTests package)"
      (cd "$ROOT" && ./mvnw -q -B -DskipTests -Djacoco.skip=true package) || return 1
      return 0
    fi
  done
}

# ---------------------------------------------------------------------------------------------
# One fault: a fresh broker, database and fake model, the three services started side by side.

GEN="http://127.0.0.1:$BENCH_GATEWAY_PORT"

fault_up() {
  local latency="$1"
  spawn_kafka || return 1
  FAKE_ARGS=--count-markers spawn_fake "$latency" || return 1
  new_database || return 1
  await_kafka && await_fake || return 1
  spawn_gateway
  spawn_worker
  spawn_plugins
  await_gateway && await_worker && await_plugins
}

fault_down() {
  local name
  # Everything was measured: SIGKILL, no drain (the next fault starts from fresh data anyway).
  local pid
  for name in gateway worker worker2 plugins plugins2 fake kafka; do
    [[ -f "$BENCH_TMP/$name.pid" ]] || continue
    pid="$(pid_of "$name")"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    rm -f "$BENCH_TMP/$name.pid"
  done
  drop_databases
}

# kill -9, as a crash.
crash() {
  local pid
  pid="$(pid_of "$1")"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  rm -f "$BENCH_TMP/$1.pid"
  log "killed $1 (pid $pid) with SIGKILL"
}

# A request body carrying marker JOB-<n> (the fake model counts requests per marker).
body() { printf '{"prompt":"a function that adds two numbers, case %s","language":"java","max_tokens":256}' "$1"; }

# Writes $1 bodies with markers <prefix>-<start>.. into file $3.
bodies() {
  local count="$1" prefix="$2" file="$3" start="${4:-0}" i
  : >"$file"
  for ((i = start; i < start + count; i++)); do
    body "$prefix-$i" >>"$file"
    echo >>"$file"
  done
}

# POSTs every line of file $1 to /generate ($2 connections); output "line status id" in $1.out;
# accepted ids are added to accepted.txt.
post_all() {
  client post "$GEN/generate" "$1" "${2:-32}" >"$1.out"
  awk '$2 == 202 && $3 != "-" {print $3}' "$1.out" >>"$FD/accepted.txt"
  log "posted $(wc -l <"$1"): $(awk '{print $2}' "$1.out" | sort | uniq -c | tr -s ' ' | paste -sd ',')"
}

# Paced load in the background: $1 requests/s, markers JOB-1000<n> (apart from the batches'
# JOB-<n>, n < 1000); stop_pace ends it.
start_pace() {
  rm -f "$FD/pace.stop"
  client pace "$GEN/generate" "$(body "JOB-1000%d")" "$1" "$FD/pace.stop" >"$FD/pace.out" 2>"$FD/pace.err" &
  PACE_PID=$!
}

stop_pace() {
  touch "$FD/pace.stop"
  wait "$PACE_PID" 2>/dev/null
  awk '$2 == 202 && $3 != "-" {print $3}' "$FD/pace.out" >>"$FD/accepted.txt"
  log "paced load: $(awk '{print $2}' "$FD/pace.out" | sort | uniq -c | tr -s ' ' | paste -sd ',')"
}

accepted() { sort -u "$FD/accepted.txt" | wc -l; }
ids_array() { printf "'{%s}'::uuid[]" "$(sort -u "$FD/accepted.txt" | paste -sd ',')"; }
terminal() { sql "SELECT count(*) FROM jobs WHERE status IN $TERMINAL AND id = ANY($(ids_array))" 2>/dev/null || echo 0; }
in_flight() { fake_stats | jq .in_flight; }
model_calls() { fake_stats | jq .requests; }
marker() { curl -fs "http://127.0.0.1:$FAKE_PORT/stats?marker=$1"; }

# Waits until every accepted job is terminal or WAIT_SECONDS passed, then until the model has
# been idle for 3 s (late duplicates), at most 20 s more.
wait_done() {
  local want start=$SECONDS n=0 idle=0
  want="$(accepted)"
  while ((SECONDS - start < WAIT_SECONDS)); do
    n="$(terminal)"
    ((n >= want)) && break
    sleep 2
  done
  WAITED=$((SECONDS - start))
  log "$n of $want accepted jobs terminal after $WAITED s"
  start=$SECONDS
  while ((SECONDS - start < 20 && idle < 3)); do
    if [[ "$(in_flight)" == 0 ]]; then idle=$((idle + 1)); else idle=0; fi
    sleep 1
  done
}

# Records of a topic as "key TAB status TAB event-id" into $FD/<topic>.tsv; prints the count.
read_topic() {
  client read "$BOOTSTRAP" "$1" >"$FD/$1.tsv" 2>"$FD/$1.err"
  wc -l <"$FD/$1.tsv"
}

# The fault's line: $1 fault, $2 allowed extra model calls (in flight at a crash), $3 allowed
# model calls (default accepted + $2).
report() {
  local fault="$1" extra="${2:-0}" by_status acc term stuck records dup_results events dup_audit calls allowed repeated
  acc="$(accepted)"
  term="$(terminal)"
  stuck=$((acc - term))
  by_status="$(sql "SELECT string_agg(status || ' ' || n, ', ') FROM (SELECT status, count(*) n FROM jobs GROUP BY 1 ORDER BY 1) s")"
  records="$(read_topic "$RESULTS_TOPIC")"
  dup_results="$(cut -f1 "$FD/$RESULTS_TOPIC.tsv" | sort | uniq -d | wc -l)"
  events="$(cut -f3 "$FD/$RESULTS_TOPIC.tsv" | sort -u | wc -l)"
  dup_audit="$(sql "SELECT count(*) FROM (SELECT job_id FROM audit_events WHERE action IN $TERMINAL_ACTIONS
    GROUP BY job_id HAVING count(*) > 1) d" 2>/dev/null || echo '?')"
  calls="$(model_calls)"
  # A service that died without the suite killing it (crash or stop remove its pid file) makes the
  # numbers meaningless: say so.
  local name
  for name in gateway worker worker2 plugins plugins2 kafka fake; do
    if [[ -f "$BENCH_TMP/$name.pid" ]] && ! kill -0 "$(pid_of "$name")" 2>/dev/null; then
      printf '  CHECK FAILED %s: %s exited on its own or was stopped from outside the suite (see %s)\n' \
        "$FAULT" "$name" "$BENCH_TMP/$name.log" | tee -a "$LINES"
    fi
  done
  allowed="${3:-$((acc + extra))}"
  repeated="$(marker JOB | jq .repeated)"
  printf '%s | %s | %s | %s | %s | %s | %s | %s (+%s in flight at crash)\n' "$fault" "$acc" "$term" "$stuck" \
    "$dup_results" "$dup_audit" "$calls" "$allowed" "$extra" | tee -a "$LINES"
  detail "results records $records (distinct event-id headers $events) for $(cut -f1 "$FD/$RESULTS_TOPIC.tsv" | sort -u | wc -l) jobs; jobs with more than one model call $repeated; jobs by status at the deadline: $by_status; the last wait for terminal jobs took ${WAITED:-?} s"
}

detail() { printf '  %s: %s\n' "$FAULT" "$*" | tee -a "$LINES"; }

check() {
  # $1 = condition met (0/1 as shell status of a test), $2 = what was expected
  if eval "$1"; then detail "ok: $2"; else printf '  CHECK FAILED %s: %s\n' "$FAULT" "$2" | tee -a "$LINES"; fi
}

# ---------------------------------------------------------------------------------------------
# The faults. Each runs in its own process (chaos/run.sh --one <fault>) under FAULT_LIMIT.

fault_worker-kill() {
  fault_up fixed:2000 || return 1
  bodies "$WK_JOBS" JOB "$FD/b1"
  post_all "$FD/b1" 64 &
  local poster=$! deadline=$((SECONDS + 30)) n
  while (((n = $(in_flight)) < WK_IN_FLIGHT && SECONDS < deadline)); do sleep 0.1; done
  n="$(in_flight)"
  detail "model calls in flight right before kill -9 of the generation worker: $n"
  crash worker
  start_worker
  wait "$poster"
  wait_done
  report worker-kill "$n"
}

fault_gateway-kill() {
  fault_up fixed:1000 || return 1
  bodies "$GK_JOBS" JOB "$FD/b1"
  post_all "$FD/b1" 64 &
  local poster=$! deadline=$((SECONDS + 60)) stored=0 outbox=0
  # The kill comes once 80% of the burst is stored, while the relay is still sending; the rest of
  # the burst gets connection errors (not accepted).
  while ((SECONDS < deadline)); do
    read -r stored outbox < <(sql "SELECT (SELECT count(*) FROM jobs), (SELECT count(*) FROM outbox)")
    ((stored * 10 >= GK_JOBS * 8)) && break
    sleep 0.05
  done
  crash gateway
  wait "$poster"
  detail "jobs stored when the gateway was killed: $stored; outbox rows still in the table (not relayed, or relayed but not yet deleted) then: $outbox, after the kill: $(sql 'SELECT count(*) FROM outbox')"
  start_gateway
  wait_done
  report gateway-kill 0
}

fault_broker-down() {
  fault_up fixed:2000 || return 1
  bodies "$BD_JOBS" JOB "$FD/b1"
  post_all "$FD/b1" 64
  local deadline=$((SECONDS + 20))
  while (($(in_flight) == 0 && SECONDS < deadline)); do sleep 0.2; done
  detail "model calls in flight when the broker was killed: $(in_flight)"
  crash kafka
  start_pace 2
  sleep "$BROKER_DOWN_SECONDS"
  KAFKA_KEEP_DATA=1 start_kafka
  sleep 5
  stop_pace
  detail "broker down ${BROKER_DOWN_SECONDS} s; HTTP answers while it was down or coming back: $(awk '{print $2}' "$FD/pace.out" | sort | uniq -c | tr -s ' ' | paste -sd ',')"
  wait_done
  # A broker outage is no crash of a worker: no extra model call is allowed.
  report broker-down 0
}

probe() {
  # $1 name, rest: curl args; prints "name=code(Retry-After: x, n s)"
  local name="$1" out t0=$SECONDS code ra
  shift
  out="$(api_curl -s -o /dev/null -D - --max-time $((POSTGRES_DOWN_SECONDS + 15)) "$@" | tr -d '\r')"
  code="$(awk 'NR == 1 {print $2}' <<<"$out")"
  ra="$(awk -F': ' 'tolower($1) == "retry-after" {print $2}' <<<"$out")"
  printf '%s=%s(Retry-After:%s,%ss)\n' "$name" "${code:-000}" "${ra:--}" "$((SECONDS - t0))"
}

fault_postgres-down() {
  if ((!OWN_PG)); then
    printf 'postgres-down | skipped: no PostgreSQL of our own (initdb/pg_ctl) to stop\n' | tee -a "$LINES"
    return 0
  fi
  fault_up fixed:2000 || return 1
  bodies "$PD_JOBS" JOB "$FD/b1"
  post_all "$FD/b1" 64
  local id done_id deadline=$((SECONDS + 20))
  id="$(head -n 1 "$FD/accepted.txt")"
  while (($(in_flight) == 0 && SECONDS < deadline)); do sleep 0.2; done
  detail "model calls in flight when PostgreSQL stopped: $(in_flight)"
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate stop >/dev/null
  log "PostgreSQL stopped (immediate) for $POSTGRES_DOWN_SECONDS s"
  start_pace 2
  sleep 3
  {
    probe "GET /jobs/{id}" "$GEN/jobs/$id" &
    probe "GET /jobs/{id}/audit" "$GEN/jobs/$id/audit" &
    probe "GET /history" "$GEN/history" &
    probe "POST /jobs/{id}/cancel" -X POST "$GEN/jobs/$id/cancel" &
    probe "POST /generate" -X POST -H 'Content-Type: application/json' -d "$(body PROBE-1)" "$GEN/generate" &
    probe "GET /health/readiness" "$GEN/health/readiness" &
    wait
  } >"$FD/probes.txt" &
  local probes=$!
  # The outage lasts POSTGRES_DOWN_SECONDS whatever the probes do; a probe still waiting then
  # shows the answer it got once PostgreSQL was back, and how long it waited.
  sleep $((POSTGRES_DOWN_SECONDS > 3 ? POSTGRES_DOWN_SECONDS - 3 : 0))
  pg_up
  log "PostgreSQL started again"
  wait "$probes"
  sleep 5
  stop_pace
  # The probe POST /generate and the paced load may have been accepted after all: count them.
  printf 'postgres-down probes | %s\n' "$(sort "$FD/probes.txt" | paste -sd ' ')" | tee -a "$LINES"
  detail "HTTP answers to POST /generate while PostgreSQL was down or coming back: $(awk '{print $2}' "$FD/pace.out" | sort | uniq -c | tr -s ' ' | paste -sd ',')"
  local bad
  bad="$(grep -v 'readiness' "$FD/probes.txt" | grep -vc '=503(Retry-After:[0-9]')"
  check "((bad == 0))" "every probe of the API answered 503 with Retry-After while PostgreSQL was down ($bad did not)"
  wait_done
  report postgres-down 0
}

fault_cancel() {
  CONCURRENCY=20 fault_up "$CANCEL_LATENCY" || return 1
  bodies "$CANCEL_JOBS" JOB "$FD/b1"
  post_all "$FD/b1" 32
  local deadline=$((SECONDS + 30)) queued flying
  while (($(sql "SELECT count(*) FROM jobs WHERE status = 'generating'") < CANCEL_IN_FLIGHT && SECONDS < deadline)); do
    sleep 0.2
  done
  # The newest queued jobs (furthest from the worker) and jobs already generating.
  queued="$(sql "SELECT id FROM jobs WHERE status = 'queued' ORDER BY created_at DESC, id DESC LIMIT $CANCEL_QUEUED")"
  flying="$(sql "SELECT id FROM jobs WHERE status = 'generating' ORDER BY created_at LIMIT $CANCEL_IN_FLIGHT")"
  local id code q_ok=0 f_ok=0 other=0
  # Both sets at once, 10 requests side by side: "<id> <kind> <HTTP status>".
  { sed 's/$/ queued/' <<<"$queued"; sed 's/$/ flying/' <<<"$flying"; } | grep -v '^ ' |
    xargs -P 10 -L 1 sh -c 'echo "$0 $1 $(curl -s -o /dev/null -w "%{http_code}" -H "X-API-Key: $CODEGEN_API_KEY" -X POST "'"$GEN"'/jobs/$0/cancel")"' \
      >"$FD/cancels.txt"
  awk '$3 == 200 {print $1, $2}' "$FD/cancels.txt" >"$FD/cancelled.txt"
  q_ok="$(grep -c ' queued$' "$FD/cancelled.txt")"
  f_ok="$(grep -c ' flying$' "$FD/cancelled.txt")"
  other="$(awk '$3 != 200' "$FD/cancels.txt" | wc -l)"
  detail "cancel answered 200 for $q_ok queued and $f_ok generating jobs ($other other answers: $(awk '$3 != 200 {print $3}' "$FD/cancels.txt" | sort | uniq -c | tr -s ' ' | paste -sd ','))"
  wait_done
  # Model calls of the cancelled jobs, by their prompts' markers (line n of b1 is JOB-n).
  local q_calls=0 f_calls=0 line n kind
  while read -r id kind; do
    line="$(awk -v id="$id" '$3 == id {print $1}' "$FD/b1.out")"
    n="$(marker "JOB-$line" | jq .requests)"
    if [[ "$kind" == queued ]]; then q_calls=$((q_calls + n)); else f_calls=$((f_calls + n)); fi
  done <"$FD/cancelled.txt"
  detail "model calls for jobs cancelled while queued: $q_calls (expected 0), while generating: $f_calls (at most $f_ok)"
  # Store and results topic agree on every cancelled job.
  read_topic "$RESULTS_TOPIC" >/dev/null
  local store_bad=0 topic_bad=0 statuses
  while read -r id kind; do
    [[ "$(sql "SELECT status FROM jobs WHERE id = '$id'")" == cancelled ]] || store_bad=$((store_bad + 1))
    statuses="$(awk -F'\t' -v id="$id" '$1 == id {print $2}' "$FD/$RESULTS_TOPIC.tsv" | sort -u | paste -sd ',')"
    [[ "$statuses" == cancelled ]] || topic_bad=$((topic_bad + 1))
  done <"$FD/cancelled.txt"
  detail "cancelled jobs whose results-topic records are not exactly 'cancelled': $topic_bad of $((q_ok + f_ok)); their records by status: $(awk 'NR == FNR {c[$1] = 1; next} ($1 in c) {print $2}' "$FD/cancelled.txt" "$FD/$RESULTS_TOPIC.tsv" | sort | uniq -c | tr -s ' ' | paste -sd ',')"
  local finished
  finished="$(sql "SELECT id FROM jobs WHERE status = 'succeeded' LIMIT 1")"
  code="$(api_curl -s -o /dev/null -w '%{http_code}' -X POST "$GEN/jobs/$finished/cancel")"
  check "[[ $code == 409 ]]" "cancel of a finished job answers 409 (got $code)"
  check "((store_bad == 0))" "every cancelled job is cancelled in the store ($store_bad are not)"
  check "((topic_bad == 0))" "every cancelled job's results-topic status is cancelled, matching the store ($topic_bad do not)"
  check "((q_calls == 0))" "no model call for a job cancelled while queued ($q_calls calls)"
  # Jobs cancelled while queued should never reach the model.
  report cancel 0 "$(($(accepted) - q_ok))"
}

fault_bulk-ids() {
  fault_up fixed:500 || return 1
  bodies "$BULK_HTTP" JOB "$FD/b1"
  post_all "$FD/b1" 16
  wait_done
  local before_calls before_audit existing i id
  before_calls="$(model_calls)"
  existing="$(head -n "$BULK_EXISTING" "$FD/accepted.txt")"
  before_audit="$(sql "SELECT count(*) FROM audit_events WHERE job_id IN ($(sed "s/.*/'&'/" <<<"$existing" | paste -sd ,))")"
  : >"$FD/bulk.tsv"
  i=0
  for id in $existing; do
    printf '%s\t{"job_id":"%s","custom_id":"old-%d","prompt":"a function that adds two numbers, case BULKOLD-%d","language":"java","max_tokens":256}\n' \
      "$id" "$id" "$i" "$i" >>"$FD/bulk.tsv"
    i=$((i + 1))
  done
  for ((i = 0; i < BULK_NEW; i++)); do
    id="$(cat /proc/sys/kernel/random/uuid)"
    echo "$id" >>"$FD/accepted.txt"
    printf '%s\t{"job_id":"%s","custom_id":"new-%d","prompt":"a function that adds two numbers, case BULKNEW-%d","language":"java","max_tokens":256}\n' \
      "$id" "$id" "$i" "$i" | tee -a "$FD/bulk.tsv" >>"$FD/bulk.tsv"
  done
  detail "bulk records produced: $(client produce "$BOOTSTRAP" "$REQUESTS_TOPIC" "$FD/bulk.tsv") ($BULK_EXISTING naming existing HTTP jobs, $BULK_NEW new job ids twice each)"
  wait_done
  sleep 5
  local old new after_audit dlt
  old="$(marker BULKOLD | jq .requests)"
  new="$(marker BULKNEW)"
  after_audit="$(sql "SELECT count(*) FROM audit_events WHERE job_id IN ($(sed "s/.*/'&'/" <<<"$existing" | paste -sd ,))")"
  dlt="$(read_topic "$DLT_TOPIC")"
  detail "model calls for records naming existing jobs: $old; for the repeated new ids: $(jq .requests <<<"$new") over $(jq .distinct <<<"$new") ids ($(jq .repeated <<<"$new") called more than once); model calls before the bulk records $before_calls, after $(model_calls)"
  detail "audit rows of the existing jobs: $before_audit before, $after_audit after; records on $DLT_TOPIC: $dlt ($(cut -f1 "$FD/$DLT_TOPIC.tsv" | sort | uniq -c | wc -l) keys)"
  check "((old == 0))" "records naming an existing job's id run nothing ($old model calls)"
  check "(($(jq .repeated <<<"$new") == 0))" "a job id repeated in two records runs once"
  check "((after_audit == before_audit))" "the existing jobs' audit trails are unchanged ($before_audit -> $after_audit rows)"
  report bulk-ids 0
}

# Steps of the membership faults (scale, plugin-scale). steps_begin starts the first step; step NAME
# ends the current one and starts the next; mark TEXT notes an event (SIGTERM sent, process gone,
# ready) with its UTC time in marks.txt, to place the longest pauses. The numbers are computed at
# the end (steps_report), once every job had its chance to finish: per step, the jobs accepted in
# it, those of them still not terminal (stuck), duplicated terminal audit rows among them, model
# calls in the step, generation and plugin runs repeated (an event id of `generation.started` or
# `plugin.reported` on codegen.job-events.v1 more than once, counted in the step of its first
# record), and the longest gap between finishes (jobs.finished_at, the last stage's JobFinished),
# with when it began.
mark() {
  printf '%s %s\n' "$(date -u +%H:%M:%S.%3N)" "$*" >>"$FD/marks.txt"
  log "$*"
}

steps_begin() {
  STEP_T="$(date +%s.%N)" STEP_C="$(model_calls)"
  : >"$FD/steps.txt"
}

step() {
  local t1 c1
  t1="$(date +%s.%N)" c1="$(model_calls)"
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$STEP_T" "$t1" "$STEP_C" "$c1" >>"$FD/steps.txt"
  mark "end of step: $1"
  STEP_T="$t1" STEP_C="$c1"
}

# Event ids of action $1 seen more than once on codegen.job-events.v1, as "first-timestamp-ms".
repeated_events() {
  awk -F'\t' -v a="$1" '$5 == a {n[$3]++; if (!($3 in t) || $4 < t[$3]) t[$3] = $4}
    END {for (e in n) if (n[e] > 1) print t[e]}' "$FD/codegen.job-events.v1.tsv"
}

steps_report() {
  local name from to c0 c1 jobs stuck dup gap gap_at gen plug
  read_topic codegen.job-events.v1 >/dev/null
  repeated_events generation.started >"$FD/repeated-generation.txt"
  repeated_events plugin.reported >"$FD/repeated-plugin.txt"
  while IFS=$'\t' read -r name from to c0 c1; do
    read -r jobs stuck dup gap gap_at < <(sql "
      WITH j AS (SELECT id, status FROM jobs WHERE created_at >= to_timestamp($from) AND created_at < to_timestamp($to)),
           f AS (SELECT finished_at, lag(finished_at) OVER (ORDER BY finished_at) AS prev FROM jobs
                 WHERE finished_at >= to_timestamp($from) AND finished_at < to_timestamp($to)),
           g AS (SELECT prev, finished_at - prev AS gap FROM f WHERE prev IS NOT NULL ORDER BY gap DESC LIMIT 1)
      SELECT (SELECT count(*) FROM j),
             (SELECT count(*) FROM j WHERE status NOT IN $TERMINAL),
             (SELECT count(*) FROM (SELECT a.job_id FROM audit_events a JOIN j ON j.id = a.job_id
                WHERE a.action IN $TERMINAL_ACTIONS GROUP BY a.job_id HAVING count(*) > 1) d),
             coalesce((SELECT round(extract(epoch FROM gap)::numeric, 1) FROM g), 0),
             coalesce((SELECT to_char(prev AT TIME ZONE 'UTC', 'HH24:MI:SS.MS') FROM g), '-')")
    gen="$(awk -v f="$from" -v t="$to" '$1 >= f * 1000 && $1 < t * 1000' "$FD/repeated-generation.txt" | wc -l)"
    plug="$(awk -v f="$from" -v t="$to" '$1 >= f * 1000 && $1 < t * 1000' "$FD/repeated-plugin.txt" | wc -l)"
    printf '  %s step %-30s | jobs %s | stuck %s | duplicated terminal rows %s | model calls %s | generation runs repeated %s | plugin reports repeated %s | longest pause in completions %s s (from %s)\n' \
      "$FAULT" "$name" "$jobs" "$stuck" "$dup" "$((c1 - c0))" "$gen" "$plug" "$gap" "$gap_at" | tee -a "$LINES"
  done <"$FD/steps.txt"
  detail "marks (UTC): $(paste -sd ';' "$FD/marks.txt")"
}

# SIGTERM (the suite's stop: TERM, KILL after 20 s), with marks around it.
leave() {
  mark "SIGTERM $1"
  stop "$1"
  mark "$1 exited"
}

# $1 = start_worker or start_plugins, $2 = name; marks when it was started and when it was ready.
arrive() {
  mark "start $2"
  "$1" "$2"
  mark "$2 ready (partitions assigned)"
}

fault_scale() {
  fault_up fixed:1000 || return 1
  start_worker worker2 || return 1
  start_pace "$SCALE_RATE"
  sleep 10
  steps_begin
  sleep 10
  step "two workers"
  detail "in flight before SIGTERM of worker2: $(in_flight)"
  leave worker2
  sleep 10
  step "SIGTERM worker2 (one left)"
  arrive start_worker worker2
  sleep 10
  step "start worker2 under load"
  detail "in flight before SIGTERM of worker: $(in_flight)"
  leave worker
  arrive start_worker worker
  detail "in flight before SIGTERM of worker2: $(in_flight)"
  leave worker2
  arrive start_worker worker2
  sleep 10
  step "rolling restart of both"
  stop_pace
  wait_done
  step "drain"
  steps_report
  report scale 0
}

# Two plugin workers (every stage's group has two members) under a steady load on a fast model:
# one leaves (SIGTERM), one joins, then both are restarted one by one.
fault_plugin-scale() {
  PLUGINS="$PLUGIN_SCALE_CHAIN" fault_up fixed:200 || return 1
  PLUGINS="$PLUGIN_SCALE_CHAIN" start_plugins plugins2 || return 1
  start_pace "$SCALE_RATE"
  sleep 10
  steps_begin
  sleep 10
  step "two plugin workers"
  leave plugins2
  sleep 10
  step "SIGTERM plugins2 (one left)"
  PLUGINS="$PLUGIN_SCALE_CHAIN" arrive start_plugins plugins2
  sleep 10
  step "start plugins2 under load"
  leave plugins
  PLUGINS="$PLUGIN_SCALE_CHAIN" arrive start_plugins plugins
  leave plugins2
  PLUGINS="$PLUGIN_SCALE_CHAIN" arrive start_plugins plugins2
  sleep 10
  step "rolling restart of both"
  stop_pace
  wait_done
  step "drain"
  steps_report
  report plugin-scale 0
}

fault_poison() {
  fault_up fixed:500 || return 1
  local wave i f field valid_bad=0 poison_codes=""
  for ((wave = 0; wave < POISON_WAVES; wave++)); do
    f="$FD/wave$wave"
    : >"$f"
    for ((i = 0; i < 40; i++)); do
      case $((i % 10)) in
        1) field='"custom_id":"c\u0000x",' ;;
        3) field='"batch_id":"b\u0000x",' ;;
        5) field='"model":"gpt\u0000-4.1",' ;;
        7) field='"metadata":{"team":"da\u0000ta"},' ;;
        *) field='' ;;
      esac
      # 4 poisoned of 40: lines 1, 3, 5 and 7.
      ((i >= 10)) && field=''
      printf '{%s"prompt":"a function that adds two numbers, case JOB-%d","language":"java","max_tokens":256}\n' \
        "$field" $((wave * 40 + i)) >>"$f"
    done
    post_all "$f" 40
    # Lines 1, 3, 5 and 7 are the poisoned ones.
    valid_bad=$((valid_bad + $(awk '!($1 < 8 && $1 % 2 == 1) && $2 != 202 {n++} END {print n + 0}' "$f.out")))
    poison_codes+="$(awk '$1 < 8 && $1 % 2 == 1 {print $2}' "$f.out" | paste -sd ' ') "
    sleep 1
  done
  detail "poisoned requests answered: $poison_codes(expected 400)"
  detail "valid requests that did not get 202: $valid_bad"
  check "((valid_bad == 0))" "no valid request failed next to poisoned ones ($valid_bad did)"
  local poison_bad
  poison_bad="$(tr ' ' '\n' <<<"$poison_codes" | grep . | grep -vc '^400$')"
  check "((poison_bad == 0))" "every poisoned request answered 400 ($poison_bad did not)"
  wait_done
  report poison 0
}

# ---------------------------------------------------------------------------------------------

run_one() {
  FAULT="$1"
  export BENCH_TMP="$CHAOS_TMP/$FAULT"
  rm -rf "$BENCH_TMP"
  mkdir -p "$BENCH_TMP"
  FD="$BENCH_TMP"
  : >"$FD/accepted.txt"
  trap 'fault_down; for p in "${BENCH_PIDS[@]}"; do kill -KILL "$p" 2>/dev/null; done' EXIT
  log "=== $FAULT"
  "fault_$FAULT" || {
    printf '%s | did not run to its end (see %s)\n' "$FAULT" "$BENCH_TMP" | tee -a "$LINES"
    return 1
  }
}

main() {
  local faults=("$@") f start=$SECONDS rc=0
  ((${#faults[@]})) || faults=("${ALL_FAULTS[@]}")
  for f in "${faults[@]}"; do
    declare -F "fault_$f" >/dev/null || { echo "unknown fault '$f' (known: ${ALL_FAULTS[*]})" >&2; exit 2; }
  done
  ensure_jars || exit 2
  compile_client || exit 2
  pg_init || exit 2
  trap 'pg_down' EXIT
  : >"$LINES"
  for f in "${faults[@]}"; do
    pg_ensure
    timeout -k 30 "$FAULT_LIMIT" "$0" --one "$f"
    case $? in
      0) ;;
      124 | 137)
        if grep -q "^$f | " "$LINES"; then
          printf '  %s: its teardown outlasted FAULT_LIMIT=%s s\n' "$f" "$FAULT_LIMIT" | tee -a "$LINES"
        else
          printf '%s | stopped after FAULT_LIMIT=%s s: stuck\n' "$f" "$FAULT_LIMIT" | tee -a "$LINES"
        fi
        ;;
      *) ;;
    esac
  done
  echo
  echo "fault | accepted | terminal | stuck | duplicated results | duplicated terminal audit rows | model calls | allowed"
  grep -v '^  ' "$LINES"
  echo
  grep '^  ' "$LINES"
  echo "suite time: $((SECONDS - start)) s (QUICK=$QUICK)"
  # The gate: stuck, duplicates, model calls above allowed, a failed check, a fault that did not finish.
  if grep -q 'CHECK FAILED\|did not run\|stopped after' "$LINES" ||
    awk -F' [|] ' 'NF >= 8 && $1 !~ /probes/ {split($8, a, " "); if ($4 > 0 || $5 > 0 || $6 > 0 || $7 > a[1]) bad = 1}
      END {exit !bad}' "$LINES"; then
    rc=1
  fi
  exit "$rc"
}

if [[ "${1:-}" == --one ]]; then
  run_one "$2"
else
  main "$@"
fi
