-- The question of duplicate_records.sql over the base tables: what the bundled query over the
-- rollups must return, row for row (TestRollupsEqualBase), and what runs on a
-- dataset written before rollups existed.
WITH duplicated AS (
    SELECT record_id FROM objects GROUP BY record_id HAVING count(*) > 1
)
SELECT record_id, count(*) AS copies, string_agg(DISTINCT unit_code, ',' ORDER BY unit_code) AS units
FROM objects SEMI JOIN duplicated USING (record_id)
GROUP BY record_id
ORDER BY copies DESC, record_id
LIMIT $limit::INTEGER;
