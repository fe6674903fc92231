#!/usr/bin/env bash
# Baseline: PostgreSQL insert rate with the gateway's schema (its Flyway migration) at the gateway's
# pool size (16 clients): a bare jobs row, the accept path's job + audit + outbox statement, and
# 50 jobs rows per commit (what group commit can reach); and, with the gateway's 2 accept writers as
# 2 clients, the accept statement for 100 jobs per commit plus the relay's delete of them: the
# database's own ceiling for the accept path, with both cores to itself.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap bench_cleanup EXIT
secs=15
[[ "$QUICK" == 1 ]] && secs=5
clients="${PG_CLIENTS:-16}"
new_database
"${PSQL[@]}" -d "$DB_NAME" -f "$ROOT/api-gateway/src/main/resources/db/migration/V1__jobs_audit_outbox.sql" >/dev/null
host="${PG_URL_BASE%%:*}" port="${PG_URL_BASE##*:}"
run() {
  pgbench -h "$host" -p "$port" -U postgres -n -f "$1" -c "$clients" -j 2 -T "$secs" "$DB_NAME" 2>&1 |
    awk '/^tps = / {tps = $3} /latency average/ {lat = $4} END {printf "{\"tps\":%s,\"latency_avg_ms\":%s}", tps, lat}'
}
job="$(run "$BENCH_DIR/pgbench/insert-job.sql")"
log "jobs row: $job"
accept="$(run "$BENCH_DIR/pgbench/accept-transaction.sql")"
log "accept statement: $accept"
batch="$(run "$BENCH_DIR/pgbench/insert-job-batch50.sql")"
log "50 rows per commit: $batch"
grouped="$(clients=2 run "$BENCH_DIR/pgbench/accept-batch100.sql")"
log "accept statement, 100 jobs per commit, 2 clients: $grouped"
jq -n -c --argjson job "$job" --argjson accept "$accept" --argjson clients "$clients" \
  --argjson batch "$batch" --argjson grouped "$grouped" \
  --arg version "$("${PSQL[@]}" -d postgres -At -c 'SHOW server_version')" \
  --arg sync "$("${PSQL[@]}" -d postgres -At -c 'SHOW synchronous_commit')" \
  '{clients: $clients, server_version: $version, synchronous_commit: $sync,
    insert_job_row: $job, accept_statement: $accept,
    insert_50_rows_per_commit: ($batch + {rows_per_s: ($batch.tps * 50)}),
    accept_100_jobs_per_commit: ($grouped + {clients: 2, jobs_per_s: ($grouped.tps * 100)})}' | result baseline-postgres
