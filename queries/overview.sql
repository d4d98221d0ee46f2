-- Headline figures: records, units, CC0 share, share with media, media items and images
-- reads: unit_records
-- columns: records, units, cc0_records, cc0_share, records_with_media, media_share, media_items, images
-- Over the rollup unit_records (rows of objects per unit); base/overview.sql
-- asks the same of objects.
SELECT
    coalesce(sum(records), 0)::BIGINT                   AS records,
    count(DISTINCT unit_code)                           AS units,
    coalesce(sum(cc0_records), 0)::BIGINT               AS cc0_records,
    round(sum(cc0_records) / sum(records), 4)           AS cc0_share,
    coalesce(sum(records_with_media), 0)::BIGINT        AS records_with_media,
    round(sum(records_with_media) / sum(records), 4)    AS media_share,
    coalesce(sum(media_items), 0)::BIGINT               AS media_items,
    coalesce(sum(images), 0)::BIGINT                    AS images
FROM unit_records;
