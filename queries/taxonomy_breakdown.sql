-- Specimens by kingdom, class and family (first value of each)
-- reads: objects
-- columns: kingdom, class, family, records
-- param: limit INTEGER 50 how many rows
SELECT tax_kingdom AS kingdom, tax_class AS class, tax_family AS family, count(*) AS records
FROM objects
WHERE tax_kingdom IS NOT NULL OR tax_class IS NOT NULL OR tax_family IS NOT NULL
GROUP BY ALL
ORDER BY records DESC, kingdom NULLS LAST, class NULLS LAST, family NULLS LAST
LIMIT $limit::INTEGER;
