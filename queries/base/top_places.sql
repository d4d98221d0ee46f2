-- The question of top_places.sql over the base tables: what the bundled query over the
-- rollups must return, row for row (TestRollupsEqualBase), and what runs on a
-- dataset written before rollups existed.
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
