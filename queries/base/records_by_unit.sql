-- The question of records_by_unit.sql over the base tables: what the bundled query over the
-- rollups must return, row for row (TestRollupsEqualBase), and what runs on a
-- dataset written before rollups existed.
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
