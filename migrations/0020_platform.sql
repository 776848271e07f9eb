-- The national qualifications platform (issue 11, W8; seed 002 p.18.2,
-- Appendix 2): each signed document is sent there through this outbox, its
-- answer kept; the document's local code stays valid whatever the platform
-- says (the fallback).
CREATE TABLE platform_exports (
  id          INTEGER PRIMARY KEY,
  document    TEXT NOT NULL UNIQUE REFERENCES documents(code),
  payload     TEXT NOT NULL,            -- the JSON sent
  due         TEXT,                     -- YYYY-MM-DD: the document's 3 working days (p.18)
  created_ms  INTEGER NOT NULL,
  next_try_ms INTEGER NOT NULL,
  attempts    INTEGER NOT NULL DEFAULT 0,
  sent_ms     INTEGER,                  -- the platform took it (2xx)
  platform_id TEXT,                     -- its id of the record, when it gives one
  answer      TEXT,                     -- its answer's body, as it came (at most 64 KiB)
  failed      INTEGER NOT NULL DEFAULT 0,
  last_error  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX platform_exports_pending ON platform_exports(sent_ms, failed, next_try_ms);
