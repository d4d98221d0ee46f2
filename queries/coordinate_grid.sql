-- Records with coordinates counted on a grid of cells of a few degrees: the data of a map
-- reads: coordinate_cells
-- columns: lat, lon, records
-- param: degrees INTEGER 1 the cells' side in degrees (1 to 90)
-- param: unit VARCHAR NULL only this unit_code
-- lat and lon are the cell's south-west corner: floor(latitude / degrees) *
-- degrees, likewise for longitude, with latitude 90 and longitude 180 in the
-- cells below them. Over the rollup coordinate_cells (one-degree cells);
-- base/coordinate_grid.sql asks the same of objects.
SELECT
    (floor(lat / $degrees::INTEGER) * $degrees::INTEGER)::INTEGER AS lat,
    (floor(lon / $degrees::INTEGER) * $degrees::INTEGER)::INTEGER AS lon,
    sum(records)::BIGINT                      AS records
FROM coordinate_cells
WHERE $unit::VARCHAR IS NULL OR unit_code = $unit::VARCHAR
GROUP BY ALL
ORDER BY lat, lon;
