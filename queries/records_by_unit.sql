-- Records per unit, with the unit's full name, CC0 and media counts
-- reads: objects
-- columns: unit_code, unit_name, records, cc0_records, records_with_media, media_items
SELECT
    unit_code,
    mode(data_source)                         AS unit_name,
    count(*)                                  AS records,
    count(*) FILTER (WHERE is_cc0)            AS cc0_records,
    count(*) FILTER (WHERE has_media)         AS records_with_media,
    sum(media_count)::BIGINT                  AS media_items
FROM objects
GROUP BY unit_code
ORDER BY records DESC, unit_code;
