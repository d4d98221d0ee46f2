-- Most common object types
-- reads: objects
-- columns: object_type, records
-- param: unit VARCHAR NULL only this unit_code
-- param: limit INTEGER 20 how many rows
SELECT object_type, count(*) AS records
FROM (SELECT unnest(object_types) AS object_type FROM objects
      WHERE $unit::VARCHAR IS NULL OR unit_code = $unit::VARCHAR)
GROUP BY object_type
ORDER BY records DESC, object_type
LIMIT $limit::INTEGER;
