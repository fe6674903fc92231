-- API keys and tenants. A key belongs to one tenant and sees only that tenant's jobs. Only a hash
-- of each key is stored (SHA-256: keys are 256 random bits, so a slow hash adds nothing); the full
-- key is shown once, when it is created or rotated, and afterwards only its prefix.
CREATE TABLE api_keys (
    id                  uuid        PRIMARY KEY,
    name                text        NOT NULL,
    tenant              text        NOT NULL,
    role                text        NOT NULL DEFAULT 'user',
    prefix              text        NOT NULL,
    key_hash            bytea       NOT NULL,
    requests_per_minute integer,
    tokens_per_minute   bigint,
    tokens_per_day      bigint,
    tokens_per_month    bigint,
    created_at          timestamptz NOT NULL DEFAULT now(),
    rotated_at          timestamptz,
    revoked_at          timestamptz,
    CONSTRAINT api_keys_hash_key UNIQUE (key_hash),
    CONSTRAINT api_keys_role_known CHECK (role IN ('user', 'admin')),
    CONSTRAINT api_keys_limits_positive CHECK (
        coalesce(requests_per_minute, 1) > 0 AND coalesce(tokens_per_minute, 1) > 0
        AND coalesce(tokens_per_day, 1) > 0 AND coalesce(tokens_per_month, 1) > 0)
);

CREATE INDEX api_keys_tenant_idx ON api_keys (tenant, created_at);

-- Every job belongs to the tenant of the key that submitted it. Jobs stored before keys existed
-- belong to the tenant 'default'.
ALTER TABLE jobs ADD COLUMN tenant text NOT NULL DEFAULT 'default';
ALTER TABLE jobs ADD COLUMN api_key_id uuid;

-- History is read per tenant: the tenant leads every history index.
DROP INDEX jobs_history_idx;
DROP INDEX jobs_status_history_idx;
DROP INDEX jobs_language_history_idx;
DROP INDEX jobs_batch_history_idx;
CREATE INDEX jobs_history_idx ON jobs (tenant, created_at DESC, id DESC);
CREATE INDEX jobs_status_history_idx ON jobs (tenant, status, created_at DESC, id DESC);
CREATE INDEX jobs_language_history_idx ON jobs (tenant, language, created_at DESC, id DESC);
CREATE INDEX jobs_batch_history_idx ON jobs (tenant, batch_id, created_at DESC, id DESC)
    WHERE batch_id IS NOT NULL;

-- What happened to keys and to requests refused by a limit: who (the acting key's prefix, never a
-- full key), what, to which key. Refusals by a limit are counted per key, limit and minute in one
-- row, so a client hammering a limit costs one row a minute, not one per request.
CREATE TABLE access_audit (
    id           bigserial   PRIMARY KEY,
    action       text        NOT NULL,
    tenant       text,
    actor_prefix text,
    key_id       uuid,
    detail       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    count        bigint      NOT NULL DEFAULT 1,
    minute       timestamptz,
    occurred_at  timestamptz NOT NULL DEFAULT now(),
    last_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX access_audit_tenant_idx ON access_audit (tenant, occurred_at);
CREATE UNIQUE INDEX access_audit_refusal_idx ON access_audit (key_id, action, minute, (detail->>'limit'))
    WHERE action = 'limit.refused';
