-- One jobs row shaped like POST /generate's (AcceptJob).
INSERT INTO jobs (id, status, status_rank, source, language, model, max_tokens, custom_id, batch_id,
                  metadata, created_at, updated_at)
VALUES (gen_random_uuid(), 'queued', 0, 'http', 'java', NULL, 512, NULL, NULL, '{}'::jsonb,
        now(), now());
