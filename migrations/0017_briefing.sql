-- Before the procedure (issue 11, W6; seed 002 p.8, p.12): what the candidate
-- acknowledged before the start, one row per item of a sitting (methodology,
-- appeal_rules, prohibited_items), with when, from which address and the
-- SHA-256 of the text shown; and the safety briefing's entry in the centre's
-- paper journal (p.8 last part), recorded by staff on the sitting.
CREATE TABLE acknowledgements (
  sitting     INTEGER NOT NULL REFERENCES sittings(id),
  item        TEXT NOT NULL CHECK (item IN ('methodology', 'appeal_rules', 'prohibited_items')),
  ms          INTEGER NOT NULL,
  client      TEXT NOT NULL,
  lang        TEXT NOT NULL,
  text_sha256 TEXT NOT NULL CHECK (length(text_sha256) = 64),
  PRIMARY KEY (sitting, item)
);

CREATE TABLE briefing_journal (
  sitting     INTEGER PRIMARY KEY REFERENCES sittings(id),
  day         TEXT NOT NULL,            -- YYYY-MM-DD, the briefing's date
  instructor  TEXT NOT NULL,
  journal_no  TEXT NOT NULL,
  page        INTEGER NOT NULL CHECK (page > 0),
  entry       INTEGER NOT NULL CHECK (entry > 0),
  recorded_by INTEGER NOT NULL REFERENCES users(id),
  ms          INTEGER NOT NULL
);
