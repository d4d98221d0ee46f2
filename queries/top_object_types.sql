-- Most common object types
-- reads: list_values
-- columns: object_type, records
-- param: unit VARCHAR NULL only this unit_code
-- param: limit INTEGER 20 how many rows
-- Over the rollup list_values; base/top_object_types.sql asks the same of
-- objects. records counts the list's elements, as unnest does.
SELECT value AS object_type, sum(occurrences)::BIGINT AS records
FROM list_values
WHERE "column" = 'object_types' AND ($unit::VARCHAR IS NULL OR unit_code = $unit::VARCHAR)
GROUP BY object_type
ORDER BY records DESC, object_type
LIMIT $limit::INTEGER;
