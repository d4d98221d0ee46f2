-- Objects per ISO 3166-1 country code and what the place is to them (made, collected, depicted, other), with how many have an uncertain date
-- reads: country_code_records
-- columns: country_code, records, made, collected, depicted, other, uncertain_date
-- param: limit INTEGER 30 how many rows
-- Over the rollup country_code_records; base/countries_by_code.sql asks the same of objects.
-- A null country_code is the records whose place names no ISO country (or that have none).
SELECT country_code, sum(records)::BIGINT AS records,
       coalesce(sum(records) FILTER (WHERE place_role = 'made'), 0)::BIGINT AS made,
       coalesce(sum(records) FILTER (WHERE place_role = 'collected'), 0)::BIGINT AS collected,
       coalesce(sum(records) FILTER (WHERE place_role = 'depicted'), 0)::BIGINT AS depicted,
       coalesce(sum(records) FILTER (WHERE place_role = 'other'), 0)::BIGINT AS other,
       coalesce(sum(uncertain_date), 0)::BIGINT AS uncertain_date
FROM country_code_records
GROUP BY ALL
ORDER BY records DESC, country_code NULLS LAST
LIMIT $limit::INTEGER;
