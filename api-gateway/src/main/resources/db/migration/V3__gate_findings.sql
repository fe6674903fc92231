-- What the safety gates found in a job's prompt and code (rule, CWE, severity, line, redacted
-- evidence, fix), blocking or not, as the job's outcome carried them.
ALTER TABLE jobs ADD COLUMN findings jsonb NOT NULL DEFAULT '[]'::jsonb;
