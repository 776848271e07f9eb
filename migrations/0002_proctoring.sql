-- Online proctoring: ID photos, the event log of a sitting with evidence, and
-- the recording (sampled frames, room scan, audio levels).

CREATE TABLE photos (
  candidate  INTEGER PRIMARY KEY REFERENCES candidates(id),
  path       TEXT NOT NULL,            -- relative to the data directory
  sha256     TEXT NOT NULL,
  reference  BLOB NOT NULL,            -- the face prepared for comparison (proctor/)
  created_ms INTEGER NOT NULL
);

CREATE TABLE events (
  id         INTEGER PRIMARY KEY,
  sitting    INTEGER NOT NULL REFERENCES sittings(id),
  t_ms       INTEGER NOT NULL,
  kind       TEXT NOT NULL,            -- no_face, multiple_faces, noise, ..., identity_confirmed, focus_lost, room_scan_begin, ...
  detail     TEXT NOT NULL DEFAULT '',
  violation  INTEGER NOT NULL DEFAULT 0,
  strike     INTEGER NOT NULL DEFAULT 0,
  evidence   TEXT,                     -- path of the evidence image, relative to the data directory
  sha256     TEXT
);
CREATE INDEX events_sitting ON events(sitting, t_ms);

CREATE TABLE recording (
  id      INTEGER PRIMARY KEY,
  sitting INTEGER NOT NULL REFERENCES sittings(id),
  t_ms    INTEGER NOT NULL,
  part    TEXT NOT NULL CHECK (part IN ('exam', 'room_scan')),
  path    TEXT NOT NULL,
  sha256  TEXT NOT NULL
);
CREATE INDEX recording_sitting ON recording(sitting, t_ms);

CREATE TABLE audio_levels (
  sitting INTEGER NOT NULL REFERENCES sittings(id),
  t_ms    INTEGER NOT NULL,
  dbfs    REAL NOT NULL,
  PRIMARY KEY (sitting, t_ms)
) WITHOUT ROWID;
