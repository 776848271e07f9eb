-- Room scans the server asked for (seed 002 p.2 item 8; issue 8, C3). Only the
-- server starts a scan: a request is a row; the candidate's `begin` is
-- accepted only while its sitting has a request not yet ended, and a scan
-- ends on the candidate's `end` or by itself after proctor.room_scan_max_s.
-- Kept in the database so that a reconnect or a restart neither forgets a
-- request nor makes a running scan longer.
CREATE TABLE room_scans (
  id           INTEGER PRIMARY KEY,
  sitting      INTEGER NOT NULL REFERENCES sittings(id),
  reason       TEXT NOT NULL,            -- start, commission
  requested_ms INTEGER NOT NULL,
  began_ms     INTEGER,                  -- the candidate's `begin`; NULL: not begun yet
  ended_ms     INTEGER,                  -- NULL: still owed or running
  ended_by     TEXT CHECK (ended_by IN ('candidate', 'timeout'))
);
CREATE INDEX room_scans_sitting ON room_scans(sitting, id);

-- The room-scan frame cap (proctor.room_scan_max_frames) counts the sitting's
-- recording rows of part 'room_scan' when its stream loads (index
-- recording_sitting of 0002: at most a few thousand rows a sitting).
