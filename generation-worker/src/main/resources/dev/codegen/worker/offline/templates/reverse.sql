-- {{banner}}
-- PostgreSQL: a function and a query that calls it.

-- Returns the characters of input_text in reverse order.
CREATE OR REPLACE FUNCTION {{snake}}(input_text text)
RETURNS text
LANGUAGE sql
IMMUTABLE STRICT
AS $$
  SELECT reverse(input_text);
$$;

SELECT {{snake}}('hello world') AS reversed;
