-- {{banner}}
-- PostgreSQL: a function and a query that calls it.

-- Returns n! for a non-negative n, as numeric so that it never overflows.
CREATE OR REPLACE FUNCTION {{snake}}(n integer)
RETURNS numeric
LANGUAGE plpgsql
IMMUTABLE STRICT
AS $$
DECLARE
  result numeric := 1;
BEGIN
  IF n < 0 THEN
    RAISE EXCEPTION 'n must not be negative, got %', n;
  END IF;
  FOR i IN 2..n LOOP
    result := result * i;
  END LOOP;
  RETURN result;
END;
$$;

SELECT {{snake}}(10) AS result;
