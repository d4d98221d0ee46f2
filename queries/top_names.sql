-- Most common names (people and organisations), with the name type where the unit gives one
-- reads: facets
-- columns: name, name_type, records
-- param: limit INTEGER 20 how many rows
SELECT value AS name, coalesce(qualifier, '') AS name_type, count(DISTINCT record_id) AS records
FROM facets
WHERE facet = 'name' AND value IS NOT NULL
GROUP BY ALL
ORDER BY records DESC, name, name_type
LIMIT $limit::INTEGER;
