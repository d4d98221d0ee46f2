-- Records with coordinates (latitude and longitude) by country
-- reads: objects
-- columns: country, records, with_coordinates, share_with_coordinates
SELECT
    coalesce(country, '(no country)')         AS country,
    count(*)                                  AS records,
    count(*) FILTER (WHERE latitude IS NOT NULL AND longitude IS NOT NULL) AS with_coordinates,
    round(avg((latitude IS NOT NULL AND longitude IS NOT NULL)::INTEGER), 4) AS share_with_coordinates
FROM objects
GROUP BY ALL
HAVING with_coordinates > 0
ORDER BY with_coordinates DESC, country;
