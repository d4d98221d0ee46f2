-- CC0 images by unit: how many, and how many with and without pixel sizes (what soa export images writes)
-- reads: media_sizes
-- columns: unit_code, cc0_images, with_size, without_size, with_size_share
-- Over the rollup media_sizes, whose width histogram counts every media item
-- once (max_width and max_height are null together); base/cc0_images_by_unit.sql
-- asks the same of media. Units without a CC0 image are left out.
SELECT
    unit_code,
    sum(cc0_items)::BIGINT                                                AS cc0_images,
    coalesce(sum(cc0_items) FILTER (WHERE pixels IS NOT NULL), 0)::BIGINT AS with_size,
    coalesce(sum(cc0_items) FILTER (WHERE pixels IS NULL), 0)::BIGINT     AS without_size,
    round(coalesce(sum(cc0_items) FILTER (WHERE pixels IS NOT NULL), 0) / sum(cc0_items), 4) AS with_size_share
FROM media_sizes
WHERE media_type = 'Images' AND dimension = 'width'
GROUP BY unit_code
HAVING sum(cc0_items) > 0
ORDER BY cc0_images DESC, unit_code;
