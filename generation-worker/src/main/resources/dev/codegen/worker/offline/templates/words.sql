-- {{banner}}
-- Requested: {{summary}}
-- PostgreSQL: a function and a query that calls it.

-- Offline stand-in: counts the whitespace-separated words of input_text.
CREATE OR REPLACE FUNCTION {{snake}}(input_text text)
RETURNS integer
LANGUAGE sql
IMMUTABLE STRICT
AS $$
  SELECT count(*)::integer
  FROM regexp_split_to_table(input_text, '\s+') AS word
  WHERE word <> '';
$$;

SELECT {{snake}}('hello offline world') AS word_count;
