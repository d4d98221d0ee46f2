-- The question of top_makers.sql over the base tables: what the bundled query over the
-- rollups must return, row for row (TestRollupsEqualBase), and what runs on a
-- dataset written before rollups existed.
SELECT maker, count(DISTINCT record_id) AS records, string_agg(DISTINCT unit_code, ',' ORDER BY unit_code) AS units
FROM (SELECT record_id, unit_code, unnest(makers) AS maker FROM objects)
GROUP BY ALL
ORDER BY records DESC, maker
LIMIT $limit::INTEGER;
