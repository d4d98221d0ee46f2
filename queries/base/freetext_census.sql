-- The question of freetext_census.sql over the base tables: what the bundled query over the
-- rollups must return, row for row (TestRollupsEqualBase), and what runs on a
-- dataset written before rollups existed.
SELECT category, coalesce(label, '') AS label, count(*) AS items,
       count(DISTINCT record_id) AS records, count(DISTINCT unit_code) AS units
FROM freetext
GROUP BY ALL
ORDER BY items DESC, category, label
LIMIT $limit::INTEGER;
