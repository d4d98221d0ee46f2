-- Most common topics
-- reads: list_values
-- columns: topic, records
-- param: unit VARCHAR NULL only this unit_code
-- param: limit INTEGER 20 how many rows
-- Over the rollup list_values; base/top_topics.sql asks the same of
-- objects. records counts the list's elements, as unnest does.
SELECT value AS topic, sum(occurrences)::BIGINT AS records
FROM list_values
WHERE "column" = 'topics' AND ($unit::VARCHAR IS NULL OR unit_code = $unit::VARCHAR)
GROUP BY topic
ORDER BY records DESC, topic
LIMIT $limit::INTEGER;
