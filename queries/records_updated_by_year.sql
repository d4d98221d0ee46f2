-- Records by the year (UTC) they were last updated in EDAN
-- reads: objects
-- columns: year, records
SELECT year(last_time_updated AT TIME ZONE 'UTC') AS year, count(*) AS records
FROM objects
WHERE last_time_updated IS NOT NULL
GROUP BY year
ORDER BY year;
