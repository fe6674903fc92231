-- One way in: bulk records are stored by the intake and relayed like HTTP accepts, and every record
-- the gateway publishes (requests for the workers, cancellations, the public results, dead letters)
-- leaves through the outbox.

-- Where the intake read a bulk job's record (topic/partition/offset): a redelivery of the same
-- record finds its own job and is skipped; another record naming the same job id is refused.
ALTER TABLE jobs ADD COLUMN intake_origin text;

-- Extra Kafka headers of an outbox record (dead letters carry their reason and origin).
ALTER TABLE outbox ADD COLUMN headers jsonb;

-- A cancel deletes its job's request while it still waits here, so the worker never sees it.
CREATE INDEX outbox_record_key_idx ON outbox (record_key);

-- A dead letter keeps the original record as it was, including a missing key or value.
ALTER TABLE outbox ALTER COLUMN record_key DROP NOT NULL;
ALTER TABLE outbox ALTER COLUMN payload DROP NOT NULL;
