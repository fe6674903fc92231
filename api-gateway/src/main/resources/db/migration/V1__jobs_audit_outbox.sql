-- The job store. The gateway is its only writer: HTTP accepts, the Kafka intake (bulk requests)
-- and the projector (progress and results) all go through it.
CREATE TABLE jobs (
    id              uuid        PRIMARY KEY,
    status          text        NOT NULL,
    -- Rank of status (queued 0, generating 1, post_processing 2, terminal 3), stored so that
    -- "only move forward" is a plain comparison inside the UPDATE.
    status_rank     smallint    NOT NULL,
    source          text        NOT NULL,
    language        text,
    model           text,
    max_tokens      integer,
    provider        text,
    offline         boolean     NOT NULL DEFAULT false,
    custom_id       text,
    batch_id        text,
    metadata        jsonb       NOT NULL DEFAULT '{}'::jsonb,
    code            text,
    input_tokens    bigint,
    output_tokens   bigint,
    total_tokens    bigint,
    reports         jsonb       NOT NULL DEFAULT '[]'::jsonb,
    failure_reason  text,
    failure_rule    text,
    failure_message text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    finished_at     timestamptz,
    CONSTRAINT jobs_status_known CHECK (status IN
        ('queued', 'generating', 'post_processing', 'succeeded', 'failed', 'rejected', 'cancelled')),
    CONSTRAINT jobs_source_known CHECK (source IN ('http', 'kafka'))
);

-- History is read newest first with keyset pagination on (created_at, id); one index per filter
-- keeps every filtered page an index range scan.
CREATE INDEX jobs_history_idx ON jobs (created_at DESC, id DESC);
CREATE INDEX jobs_status_history_idx ON jobs (status, created_at DESC, id DESC);
CREATE INDEX jobs_language_history_idx ON jobs (language, created_at DESC, id DESC);
CREATE INDEX jobs_batch_history_idx ON jobs (batch_id, created_at DESC, id DESC)
    WHERE batch_id IS NOT NULL;

-- Every decision about a job, in order. No foreign key to jobs on purpose: progress events may
-- arrive before the job row (bulk requests), and the audit trail must never be refused.
CREATE TABLE audit_events (
    id          bigserial   PRIMARY KEY,
    event_id    uuid        NOT NULL,
    job_id      uuid        NOT NULL,
    action      text        NOT NULL,
    status      text,
    source      text        NOT NULL,
    detail      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    occurred_at timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    -- Redelivered events carry the same event id; the projector inserts ON CONFLICT DO NOTHING.
    CONSTRAINT audit_events_event_id_key UNIQUE (event_id)
);

CREATE INDEX audit_events_job_idx ON audit_events (job_id, occurred_at, id);

-- Transactional outbox: written in the same statement as the job, published by the relay, deleted
-- once the broker acknowledged it.
CREATE TABLE outbox (
    id         bigserial   PRIMARY KEY,
    event_id   uuid        NOT NULL,
    event_type text        NOT NULL,
    topic      text        NOT NULL,
    record_key text        NOT NULL,
    payload    text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
