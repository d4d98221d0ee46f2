-- The question of overview.sql over the base tables: what the bundled query over the
-- rollups must return, row for row (TestRollupsEqualBase), and what runs on a
-- dataset written before rollups existed.
SELECT
    count(*)                                  AS records,
    count(DISTINCT unit_code)                 AS units,
    count(*) FILTER (WHERE is_cc0)            AS cc0_records,
    round(avg(is_cc0::INTEGER), 4)            AS cc0_share,
    count(*) FILTER (WHERE has_media)         AS records_with_media,
    round(avg(has_media::INTEGER), 4)         AS media_share,
    coalesce(sum(media_count), 0)::BIGINT     AS media_items,
    coalesce(sum(image_count), 0)::BIGINT     AS images
FROM objects;
