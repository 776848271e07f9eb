-- The theory engine is neutral (issue 9): a sitting's meaning belongs to the
-- procedure that owns it (the programme's kind, server/exam/sitting_owner.hpp).
-- The recognition procedure's own dates of a sitting leave `sittings` for a
-- table of its own: the procedure's date and the protocol's deadline (seed 002
-- p.17), written when the theory stage ends.
CREATE TABLE recognition_sittings (
  sitting        INTEGER PRIMARY KEY REFERENCES sittings(id),
  procedure_date TEXT NOT NULL,   -- YYYY-MM-DD, local (UTC+5)
  protocol_due   TEXT             -- NULL: the calendar lacked the year
);

-- Every ended sitting: those ended before release 4 had no date; theirs is
-- the local day they ended on.
INSERT INTO recognition_sittings(sitting, procedure_date, protocol_due)
  SELECT id, COALESCE(procedure_date, date(finished_ms / 1000 + 5 * 3600, 'unixepoch')), protocol_due
  FROM sittings
  WHERE status IN ('finished', 'terminated') AND (procedure_date IS NOT NULL OR finished_ms IS NOT NULL);

ALTER TABLE sittings DROP COLUMN procedure_date;
ALTER TABLE sittings DROP COLUMN protocol_due;
