-- Freetext categories and labels: how often each is used, in how many records and units
-- reads: freetext
-- columns: category, label, items, records, units
-- param: limit INTEGER 200 how many rows
SELECT category, coalesce(label, '') AS label, count(*) AS items,
       count(DISTINCT record_id) AS records, count(DISTINCT unit_code) AS units
FROM freetext
GROUP BY ALL
ORDER BY items DESC, category, label
LIMIT $limit::INTEGER;
