-- The question of top_names.sql over the base tables: what the bundled query over the
-- rollups must return, row for row (TestRollupsEqualBase), and what runs on a
-- dataset written before rollups existed.
SELECT value AS name, coalesce(qualifier, '') AS name_type, count(DISTINCT record_id) AS records
FROM facets
WHERE facet = 'name' AND value IS NOT NULL
GROUP BY ALL
ORDER BY records DESC, name, name_type
LIMIT $limit::INTEGER;
