-- A lead grain that starts without its latest state (a silo died before the grain's lazy write) replays the rows of
-- its lead after the position it last persisted: WHERE lead_id = $1 AND id > $2 ORDER BY id. Additive and idempotent.
CREATE INDEX IF NOT EXISTS interactions_lead_id_idx ON interactions (lead_id, id);
