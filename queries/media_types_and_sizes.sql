-- Media items by type: how many, how many CC0, and the pixel sizes of the largest rendition
-- reads: media_sizes
-- columns: media_type, items, cc0_items, with_size, median_width, median_height, largest_width, largest_height
-- Over the rollup media_sizes (a histogram of max_width and one of max_height
-- per type); base/media_types_and_sizes.sql asks the same of media. The
-- medians are exact: median() interpolates between the values at 0-based
-- positions (n-1)//2 and n//2 of the sorted sizes, read here from the
-- histogram's running totals and given to the same median().
WITH sizes AS (
    SELECT media_type, dimension, pixels, sum(items) AS items, sum(cc0_items) AS cc0_items
    FROM media_sizes
    GROUP BY ALL
), running AS (
    SELECT media_type, dimension, pixels,
           sum(items) OVER (PARTITION BY media_type, dimension ORDER BY pixels) AS through,
           sum(items) OVER (PARTITION BY media_type, dimension) AS n
    FROM sizes
    WHERE pixels IS NOT NULL
), medians AS (
    SELECT media_type, dimension,
           list_median([min(pixels) FILTER (WHERE through > (n - 1) // 2),
                        min(pixels) FILTER (WHERE through > n // 2)]) AS median
    FROM running
    GROUP BY media_type, dimension
), types AS (
    SELECT media_type,
           sum(items) FILTER (WHERE dimension = 'width')                        AS items,
           sum(cc0_items) FILTER (WHERE dimension = 'width')                    AS cc0_items,
           sum(items) FILTER (WHERE dimension = 'width' AND pixels IS NOT NULL) AS with_size,
           max(pixels) FILTER (WHERE dimension = 'width')                       AS largest_width,
           max(pixels) FILTER (WHERE dimension = 'height')                      AS largest_height
    FROM sizes
    GROUP BY media_type
)
SELECT
    t.media_type                              AS media_type,
    t.items::BIGINT                           AS items,
    t.cc0_items::BIGINT                       AS cc0_items,
    coalesce(t.with_size, 0)::BIGINT          AS with_size,
    (SELECT m.median FROM medians m WHERE m.media_type IS NOT DISTINCT FROM t.media_type AND m.dimension = 'width')::INTEGER  AS median_width,
    (SELECT m.median FROM medians m WHERE m.media_type IS NOT DISTINCT FROM t.media_type AND m.dimension = 'height')::INTEGER AS median_height,
    t.largest_width                           AS largest_width,
    t.largest_height                          AS largest_height
FROM types t
ORDER BY items DESC, media_type;
