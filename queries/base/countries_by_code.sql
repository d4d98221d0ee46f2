-- The question of countries_by_code.sql over the base tables: what the bundled query over the
-- rollups must return, row for row (TestRollupsEqualBase), and what runs on a
-- dataset written before rollups existed.
SELECT country_code, count(*) AS records,
       count(*) FILTER (WHERE place_role = 'made') AS made,
       count(*) FILTER (WHERE place_role = 'collected') AS collected,
       count(*) FILTER (WHERE place_role = 'depicted') AS depicted,
       count(*) FILTER (WHERE place_role = 'other') AS other,
       count(*) FILTER (WHERE date_uncertain) AS uncertain_date
FROM objects
GROUP BY ALL
ORDER BY records DESC, country_code NULLS LAST
LIMIT $limit::INTEGER;
