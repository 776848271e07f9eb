-- The day the candidate received the results (issue 11, W5; seed 002 p.20:
-- the appeal window runs five working days from it, not from the protocol):
-- the first view of the bound protocol in the cabinet, or a paper receipt the
-- registrar enters. The first receipt counts.
CREATE TABLE results_receipts (
  sitting       INTEGER PRIMARY KEY REFERENCES sittings(id),
  received_date TEXT NOT NULL,             -- YYYY-MM-DD local
  channel       TEXT NOT NULL CHECK (channel IN ('cabinet', 'paper')),
  ms            INTEGER NOT NULL,
  recorded_by   INTEGER REFERENCES users(id),
  note          TEXT NOT NULL DEFAULT ''
);

-- An appeal handed in on paper (p.21) is registered by the centre: the day it
-- received it, and who entered it.
ALTER TABLE appeals ADD COLUMN channel TEXT NOT NULL DEFAULT 'cabinet';
ALTER TABLE appeals ADD COLUMN received_date TEXT;
ALTER TABLE appeals ADD COLUMN registered_by INTEGER REFERENCES users(id);
