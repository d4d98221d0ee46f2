-- The question of top_topics.sql over the base tables: what the bundled query over the
-- rollups must return, row for row (TestRollupsEqualBase), and what runs on a
-- dataset written before rollups existed.
SELECT topic, count(*) AS records
FROM (SELECT unnest(topics) AS topic FROM objects
      WHERE $unit::VARCHAR IS NULL OR unit_code = $unit::VARCHAR)
GROUP BY topic
ORDER BY records DESC, topic
LIMIT $limit::INTEGER;
