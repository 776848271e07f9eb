-- A candidate is a person (people, migration 7) with an account: the personal
-- columns copied beside `people` by release 7 go, and every reader already
-- reads them from `people`. The table is rebuilt (SQLite cannot drop a UNIQUE
-- column); the migrator runs this with foreign keys off and checks them before
-- the commit. Ids are kept, so every sitting, appeal, document and notice still
-- points at its candidate.
CREATE TABLE candidates_rebuilt (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL UNIQUE REFERENCES users(id),
  person     INTEGER NOT NULL UNIQUE REFERENCES people(id),
  created_ms INTEGER NOT NULL
);

INSERT INTO candidates_rebuilt(id, user_id, person, created_ms)
  SELECT id, user_id, person, created_ms FROM candidates ORDER BY id;

DROP TABLE candidates;
ALTER TABLE candidates_rebuilt RENAME TO candidates;
