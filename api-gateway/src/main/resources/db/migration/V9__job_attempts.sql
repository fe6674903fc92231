-- The repair round: when a check or a test failed and the model was asked once more, both attempts
-- as the job's outcome listed them ([{"attempt", "verdict", "code", "usage", "failure",
-- "diagnostics"}]) and which one the job returns. NULL for jobs without a repair round (and for
-- jobs finished before V9).
ALTER TABLE jobs ADD COLUMN attempts jsonb, ADD COLUMN returned_attempt smallint;
