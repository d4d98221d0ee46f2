-- Who made the most objects: the makers of objects.makers (never a sitter, donor or former attribution)
-- reads: maker_records
-- columns: maker, records, units
-- param: limit INTEGER 20 how many rows
-- Over the rollup maker_records; base/top_makers.sql asks the same of objects.
-- records counts documents listing the maker: the same as
-- count(DISTINCT record_id) unless a record id is duplicated (docs/DATASET.md).
SELECT maker, sum(records)::BIGINT AS records, string_agg(DISTINCT unit_code, ',' ORDER BY unit_code) AS units
FROM maker_records
GROUP BY ALL
ORDER BY records DESC, maker
LIMIT $limit::INTEGER;
