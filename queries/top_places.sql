-- Most common countries (first geoLocation country of a record) and places (any place value)
-- reads: country_records, list_values
-- columns: kind, place, records
-- param: limit INTEGER 15 how many rows of each kind
-- Over the rollups country_records and list_values; base/top_places.sql asks
-- the same of objects.
WITH ranked AS (
    SELECT 'country' AS kind, country AS place, sum(records)::BIGINT AS records
    FROM country_records WHERE country IS NOT NULL GROUP BY country
    UNION ALL
    SELECT 'place' AS kind, value AS place, sum(occurrences)::BIGINT AS records
    FROM list_values WHERE "column" = 'places' GROUP BY value
)
SELECT kind, place, records
FROM ranked
QUALIFY row_number() OVER (PARTITION BY kind ORDER BY records DESC, place) <= $limit::INTEGER
ORDER BY kind, records DESC, place;
