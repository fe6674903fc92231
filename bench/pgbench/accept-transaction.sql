-- POST /generate's one statement (AcceptJob.INSERT): job, job.accepted audit row, outbox row.
WITH ids AS (SELECT gen_random_uuid() AS job_id, gen_random_uuid() AS event_id),
job AS (
  INSERT INTO jobs (id, status, status_rank, source, language, model, max_tokens, custom_id,
                    batch_id, metadata, created_at, updated_at)
  SELECT job_id, 'queued', 0, 'http', 'java', NULL, 512, NULL, NULL, '{}'::jsonb, now(), now() FROM ids
), audit AS (
  INSERT INTO audit_events (event_id, job_id, action, status, source, detail, occurred_at)
  SELECT event_id, job_id, 'job.accepted', 'queued', 'http', '{"language":"java"}'::jsonb, now() FROM ids
)
INSERT INTO outbox (event_id, event_type, topic, record_key, payload)
SELECT event_id, 'GenerationRequested', 'codegen.requests.v1', job_id::text,
       '{"job_id":"' || job_id || '","prompt":"a function that reverses a string","language":"java","max_tokens":512,"metadata":{},"requested_at":"2026-11-26T12:00:00Z"}'
  FROM ids;
