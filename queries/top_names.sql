-- Most common names (people and organisations), with the name type where the unit gives one
-- reads: name_records
-- columns: name, name_type, records
-- param: limit INTEGER 20 how many rows
-- Over the rollup name_records; base/top_names.sql asks the same of facets.
-- records counts documents carrying the name: the same as
-- count(DISTINCT record_id) unless a record id is duplicated (docs/DATASET.md).
SELECT name, name_type, sum(records)::BIGINT AS records
FROM name_records
GROUP BY ALL
ORDER BY records DESC, name, name_type
LIMIT $limit::INTEGER;
