-- The classes of each unit's specimens: per unit, its records with taxonomy and its most common kingdoms and classes
-- reads: taxon_records
-- columns: unit_code, unit_records, kingdom, class, records
-- param: unit VARCHAR NULL only this unit_code
-- param: limit INTEGER 5 how many classes per unit
-- unit_records: the unit's records with a kingdom, class or family; records:
-- those of the kingdom and class (first value of each; null when absent).
-- Over the rollup taxon_records; base/taxonomy_by_unit.sql asks the same of objects.
WITH classes AS (
    SELECT unit_code, kingdom, class, sum(records) AS records
    FROM taxon_records
    WHERE $unit::VARCHAR IS NULL OR unit_code = $unit::VARCHAR
    GROUP BY ALL
)
SELECT
    unit_code,
    (sum(records) OVER (PARTITION BY unit_code))::BIGINT AS unit_records,
    kingdom,
    class,
    records::BIGINT                           AS records
FROM classes
QUALIFY row_number() OVER (PARTITION BY unit_code ORDER BY records DESC, kingdom NULLS LAST, class NULLS LAST) <= $limit::INTEGER
ORDER BY unit_records DESC, unit_code, records DESC, kingdom NULLS LAST, class NULLS LAST;
