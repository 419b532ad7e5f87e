-- A user grain that starts without its latest state (a silo died before the grain's lazy write) replays the rows of
-- its user after the position it last persisted: WHERE user_id = $1 AND id > $2 ORDER BY id.
CREATE INDEX IF NOT EXISTS interactions_user_id_idx ON interactions (user_id, id);
