-- Record ids that appear more than once (soa keeps every copy it reads)
-- reads: duplicate_records
-- columns: record_id, copies, units
-- param: limit INTEGER 100 how many rows
-- Over the rollup duplicate_records, which the converter writes by merging
-- every group's sorted record_ids; base/duplicate_records.sql asks the same
-- of objects.
SELECT record_id, copies, units
FROM duplicate_records
ORDER BY copies DESC, record_id
LIMIT $limit::INTEGER;
