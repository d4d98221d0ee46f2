-- The question of taxonomy_by_unit.sql over the base tables: what the bundled query over the
-- rollups must return, row for row (TestRollupsEqualBase), and what runs on a
-- dataset written before rollups existed.
WITH classes AS (
    SELECT unit_code, tax_kingdom AS kingdom, tax_class AS class, count(*) AS records
    FROM objects
    WHERE (tax_kingdom IS NOT NULL OR tax_class IS NOT NULL OR tax_family IS NOT NULL)
      AND ($unit::VARCHAR IS NULL OR unit_code = $unit::VARCHAR)
    GROUP BY ALL
)
SELECT
    unit_code,
    (sum(records) OVER (PARTITION BY unit_code))::BIGINT AS unit_records,
    kingdom,
    class,
    records
FROM classes
QUALIFY row_number() OVER (PARTITION BY unit_code ORDER BY records DESC, kingdom NULLS LAST, class NULLS LAST) <= $limit::INTEGER
ORDER BY unit_records DESC, unit_code, records DESC, kingdom NULLS LAST, class NULLS LAST;
