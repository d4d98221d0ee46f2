-- Share of records per unit in which each key field is filled
-- reads: unit_records, column_fill, date_records
-- columns: unit_code, records, title, guid, record_link, dates, year, year_precise, object_types, topics, places, names, country, coordinates, taxonomy, scientific_names, genus, media
-- title: the display title (title), not title_sort, which some units leave
-- empty. year: year_start or year_end set; year_precise: known to the year or better
-- (date_precision day, month or year).
-- Over the rollups unit_records, column_fill (rows in which each objects
-- column is filled: not null, a list not empty, a boolean true) and
-- date_records; base/fill_rates_by_unit.sql asks the same of objects.
WITH units AS (
    SELECT unit_code, sum(records) AS records FROM unit_records GROUP BY unit_code
), fill AS (
    PIVOT (SELECT unit_code, "column", filled FROM column_fill) ON "column" IN
        ('title', 'guid', 'record_link', 'dates', 'object_types', 'topics', 'places',
         'names', 'country', 'latitude', 'tax_kingdom', 'scientific_names', 'genus', 'has_media')
    USING sum(filled) GROUP BY unit_code
), dated AS (
    SELECT unit_code, sum(with_year) AS with_year,
           coalesce(sum(records) FILTER (WHERE date_precision IN ('day', 'month', 'year')), 0) AS year_precise
    FROM date_records GROUP BY unit_code
)
SELECT
    unit_code,
    records::BIGINT                                   AS records,
    round(title / records, 3)                         AS title,
    round(guid / records, 3)                          AS guid,
    round(record_link / records, 3)                   AS record_link,
    round(dates / records, 3)                         AS dates,
    round(with_year / records, 3)                     AS year,
    round(year_precise / records, 3)                  AS year_precise,
    round(object_types / records, 3)                  AS object_types,
    round(topics / records, 3)                        AS topics,
    round(places / records, 3)                        AS places,
    round(names / records, 3)                         AS names,
    round(country / records, 3)                       AS country,
    round(latitude / records, 3)                      AS coordinates,
    round(tax_kingdom / records, 3)                   AS taxonomy,
    round(scientific_names / records, 3)              AS scientific_names,
    round(genus / records, 3)                         AS genus,
    round(has_media / records, 3)                     AS media
FROM units JOIN fill USING (unit_code) JOIN dated USING (unit_code)
ORDER BY records DESC, unit_code;
