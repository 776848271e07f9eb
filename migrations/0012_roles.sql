-- Two roles the recognition procedure names (issue 11): the centre's registrar,
-- who registers and checks applications (seed 002 p.4-6), and the head of the
-- centre, who signs refusals to contract (p.5) and recognition documents
-- (Appendix 2). SQLite cannot alter a CHECK, so both tables holding a role
-- are rebuilt with their ids kept; the migrator runs this with foreign keys off
-- and checks them before the commit.
CREATE TABLE users_rebuilt (
  id            INTEGER PRIMARY KEY,
  login         TEXT NOT NULL UNIQUE,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'commission', 'appeal', 'candidate', 'registrar', 'head')),
  password_hash TEXT NOT NULL,
  created_ms    INTEGER NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0
);
INSERT INTO users_rebuilt(id, login, role, password_hash, created_ms, disabled)
  SELECT id, login, role, password_hash, created_ms, disabled FROM users ORDER BY id;
DROP TABLE users;
ALTER TABLE users_rebuilt RENAME TO users;

CREATE TABLE user_roles_rebuilt (
  user_id INTEGER NOT NULL REFERENCES users(id),
  role    TEXT NOT NULL CHECK (role IN ('admin', 'commission', 'appeal', 'candidate', 'registrar', 'head')),
  PRIMARY KEY (user_id, role)
);
INSERT INTO user_roles_rebuilt(user_id, role) SELECT user_id, role FROM user_roles;
DROP TABLE user_roles;
ALTER TABLE user_roles_rebuilt RENAME TO user_roles;
