-- Records added, removed or modified by the runs published on or after a date
-- reads: changes
-- columns: run_at, unit_code, record_id, change, doc_signature_before, doc_signature_after, last_time_updated
-- param: since DATE NULL only runs published on or after this day (YYYY-MM-DD, UTC)
-- param: unit VARCHAR NULL only this unit_code
-- param: change VARCHAR NULL only this change: added, removed or modified
SELECT run_at, unit_code, record_id, change, doc_signature_before, doc_signature_after, last_time_updated
FROM changes
WHERE ($since IS NULL OR run_at >= CAST($since AS DATE)::TIMESTAMP AT TIME ZONE 'UTC')
  AND ($unit IS NULL OR unit_code = $unit)
  AND ($change IS NULL OR change = $change)
ORDER BY run_at, unit_code, record_id;
