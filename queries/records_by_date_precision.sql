-- Records by how precisely their dates are known (date_precision), and how many of them have a year
-- reads: date_records
-- columns: date_precision, records, with_year
-- param: unit VARCHAR NULL only this unit_code
-- date_precision is null for records without a date; with_year counts the
-- records with year_start or year_end (docs/DATES.md).
-- Over the rollup date_records; base/records_by_date_precision.sql asks the same of objects.
SELECT
    date_precision,
    sum(records)::BIGINT                      AS records,
    sum(with_year)::BIGINT                    AS with_year
FROM date_records
WHERE $unit::VARCHAR IS NULL OR unit_code = $unit::VARCHAR
GROUP BY date_precision
ORDER BY records DESC, date_precision NULLS LAST;
