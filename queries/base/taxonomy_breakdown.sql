-- The question of taxonomy_breakdown.sql over the base tables: what the bundled query over the
-- rollups must return, row for row (TestRollupsEqualBase), and what runs on a
-- dataset written before rollups existed.
SELECT tax_kingdom AS kingdom, tax_class AS class, tax_family AS family, count(*) AS records
FROM objects
WHERE tax_kingdom IS NOT NULL OR tax_class IS NOT NULL OR tax_family IS NOT NULL
GROUP BY ALL
ORDER BY records DESC, kingdom NULLS LAST, class NULLS LAST, family NULLS LAST
LIMIT $limit::INTEGER;
