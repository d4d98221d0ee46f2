-- Records per decade of their earliest date (year_start), optionally for one unit or a year range
-- reads: year_records
-- columns: decade, records
-- param: unit VARCHAR NULL only this unit_code
-- param: year_from INTEGER NULL only records whose year_start is at least this
-- param: year_to INTEGER NULL only records whose year_start is at most this
-- Over the rollup year_records; base/records_by_decade.sql asks the same of objects.
SELECT
    -- floor, not //, which truncates toward zero and would put the years
    -- -9..9 in one decade 0 and the year -3995 in the decade -3990.
    (floor(year / 10) * 10)::INTEGER          AS decade,
    sum(records)::BIGINT                      AS records
FROM year_records
WHERE "column" = 'year_start'
  AND ($unit::VARCHAR IS NULL OR unit_code = $unit::VARCHAR)
  AND ($year_from::INTEGER IS NULL OR year >= $year_from::INTEGER)
  AND ($year_to::INTEGER IS NULL OR year <= $year_to::INTEGER)
GROUP BY decade
ORDER BY decade;
