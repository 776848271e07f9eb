-- People and roles (issue 9). One person per IIN, whatever part they play
-- (candidate now; expert and healthcare worker with their registers), not tied
-- to a login. A user holds a set of roles.
--
-- candidates keeps its personal columns for now (written alongside, read from
-- people); they go with the table's rebuild when the applications domain
-- reshapes candidates.

CREATE TABLE people (
  id         INTEGER PRIMARY KEY,
  iin        TEXT NOT NULL UNIQUE,
  full_name  TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  email      TEXT NOT NULL DEFAULT '',
  phone      TEXT NOT NULL DEFAULT '',
  created_ms INTEGER NOT NULL
);

INSERT INTO people(iin, full_name, birth_date, email, phone, created_ms)
  SELECT iin, full_name, birth_date, email, phone, created_ms FROM candidates ORDER BY id;

ALTER TABLE candidates ADD COLUMN person INTEGER REFERENCES people(id);
UPDATE candidates SET person = (SELECT p.id FROM people p WHERE p.iin = candidates.iin);
CREATE UNIQUE INDEX candidates_person ON candidates(person);

CREATE TABLE user_roles (
  user_id INTEGER NOT NULL REFERENCES users(id),
  role    TEXT NOT NULL CHECK (role IN ('admin', 'commission', 'appeal', 'candidate')),
  PRIMARY KEY (user_id, role)
);

INSERT INTO user_roles(user_id, role) SELECT id, role FROM users;
