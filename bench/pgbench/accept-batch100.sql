-- The accept statement as group commit runs it under load: 100 jobs, their job.accepted audit rows
-- and outbox rows in one statement and one commit, with time-ordered job ids like Uuids (version 7
-- layout: milliseconds first), and the relay's lock-and-delete of the same outbox rows. The
-- database's own ceiling for the accept path, in jobs/s = tps x 100.
WITH input AS MATERIALIZED (
  SELECT encode(overlay(uuid_send(gen_random_uuid()) PLACING
                substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                FROM 1 FOR 6), 'hex')::uuid AS job_id,
         gen_random_uuid() AS event_id, n
    FROM generate_series(1, 100) AS n
), job AS (
  INSERT INTO jobs (id, status, status_rank, source, language, model, max_tokens, custom_id,
                    batch_id, metadata, created_at, updated_at)
  SELECT job_id, 'queued', 0, 'http', 'java', NULL, 512, NULL, NULL, '{}'::jsonb, now(), now()
    FROM input
), audit AS (
  INSERT INTO audit_events (event_id, job_id, action, status, source, detail, occurred_at)
  SELECT event_id, job_id, 'job.accepted', 'queued', 'http', '{"language":"java"}'::jsonb, now()
    FROM input
)
INSERT INTO outbox (event_id, event_type, topic, record_key, payload)
SELECT event_id, 'GenerationRequested', 'codegen.requests.v1', job_id::text,
       '{"job_id":"' || job_id || '","prompt":"a function that reverses a string","language":"java","max_tokens":512,"metadata":{},"requested_at":"2026-11-26T12:00:00Z"}'
  FROM input ORDER BY n;
BEGIN;
DELETE FROM outbox WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT 100 FOR UPDATE SKIP LOCKED);
COMMIT;
