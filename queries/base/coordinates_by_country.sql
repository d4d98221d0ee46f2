-- The question of coordinates_by_country.sql over the base tables: what the bundled query over the
-- rollups must return, row for row (TestRollupsEqualBase), and what runs on a
-- dataset written before rollups existed.
SELECT
    coalesce(country, '(no country)')         AS country,
    count(*)                                  AS records,
    count(*) FILTER (WHERE latitude IS NOT NULL AND longitude IS NOT NULL) AS with_coordinates,
    round(avg((latitude IS NOT NULL AND longitude IS NOT NULL)::INTEGER), 4) AS share_with_coordinates
FROM objects
GROUP BY ALL
HAVING with_coordinates > 0
ORDER BY with_coordinates DESC, country;
