-- Usage per key and period, the one place limits are enforced: an accept locks its key's rows
-- (in key and period order, so concurrent accepts on any number of gateway instances queue on the
-- row instead of deadlocking), checks requests and tokens against the key's limits and adds its
-- reservation in the same transaction that stores the job. A finished job settles: its reservation
-- leaves tokens_reserved and the provider's reported usage joins tokens_used, in the rows of the
-- periods in which it was accepted. Periods are UTC calendar minutes, days and months.
CREATE TABLE key_usage (
    key_id          uuid        NOT NULL,
    period          text        NOT NULL,
    period_start    timestamptz NOT NULL,
    requests        bigint      NOT NULL DEFAULT 0,
    tokens_reserved bigint      NOT NULL DEFAULT 0,
    tokens_used     bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (key_id, period, period_start),
    CONSTRAINT key_usage_period_known CHECK (period IN ('minute', 'day', 'month'))
);

-- A job's reservation (prompt tokens plus its output limit) and whether it has been settled.
ALTER TABLE jobs ADD COLUMN reserved_tokens bigint NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN usage_settled boolean NOT NULL DEFAULT false;

-- Idempotency-Key of POST /generate, per tenant: the job a key created and a digest of the body it
-- came with. Kept for codegen.idempotency.ttl (24 h by default), then deleted by the gateway.
CREATE TABLE idempotency_keys (
    tenant       text        NOT NULL,
    key          text        NOT NULL,
    body_sha256  bytea       NOT NULL,
    job_id       uuid        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, key)
);

CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
