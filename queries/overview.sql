-- Headline figures: records, units, CC0 share, share with media, media items and images
-- reads: objects
-- columns: records, units, cc0_records, cc0_share, records_with_media, media_share, media_items, images
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
