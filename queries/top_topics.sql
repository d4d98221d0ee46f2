-- Most common topics
-- reads: objects
-- columns: topic, records
-- param: unit VARCHAR NULL only this unit_code
-- param: limit INTEGER 20 how many rows
SELECT topic, count(*) AS records
FROM (SELECT unnest(topics) AS topic FROM objects
      WHERE $unit::VARCHAR IS NULL OR unit_code = $unit::VARCHAR)
GROUP BY topic
ORDER BY records DESC, topic
LIMIT $limit::INTEGER;
