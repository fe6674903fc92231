-- Whether every configured check examined a job's code: {"status": "complete" | "incomplete",
-- "missing": [{"plugin", "reason", "detail"}]}, as the job's outcome carried it. NULL for jobs that
-- never reached the checks (rejected, failed or cancelled before) and for jobs finished before V4.
ALTER TABLE jobs ADD COLUMN checks jsonb;
