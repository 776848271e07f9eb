-- Tanu schema, version 1: accounts, programmes, question banks, candidates,
-- sittings (the contract's "sessions"), papers and answers.

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  login         TEXT NOT NULL UNIQUE,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'commission', 'appeal', 'candidate')),
  password_hash TEXT NOT NULL,
  created_ms    INTEGER NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE tokens (
  hash       BLOB PRIMARY KEY,          -- SHA-256 of the bearer token
  user_id    INTEGER NOT NULL REFERENCES users(id),
  created_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX tokens_expiry ON tokens(expires_ms);

CREATE TABLE programmes (
  code       TEXT PRIMARY KEY,
  body       TEXT NOT NULL,             -- the programme as JSON (docs/api.md)
  created_ms INTEGER NOT NULL
);

-- Every version of every question; a re-import retires the older version but
-- issued papers keep pointing at the version they were drawn with.
CREATE TABLE questions (
  id         INTEGER PRIMARY KEY,
  programme  TEXT NOT NULL REFERENCES programmes(code),
  lang       TEXT NOT NULL,
  ext_id     TEXT NOT NULL,
  topic      TEXT NOT NULL DEFAULT '',
  text       TEXT NOT NULL,
  options    TEXT NOT NULL,             -- JSON array of strings
  correct    TEXT NOT NULL,             -- JSON array of 0-based indices
  active     INTEGER NOT NULL DEFAULT 1,
  created_ms INTEGER NOT NULL
);
CREATE INDEX questions_bank ON questions(programme, lang, active);
CREATE UNIQUE INDEX questions_active_key ON questions(programme, lang, ext_id) WHERE active = 1;

CREATE TABLE candidates (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL UNIQUE REFERENCES users(id),
  iin        TEXT NOT NULL UNIQUE,
  full_name  TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  email      TEXT NOT NULL DEFAULT '',
  phone      TEXT NOT NULL DEFAULT '',
  created_ms INTEGER NOT NULL
);

CREATE TABLE sittings (
  id            INTEGER PRIMARY KEY,
  candidate     INTEGER NOT NULL REFERENCES candidates(id),
  programme     TEXT NOT NULL REFERENCES programmes(code),
  lang          TEXT NOT NULL,
  mode          TEXT NOT NULL,
  attempt       INTEGER NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('scheduled', 'in_progress', 'finished', 'terminated')),
  created_ms    INTEGER NOT NULL,
  started_ms    INTEGER,
  deadline_ms   INTEGER,
  finished_ms   INTEGER,
  finish_reason TEXT,
  correct       INTEGER,
  total         INTEGER,
  passed        INTEGER,
  violations    INTEGER NOT NULL DEFAULT 0,
  UNIQUE (candidate, programme, attempt)
);
CREATE INDEX sittings_open_deadline ON sittings(deadline_ms) WHERE status = 'in_progress';

-- The paper of a sitting, issued once: for n = 1..N the question version and
-- the order its options are shown in ([[question_id, [2, 0, 3, 1]], ...]).
CREATE TABLE papers (
  sitting INTEGER PRIMARY KEY REFERENCES sittings(id),
  items   TEXT NOT NULL
);

CREATE TABLE answers (
  sitting  INTEGER NOT NULL REFERENCES sittings(id),
  n        INTEGER NOT NULL,
  choice   TEXT NOT NULL,               -- shown indices, "0,2"; empty = cleared
  seq      TEXT NOT NULL DEFAULT '',
  saved_ms INTEGER NOT NULL,
  PRIMARY KEY (sitting, n)
) WITHOUT ROWID;
