-- The collegial bodies (seed 002 p.9, p.16-17, p.21-22; W4, X7, X13): the
-- exam and appeal commissions the centre creates by an order, their members
-- and offices, the programmes each serves. A protocol binds once the quorum of
-- its sitting's commission has signed (exam/recognition/commission.hpp); a
-- centre that creates no commission keeps the short path: any commission
-- member signs and the first signature binds.
CREATE TABLE commissions (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('exam', 'appeal')),
  name        TEXT NOT NULL,
  order_no    TEXT NOT NULL,            -- the centre's order creating it
  order_date  TEXT NOT NULL,            -- YYYY-MM-DD
  valid_from  TEXT NOT NULL,            -- YYYY-MM-DD
  valid_to    TEXT,                     -- NULL: until closed
  quorum      TEXT NOT NULL DEFAULT 'chair_and_majority'
              CHECK (quorum IN ('chair_and_majority', 'majority', 'all')),
  created_ms  INTEGER NOT NULL,
  created_by  INTEGER REFERENCES users(id),
  updated_ms  INTEGER NOT NULL,
  closed_ms   INTEGER,
  closed_by   INTEGER REFERENCES users(id)
);
CREATE TABLE commission_members (
  commission INTEGER NOT NULL REFERENCES commissions(id),
  member     INTEGER NOT NULL REFERENCES users(id),
  role       TEXT NOT NULL CHECK (role IN ('chair', 'deputy', 'secretary', 'member')),
  position   INTEGER NOT NULL,          -- the order given
  PRIMARY KEY (commission, member)
) WITHOUT ROWID;
CREATE UNIQUE INDEX commission_one_chair ON commission_members(commission) WHERE role = 'chair';
CREATE INDEX commission_members_member ON commission_members(member);
CREATE TABLE commission_programmes (
  commission INTEGER NOT NULL REFERENCES commissions(id),
  programme  TEXT NOT NULL REFERENCES programmes(code),
  PRIMARY KEY (commission, programme)
) WITHOUT ROWID;
CREATE INDEX commission_programmes_programme ON commission_programmes(programme);

-- The sitting's exam commission, fixed once it is known (the theory stage's end,
-- the first mark or the first signature); NULL: none serves it (the short path).
ALTER TABLE recognition_sittings ADD COLUMN commission INTEGER REFERENCES commissions(id);

-- A protocol is made by its first signature and binds at the quorum: then its
-- signed_date (the local date of the last required signature) starts the terms
-- (p.18, p.19, p.20). Until then results_date and appeal_until are ''.
-- Protocols made before this release bound on their first signature.
ALTER TABLE protocols ADD COLUMN commission INTEGER REFERENCES commissions(id);
ALTER TABLE protocols ADD COLUMN bound_ms INTEGER;
ALTER TABLE protocols ADD COLUMN signed_date TEXT;
UPDATE protocols SET bound_ms = created_ms, signed_date = results_date;

-- The appeal commission an appeal went to (NULL: the short path, every appeal member).
ALTER TABLE appeals ADD COLUMN commission INTEGER REFERENCES commissions(id);
