-- Records per year of their earliest date (year_start), optionally for one unit or a year range
-- reads: year_records
-- columns: year, records
-- param: unit VARCHAR NULL only this unit_code
-- param: year_from INTEGER NULL only years from this one on
-- param: year_to INTEGER NULL only years up to this one
-- The timeline at year precision (records_by_decade sums it by decade).
-- Over the rollup year_records; base/records_by_year.sql asks the same of objects.
SELECT
    year::INTEGER                             AS year,
    sum(records)::BIGINT                      AS records
FROM year_records
WHERE "column" = 'year_start'
  AND ($unit::VARCHAR IS NULL OR unit_code = $unit::VARCHAR)
  AND ($year_from::INTEGER IS NULL OR year >= $year_from::INTEGER)
  AND ($year_to::INTEGER IS NULL OR year <= $year_to::INTEGER)
GROUP BY year
ORDER BY year;
