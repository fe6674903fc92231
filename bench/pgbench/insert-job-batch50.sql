-- 50 jobs rows in one statement and one commit: the ceiling for a gateway that group-commits.
INSERT INTO jobs (id, status, status_rank, source, language, model, max_tokens, custom_id, batch_id,
                  metadata, created_at, updated_at)
SELECT gen_random_uuid(), 'queued', 0, 'http', 'java', NULL, 512, NULL, NULL, '{}'::jsonb, now(), now()
  FROM generate_series(1, 50);
