-- The question of fill_rates_by_unit.sql over the base tables: what the bundled query over the
-- rollups must return, row for row (TestRollupsEqualBase), and what runs on a
-- dataset written before rollups existed.
SELECT
    unit_code,
    count(*)                                                  AS records,
    round(avg((title IS NOT NULL)::INTEGER), 3)               AS title,
    round(avg((guid IS NOT NULL)::INTEGER), 3)                AS guid,
    round(avg((record_link IS NOT NULL)::INTEGER), 3)         AS record_link,
    round(avg((len(dates) > 0)::INTEGER), 3)                  AS dates,
    round(avg((year_start IS NOT NULL OR year_end IS NOT NULL)::INTEGER), 3) AS year,
    round(avg(coalesce(date_precision IN ('day', 'month', 'year'), false)::INTEGER), 3) AS year_precise,
    round(avg((len(object_types) > 0)::INTEGER), 3)           AS object_types,
    round(avg((len(topics) > 0)::INTEGER), 3)                 AS topics,
    round(avg((len(places) > 0)::INTEGER), 3)                 AS places,
    round(avg((len(names) > 0)::INTEGER), 3)                  AS names,
    round(avg((country IS NOT NULL)::INTEGER), 3)             AS country,
    round(avg((latitude IS NOT NULL)::INTEGER), 3)            AS coordinates,
    round(avg((tax_kingdom IS NOT NULL)::INTEGER), 3)         AS taxonomy,
    round(avg((len(scientific_names) > 0)::INTEGER), 3)       AS scientific_names,
    round(avg((genus IS NOT NULL)::INTEGER), 3)               AS genus,
    round(avg(has_media::INTEGER), 3)                         AS media
FROM objects
GROUP BY unit_code
ORDER BY records DESC, unit_code;
