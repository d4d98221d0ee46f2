-- The question of cc0_images_by_unit.sql over the base tables: what the bundled query over the
-- rollups must return, row for row (TestRollupsEqualBase), and what runs on a
-- dataset written before rollups existed.
SELECT
    unit_code,
    count(*)                                                             AS cc0_images,
    count(*) FILTER (WHERE max_width IS NOT NULL AND max_height IS NOT NULL) AS with_size,
    count(*) FILTER (WHERE max_width IS NULL OR max_height IS NULL)      AS without_size,
    round(count(*) FILTER (WHERE max_width IS NOT NULL AND max_height IS NOT NULL) / count(*), 4) AS with_size_share
FROM media
WHERE type = 'Images' AND is_cc0
GROUP BY unit_code
ORDER BY cc0_images DESC, unit_code;
