-- Freetext categories and labels: how often each is used, in how many records and units
-- reads: freetext_labels
-- columns: category, label, items, records, units
-- param: limit INTEGER 200 how many rows
-- Over the rollup freetext_labels; base/freetext_census.sql asks the same of
-- freetext. records counts documents using the label: the same as
-- count(DISTINCT record_id) unless a record id is duplicated (docs/DATASET.md).
SELECT category, label, sum(items)::BIGINT AS items,
       sum(records)::BIGINT AS records, count(DISTINCT unit_code) AS units
FROM freetext_labels
GROUP BY ALL
ORDER BY items DESC, category, label
LIMIT $limit::INTEGER;
