-- An optional cost budget per key and month, in US dollars, from the gateway's price table
-- (codegen.pricing). Costs are counted in nano-dollars so that prices per million tokens with up to
-- three decimals stay exact in integers: a job reserves its estimated cost when accepted and settles
-- with the cost of its reported input and output tokens at its model's price.
ALTER TABLE api_keys ADD COLUMN cost_per_month_usd numeric(14, 4);
ALTER TABLE api_keys ADD CONSTRAINT api_keys_cost_positive
    CHECK (cost_per_month_usd IS NULL OR cost_per_month_usd > 0);
ALTER TABLE key_usage ADD COLUMN cost_reserved_nanos bigint NOT NULL DEFAULT 0;
ALTER TABLE key_usage ADD COLUMN cost_used_nanos bigint NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN reserved_cost_nanos bigint NOT NULL DEFAULT 0;
