-- A lost connection in an online sitting (issue 11, X6; seed 002 p.11): when
-- the sitting's last connection closed while the attempt was open, and how much
-- time the attempt has been given back on the candidate's returns.
ALTER TABLE sittings ADD COLUMN disconnected_ms INTEGER;
ALTER TABLE sittings ADD COLUMN credited_ms INTEGER NOT NULL DEFAULT 0;

-- The sweep's question: open attempts whose candidate is away.
CREATE INDEX sittings_away ON sittings(disconnected_ms) WHERE status = 'in_progress' AND disconnected_ms IS NOT NULL;
