-- The W3C traceparent of the span that accepted a job (POST /generate, or the bulk intake record
-- continuing its producer's trace): every record of the job carries the same trace, the outbox
-- rows get it as their traceparent header, and GET /jobs/{id} shows its trace id. Null when
-- tracing is off.
ALTER TABLE jobs ADD COLUMN trace_parent text;
