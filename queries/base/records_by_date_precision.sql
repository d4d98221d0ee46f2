-- The question of records_by_date_precision.sql over the base tables: what the bundled query over the
-- rollups must return, row for row (TestRollupsEqualBase), and what runs on a
-- dataset written before rollups existed.
SELECT
    date_precision,
    count(*)                                  AS records,
    count(*) FILTER (WHERE year_start IS NOT NULL OR year_end IS NOT NULL) AS with_year
FROM objects
WHERE $unit::VARCHAR IS NULL OR unit_code = $unit::VARCHAR
GROUP BY date_precision
ORDER BY records DESC, date_precision NULLS LAST;
