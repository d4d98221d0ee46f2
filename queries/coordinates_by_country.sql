-- Records with coordinates (latitude and longitude) by country
-- reads: country_records
-- columns: country, records, with_coordinates, share_with_coordinates
-- Over the rollup country_records; base/coordinates_by_country.sql asks the same of objects.
SELECT
    coalesce(country, '(no country)')         AS country,
    sum(records)::BIGINT                      AS records,
    sum(with_coordinates)::BIGINT             AS with_coordinates,
    round(sum(with_coordinates) / sum(records), 4) AS share_with_coordinates
FROM country_records
GROUP BY ALL
HAVING with_coordinates > 0
ORDER BY with_coordinates DESC, country;
