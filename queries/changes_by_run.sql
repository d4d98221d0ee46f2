-- Records added, removed and modified by each run that published the dataset, per unit
-- reads: changes
-- columns: run_at, unit_code, added, removed, modified
-- The changes history (_changes/, docs/DATASET.md) keeps one file per run; the first run lists every record as added.
SELECT run_at,
       unit_code,
       count(*) FILTER (WHERE change = 'added')::BIGINT AS added,
       count(*) FILTER (WHERE change = 'removed')::BIGINT AS removed,
       count(*) FILTER (WHERE change = 'modified')::BIGINT AS modified
FROM changes
GROUP BY run_at, unit_code
ORDER BY run_at DESC, unit_code;
