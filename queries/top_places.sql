-- Most common countries (first geoLocation country of a record) and places (any place value)
-- reads: objects
-- columns: kind, place, records
-- param: limit INTEGER 15 how many rows of each kind
WITH ranked AS (
    SELECT 'country' AS kind, country AS place, count(*) AS records
    FROM objects WHERE country IS NOT NULL GROUP BY country
    UNION ALL
    SELECT 'place' AS kind, place, count(*) AS records
    FROM (SELECT unnest(places) AS place FROM objects) GROUP BY place
)
SELECT kind, place, records
FROM ranked
QUALIFY row_number() OVER (PARTITION BY kind ORDER BY records DESC, place) <= $limit::INTEGER
ORDER BY kind, records DESC, place;
