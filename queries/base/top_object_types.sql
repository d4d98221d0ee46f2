-- The question of top_object_types.sql over the base tables: what the bundled query over the
-- rollups must return, row for row (TestRollupsEqualBase), and what runs on a
-- dataset written before rollups existed.
SELECT object_type, count(*) AS records
FROM (SELECT unnest(object_types) AS object_type FROM objects
      WHERE $unit::VARCHAR IS NULL OR unit_code = $unit::VARCHAR)
GROUP BY object_type
ORDER BY records DESC, object_type
LIMIT $limit::INTEGER;
