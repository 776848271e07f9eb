-- Answers that reached the server after the deadline (issue 10,
-- exam/theory/late.hpp): not counted, kept once per question (the first to
-- arrive) with the event that logged it in the sitting's hash-chained log, so
-- the result, the commission and an appeal can list them.
CREATE TABLE late_answers (
  sitting    INTEGER NOT NULL REFERENCES sittings(id),
  n          INTEGER NOT NULL,            -- the question on the paper, 1-based
  choice     TEXT NOT NULL,               -- the shown indices given, comma-separated
  arrived_ms INTEGER NOT NULL,            -- the server's clock
  event      INTEGER NOT NULL UNIQUE REFERENCES events(id),
  PRIMARY KEY (sitting, n)
) WITHOUT ROWID;
