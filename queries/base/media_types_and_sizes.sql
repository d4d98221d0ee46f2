-- The question of media_types_and_sizes.sql over the base tables: what the bundled query over the
-- rollups must return, row for row (TestRollupsEqualBase), and what runs on a
-- dataset written before rollups existed.
SELECT
    type                                      AS media_type,
    count(*)                                  AS items,
    count(*) FILTER (WHERE is_cc0)            AS cc0_items,
    count(max_width)                          AS with_size,
    median(max_width)::INTEGER                AS median_width,
    median(max_height)::INTEGER               AS median_height,
    max(max_width)                            AS largest_width,
    max(max_height)                           AS largest_height
FROM media
GROUP BY type
ORDER BY items DESC, media_type;
