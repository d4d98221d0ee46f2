-- The question of coordinate_grid.sql over the base tables: what the bundled query over the
-- rollups must return, row for row (TestRollupsEqualBase), and what runs on a
-- dataset written before rollups existed.
SELECT
    (floor(least(greatest(floor(latitude), -90), 89) / $degrees::INTEGER) * $degrees::INTEGER)::INTEGER   AS lat,
    (floor(least(greatest(floor(longitude), -180), 179) / $degrees::INTEGER) * $degrees::INTEGER)::INTEGER AS lon,
    count(*)                                  AS records
FROM objects
WHERE latitude IS NOT NULL AND longitude IS NOT NULL
  AND ($unit::VARCHAR IS NULL OR unit_code = $unit::VARCHAR)
GROUP BY ALL
ORDER BY lat, lon;
