-- Records by the year (UTC) they were last updated in EDAN
-- reads: year_records
-- columns: year, records
-- Over the rollup year_records; base/records_updated_by_year.sql asks the same of objects.
SELECT year::BIGINT AS year, sum(records)::BIGINT AS records
FROM year_records
WHERE "column" = 'last_time_updated'
GROUP BY year
ORDER BY year;
