-- After the theory stage (seed 002 p.14-23): violation acts, the practical
-- stage's marks, the commission's protocol and its signatures, recognition
-- documents, notices (the outbox), appeals, and the audit trail. Deadlines are
-- local dates (UTC+5, YYYY-MM-DD) computed with the working-day calendar and
-- stored with the record they govern.

-- The event log of a sitting is a hash chain: each entry carries the hash of
-- the one before (seq 1 has prev_hash ''); `tanu audit verify` checks it.
-- Entries written before this migration are chained at the next start.
ALTER TABLE events ADD COLUMN seq INTEGER;
ALTER TABLE events ADD COLUMN prev_hash TEXT;
ALTER TABLE events ADD COLUMN hash TEXT;
CREATE UNIQUE INDEX events_chain ON events(sitting, seq);

-- The procedure's date and the protocol's deadline, set when the theory stage ends.
ALTER TABLE sittings ADD COLUMN procedure_date TEXT;
ALTER TABLE sittings ADD COLUMN protocol_due TEXT;

-- p.14: an act for each violation, reviewed by the exam commission.
CREATE TABLE acts (
  id          INTEGER PRIMARY KEY,
  sitting     INTEGER NOT NULL REFERENCES sittings(id),
  event       INTEGER NOT NULL UNIQUE REFERENCES events(id),
  status      TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'confirmed', 'annulled')),
  created_ms  INTEGER NOT NULL,
  reviewed_by INTEGER REFERENCES users(id),
  reviewed_ms INTEGER,
  reason      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX acts_sitting ON acts(sitting);
CREATE INDEX acts_status ON acts(status);

-- p.16-17: each member's mark of each item of the technological card.
CREATE TABLE practical_marks (
  sitting     INTEGER NOT NULL REFERENCES sittings(id),
  member      INTEGER NOT NULL REFERENCES users(id),
  item        TEXT NOT NULL,
  done        INTEGER NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  recorded_ms INTEGER NOT NULL,
  PRIMARY KEY (sitting, member, item)
) WITHOUT ROWID;

-- p.17: the commission's decision on the whole procedure.
CREATE TABLE protocols (
  id               INTEGER PRIMARY KEY,
  sitting          INTEGER NOT NULL UNIQUE REFERENCES sittings(id),
  decision         TEXT NOT NULL CHECK (decision IN ('passed', 'not_passed')),
  reasons          TEXT NOT NULL DEFAULT '[]',   -- JSON array of machine words
  practical        TEXT,                         -- JSON: the card's outcome, when there is a practical stage
  created_ms       INTEGER NOT NULL,
  created_by       INTEGER NOT NULL REFERENCES users(id),
  results_date     TEXT NOT NULL,                -- the results are given on this local date
  document_due     TEXT,                         -- p.18, when passed
  notice_due       TEXT,                         -- p.19, when not passed
  appeal_until     TEXT NOT NULL                 -- p.20: the last day to file an appeal
);
CREATE TABLE protocol_signatures (
  protocol  INTEGER NOT NULL REFERENCES protocols(id),
  member    INTEGER NOT NULL REFERENCES users(id),
  signed_ms INTEGER NOT NULL,
  PRIMARY KEY (protocol, member)
) WITHOUT ROWID;

-- p.18, Appendix 2: recognition documents.
CREATE TABLE documents (
  code           TEXT PRIMARY KEY,
  serial         INTEGER NOT NULL UNIQUE,
  sitting        INTEGER NOT NULL REFERENCES sittings(id),
  candidate      INTEGER NOT NULL REFERENCES candidates(id),
  programme      TEXT NOT NULL,
  profession     TEXT NOT NULL,
  nqf_level      INTEGER NOT NULL,
  full_name      TEXT NOT NULL,
  procedure_date TEXT NOT NULL,
  issued         TEXT NOT NULL,
  valid_until    TEXT NOT NULL,
  issued_ms      INTEGER NOT NULL,
  issued_by      INTEGER REFERENCES users(id),
  basis          TEXT NOT NULL CHECK (basis IN ('protocol', 'appeal')),
  status         TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'revoked')),
  revoked_ms     INTEGER,
  revoked_by     INTEGER REFERENCES users(id),
  revoked_reason TEXT
);
CREATE INDEX documents_sitting ON documents(sitting);
CREATE INDEX documents_candidate ON documents(candidate);

-- Notices to candidates: the outbox. A notice is delivered by the configured
-- adapter (a mail drop directory, or SMTP) and retried until it is.
CREATE TABLE notices (
  id           INTEGER PRIMARY KEY,
  candidate    INTEGER NOT NULL REFERENCES candidates(id),
  sitting      INTEGER REFERENCES sittings(id),
  kind         TEXT NOT NULL,                  -- not_passed, document_issued, appeal_registered, appeal_decided
  recipient    TEXT NOT NULL,                  -- e-mail address; '' when the candidate has none
  subject      TEXT NOT NULL,
  body         TEXT NOT NULL,
  created_ms   INTEGER NOT NULL,
  due          TEXT,                           -- the legal deadline, when there is one
  attempts     INTEGER NOT NULL DEFAULT 0,
  next_try_ms  INTEGER NOT NULL,
  delivered_ms INTEGER,
  failed       INTEGER NOT NULL DEFAULT 0,     -- 1: given up (permanent error); staff see it
  last_error   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX notices_pending ON notices(delivered_ms, failed, next_try_ms);
CREATE INDEX notices_candidate ON notices(candidate);

-- p.20-23: appeals.
CREATE TABLE appeals (
  id         INTEGER PRIMARY KEY,
  sitting    INTEGER NOT NULL REFERENCES sittings(id),
  candidate  INTEGER NOT NULL REFERENCES candidates(id),
  reason     TEXT NOT NULL,
  filed_ms   INTEGER NOT NULL,
  filed_date TEXT NOT NULL,
  decide_by  TEXT NOT NULL,
  status     TEXT NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'upheld', 'rejected')),
  decided_ms INTEGER,
  decided_by INTEGER REFERENCES users(id),
  note       TEXT NOT NULL DEFAULT '',
  document   TEXT REFERENCES documents(code)
);
CREATE INDEX appeals_sitting ON appeals(sitting);
-- The appeal commission's members an appeal is assigned to.
CREATE TABLE appeal_members (
  appeal INTEGER NOT NULL REFERENCES appeals(id),
  member INTEGER NOT NULL REFERENCES users(id),
  PRIMARY KEY (appeal, member)
) WITHOUT ROWID;

-- Who changed what, when: a hash chain like the events'.
CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  t_ms      INTEGER NOT NULL,
  actor     INTEGER REFERENCES users(id),
  action    TEXT NOT NULL,
  object    TEXT NOT NULL,
  detail    TEXT NOT NULL DEFAULT '',
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);

CREATE TABLE counters (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO counters(name, value) VALUES ('document_serial', 0);
