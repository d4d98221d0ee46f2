-- Media items by type: how many, how many CC0, and the pixel sizes of the largest rendition
-- reads: media
-- columns: media_type, items, cc0_items, with_size, median_width, median_height, largest_width, largest_height
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
