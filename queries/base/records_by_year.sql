-- The question of records_by_year.sql over the base tables: what the bundled query over the
-- rollups must return, row for row (TestRollupsEqualBase), and what runs on a
-- dataset written before rollups existed.
SELECT
    year_start                                AS year,
    count(*)                                  AS records
FROM objects
WHERE year_start IS NOT NULL
  AND ($unit::VARCHAR IS NULL OR unit_code = $unit::VARCHAR)
  AND ($year_from::INTEGER IS NULL OR year_start >= $year_from::INTEGER)
  AND ($year_to::INTEGER IS NULL OR year_start <= $year_to::INTEGER)
GROUP BY year
ORDER BY year;
