-- What an appeal decides, by the appeal commission's vote (issue 11, W4;
-- seed 002 p.20-23). Each member of the appeal votes an outcome with its
-- reasons (one vote a member, changed until the appeal is decided); the appeal
-- is decided when its quorum has voted (exam/recognition/outcome.hpp
-- tally_appeal), and keeps the outcome and the minutes of the vote, signed
-- like a protocol: minutes_date is the local date of the last required vote.
-- `status` stays registered/upheld/rejected for outside clients: upheld is
-- recognised or annulled.
CREATE TABLE appeal_votes (
  appeal   INTEGER NOT NULL REFERENCES appeals(id),
  member   INTEGER NOT NULL REFERENCES users(id),
  outcome  TEXT NOT NULL CHECK (outcome IN ('recognised', 'annulled', 'rejected')),
  reasons  TEXT NOT NULL DEFAULT '',
  note     TEXT NOT NULL DEFAULT '',
  voted_ms INTEGER NOT NULL,
  PRIMARY KEY (appeal, member)
) WITHOUT ROWID;

ALTER TABLE appeals ADD COLUMN outcome TEXT CHECK (outcome IS NULL OR outcome IN ('recognised', 'annulled', 'rejected'));
ALTER TABLE appeals ADD COLUMN reasons TEXT NOT NULL DEFAULT '';
ALTER TABLE appeals ADD COLUMN quorum TEXT;           -- the rule it was decided by; first_vote: the short path
ALTER TABLE appeals ADD COLUMN minutes TEXT;          -- the minutes of the vote (UTF-8 text)
ALTER TABLE appeals ADD COLUMN minutes_sha256 TEXT;   -- SHA-256 of minutes, hex
ALTER TABLE appeals ADD COLUMN minutes_date TEXT;     -- YYYY-MM-DD, the last required vote (UTC+5)
-- Appeals decided before this release: one member's decision, upheld meant recognised.
UPDATE appeals SET outcome = CASE status WHEN 'upheld' THEN 'recognised' ELSE 'rejected' END, quorum = 'first_vote'
  WHERE status IN ('upheld', 'rejected');

-- p.23: a protocol whose result an appeal recognised stands amended by it.
ALTER TABLE protocols ADD COLUMN amended_by_appeal INTEGER REFERENCES appeals(id);
UPDATE protocols SET amended_by_appeal =
  (SELECT max(a.id) FROM appeals a WHERE a.sitting = protocols.sitting AND a.status = 'upheld')
  WHERE EXISTS (SELECT 1 FROM appeals a WHERE a.sitting = protocols.sitting AND a.status = 'upheld');
