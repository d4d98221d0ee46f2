-- Specimens by kingdom, class and family (first value of each)
-- reads: taxon_records
-- columns: kingdom, class, family, records
-- param: limit INTEGER 50 how many rows
-- Over the rollup taxon_records; base/taxonomy_breakdown.sql asks the same of objects.
SELECT kingdom, class, family, sum(records)::BIGINT AS records
FROM taxon_records
GROUP BY ALL
ORDER BY records DESC, kingdom NULLS LAST, class NULLS LAST, family NULLS LAST
LIMIT $limit::INTEGER;
