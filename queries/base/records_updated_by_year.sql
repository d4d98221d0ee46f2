-- The question of records_updated_by_year.sql over the base tables: what the bundled query over the
-- rollups must return, row for row (TestRollupsEqualBase), and what runs on a
-- dataset written before rollups existed.
SELECT year(last_time_updated AT TIME ZONE 'UTC') AS year, count(*) AS records
FROM objects
WHERE last_time_updated IS NOT NULL
GROUP BY year
ORDER BY year;
