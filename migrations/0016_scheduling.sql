-- Scheduling and reschedules (issue 11, W2 and W3; seed 002 p.6, p.7, p.11).
-- A sitting may now be closed without being sat: cancelled by the centre,
-- voided (the p.7 sick leave or the p.11 technical failure: answers kept, no
-- attempt), or a no-show (its start window passed). Only sittings that are
-- sat count as attempts, so the attempt number is unique among those only.
-- SQLite cannot alter a CHECK or drop a UNIQUE: the table is rebuilt with its
-- ids kept (the migrator runs this with foreign keys off and checks them).
CREATE TABLE sittings_rebuilt (
  id                INTEGER PRIMARY KEY,
  candidate         INTEGER NOT NULL REFERENCES candidates(id),
  programme         TEXT NOT NULL REFERENCES programmes(code),
  lang              TEXT NOT NULL,
  mode              TEXT NOT NULL,
  attempt           INTEGER NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('scheduled', 'in_progress', 'finished', 'terminated',
                                                    'cancelled', 'voided', 'no_show')),
  created_ms        INTEGER NOT NULL,
  started_ms        INTEGER,
  deadline_ms       INTEGER,
  finished_ms       INTEGER,
  finish_reason     TEXT,
  correct           INTEGER,
  total             INTEGER,
  passed            INTEGER,
  violations        INTEGER NOT NULL DEFAULT 0,
  -- why it was scheduled: 'none', or after a p.7 / p.11 void (the p.6 gap is waived)
  reschedule_reason TEXT NOT NULL DEFAULT 'none'
                    CHECK (reschedule_reason IN ('none', 'sick_leave', 'technical_failure')),
  replaces          INTEGER REFERENCES sittings(id),
  -- cancelled (reason 'cancelled'), voided ('sick_leave', 'technical_failure'), no_show ('missed')
  closed_reason     TEXT,
  closed_note       TEXT,
  closed_ms         INTEGER,
  closed_by         INTEGER REFERENCES users(id)
);
INSERT INTO sittings_rebuilt(id, candidate, programme, lang, mode, attempt, status, created_ms, started_ms,
                             deadline_ms, finished_ms, finish_reason, correct, total, passed, violations)
  SELECT id, candidate, programme, lang, mode, attempt, status, created_ms, started_ms, deadline_ms, finished_ms,
         finish_reason, correct, total, passed, violations FROM sittings ORDER BY id;
DROP TABLE sittings;
ALTER TABLE sittings_rebuilt RENAME TO sittings;
CREATE INDEX sittings_open_deadline ON sittings(deadline_ms) WHERE status = 'in_progress';
CREATE INDEX sittings_scheduled ON sittings(id) WHERE status = 'scheduled';  -- the no-show sweep
CREATE UNIQUE INDEX sittings_attempt ON sittings(candidate, programme, attempt)
  WHERE status IN ('scheduled', 'in_progress', 'finished', 'terminated');
CREATE UNIQUE INDEX sittings_replaces ON sittings(replaces) WHERE replaces IS NOT NULL;

-- p.6: each stage's date, time and place (or the online link) and the
-- commission that conducts it.
CREATE TABLE sitting_slots (
  sitting    INTEGER NOT NULL REFERENCES sittings(id),
  stage      TEXT NOT NULL CHECK (stage IN ('theory', 'practical')),
  day        TEXT NOT NULL,      -- YYYY-MM-DD local
  starts     TEXT NOT NULL,      -- HH:MM local
  ends       TEXT NOT NULL,
  starts_ms  INTEGER NOT NULL,
  ends_ms    INTEGER NOT NULL,
  place      TEXT NOT NULL DEFAULT '',
  link       TEXT NOT NULL DEFAULT '',
  commission INTEGER REFERENCES commissions(id),
  PRIMARY KEY (sitting, stage)
);

-- The notice of date, time and place (p.6) or of the new date (p.7, p.11).
CREATE TABLE sitting_notices (
  id        INTEGER PRIMARY KEY,
  sitting   INTEGER NOT NULL REFERENCES sittings(id),
  kind      TEXT NOT NULL CHECK (kind IN ('schedule', 'new_date', 'sitting_cancelled')),
  sent_day  TEXT NOT NULL,
  notice    INTEGER REFERENCES notices(id),
  gap_rule  TEXT NOT NULL,
  created_ms INTEGER NOT NULL
);
CREATE INDEX sitting_notices_sitting ON sitting_notices(sitting);

-- p.7: temporary incapacity reported, then proved by the sick-leave sheet.
CREATE TABLE sick_leaves (
  id             INTEGER PRIMARY KEY,
  sitting        INTEGER NOT NULL REFERENCES sittings(id),
  status         TEXT NOT NULL CHECK (status IN ('reported', 'proved', 'accepted', 'rejected')),
  channel        TEXT NOT NULL CHECK (channel IN ('page', 'phone', 'paper')),
  period_from    TEXT NOT NULL,
  period_to      TEXT,
  note           TEXT NOT NULL DEFAULT '',
  reported_ms    INTEGER NOT NULL,
  reported_by    INTEGER NOT NULL REFERENCES users(id),
  sheet_number   TEXT,
  sheet_issuer   TEXT,
  sheet_from     TEXT,
  sheet_to       TEXT,
  sheet_sha256   TEXT,
  sheet_size     INTEGER,
  sheet_type     TEXT,
  sheet_ms       INTEGER,
  decided_ms     INTEGER,
  decided_by     INTEGER REFERENCES users(id),
  decision_note  TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX sick_leaves_open ON sick_leaves(sitting) WHERE status IN ('reported', 'proved');

-- p.11: the act of a technical failure (the sitting is voided by it).
CREATE TABLE technical_acts (
  id          INTEGER PRIMARY KEY,
  sitting     INTEGER NOT NULL REFERENCES sittings(id),
  kind        TEXT NOT NULL CHECK (kind IN ('connection_lost', 'camera_lost', 'microphone_lost', 'server_failure',
                                            'platform_outage', 'other')),
  description TEXT NOT NULL,
  evidence    TEXT NOT NULL DEFAULT '[]',   -- JSON array of the sitting's event ids
  recorded_ms INTEGER NOT NULL,
  recorded_by INTEGER REFERENCES users(id)  -- NULL: recorded by the server itself
);
CREATE INDEX technical_acts_sitting ON technical_acts(sitting);

-- p.6: the day the schedule notice of a contract went (its term is schedule_notice_due).
ALTER TABLE applications ADD COLUMN schedule_notice_sent TEXT;
