-- Records per unit, with the unit's full name, CC0 and media counts
-- reads: unit_records
-- columns: unit_code, unit_name, records, cc0_records, records_with_media, media_items
-- Over the rollup unit_records; base/records_by_unit.sql asks the same of
-- objects. unit_name is the unit's most common data_source (mode); should two
-- be equally common, this takes the smaller, where mode takes either.
WITH per_source AS (
    SELECT unit_code, data_source, sum(records) AS records, sum(cc0_records) AS cc0_records,
           sum(records_with_media) AS records_with_media, sum(media_items) AS media_items
    FROM unit_records
    GROUP BY unit_code, data_source
)
SELECT
    unit_code,
    first(data_source ORDER BY records DESC, data_source) FILTER (WHERE data_source IS NOT NULL) AS unit_name,
    sum(records)::BIGINT                      AS records,
    sum(cc0_records)::BIGINT                  AS cc0_records,
    sum(records_with_media)::BIGINT           AS records_with_media,
    sum(media_items)::BIGINT                  AS media_items
FROM per_source
GROUP BY unit_code
ORDER BY records DESC, unit_code;
