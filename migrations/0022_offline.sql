-- The offline procedure (issue 11, W7; seed 002 p.10, p.13 offline, p.14).
-- An oral warning and the removal are violations like the proctoring's: an
-- event of the sitting's chain (kind oral_warning or offline_removal,
-- violation 1, strike 1 or 2) with its act in `acts`, so the count that
-- stands, the termination and its lifting on annulment, and the protocol's
-- decision follow one path. What only an offline act has is here: its channel,
-- its witnesses, and the signatures of the members present.
ALTER TABLE acts ADD COLUMN channel TEXT NOT NULL DEFAULT 'online' CHECK (channel IN ('online', 'offline'));
ALTER TABLE acts ADD COLUMN witnesses TEXT NOT NULL DEFAULT '[]';   -- JSON array of user ids (members present)
ALTER TABLE acts ADD COLUMN recorded_by INTEGER REFERENCES users(id);

-- p.14: each member present signs his own; the act stands signed when all have.
CREATE TABLE act_signatures (
  act       INTEGER NOT NULL REFERENCES acts(id),
  member    INTEGER NOT NULL REFERENCES users(id),
  signed_ms INTEGER NOT NULL,
  PRIMARY KEY (act, member)
);

-- p.9, p.10: the attendance of an offline sitting, as the commission present
-- records it (its last entry stands; each change is audited).
CREATE TABLE offline_attendance (
  sitting        INTEGER PRIMARY KEY REFERENCES sittings(id),
  candidate_present INTEGER NOT NULL CHECK (candidate_present IN (0, 1)),
  members        TEXT NOT NULL,              -- JSON array of user ids present
  workstation    TEXT NOT NULL DEFAULT '',   -- p.10.2: the workstation and equipment used
  accessibility  TEXT NOT NULL DEFAULT '',   -- p.10.1: the accessibility measures taken
  note           TEXT NOT NULL DEFAULT '',
  recorded_by    INTEGER NOT NULL REFERENCES users(id),
  recorded_ms    INTEGER NOT NULL
);
