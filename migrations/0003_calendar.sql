-- The working-day calendar of Kazakhstan (docs: design/rules.md "Working days").
-- Deadlines in working days count Monday-Friday, less the public holidays and
-- the moved days off, plus the weekend days a decree makes working. The
-- calendar is data a centre keeps per year, not code: exam/calendar.hpp
-- (work_calendar) reads these rows.
--
-- kind: 'holiday'  a public holiday (Law on holidays art. 1-2; Labour Code
--                  art. 84 p.5 for 7 January and the first day of Kurban Ait);
--       'day_off'  a moved day off: a holiday on a Saturday or Sunday moves to
--                  the next working day (Law on holidays art. 5; 7 January and
--                  Kurban Ait never move), or a move by decree (Labour Code
--                  art. 85 p.3);
--       'working'  a Saturday or Sunday made a working day by decree.
-- A day with no row is a working day from Monday to Friday and a day off on
-- Saturday and Sunday. A year with no row in calendar_years is not covered:
-- the server refuses to count working days in it.

CREATE TABLE calendar_years (
  year       INTEGER PRIMARY KEY,
  source     TEXT NOT NULL,          -- where the data came from
  updated_ms INTEGER NOT NULL,
  updated_by INTEGER                 -- users.id; NULL for the shipped data
);

CREATE TABLE calendar_days (
  day  TEXT PRIMARY KEY,             -- YYYY-MM-DD, local (UTC+5)
  year INTEGER NOT NULL REFERENCES calendar_years(year),
  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'day_off', 'working')),
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX calendar_days_year ON calendar_days(year);

-- The shipped data. These rows are exactly shipped_days(2025), shipped_days(2026)
-- and shipped_days(2027) of exam/calendar.cpp, printed by a throwaway program;
-- change both together (tests/exam/test_calendar.cpp checks shipped_days).
--
-- Kurban Ait (first day): 2025-06-06, 2026-05-27, and 2027-05-16, which is
-- provisional: the Spiritual Administration of Muslims of Kazakhstan announces
-- the exact day, and a centre corrects the row if it differs.
-- Decree moves: for 2025 the day off moved from Saturday 5 July to Friday
-- 3 January. For 2026 and 2027 no decree moves are shipped: a centre enters
-- them as the decrees are published.

INSERT INTO calendar_years (year, source, updated_ms, updated_by) VALUES
  (2025, 'Labour Code art. 84-85, Law on holidays art. 5; decree on moving the day off from 2025-07-05 to 2025-01-03; Kurban Ait 2025-06-06', 0, NULL),
  (2026, 'Labour Code art. 84-85, Law on holidays art. 5; Kurban Ait 2026-05-27; no decree moves entered', 0, NULL),
  (2027, 'Labour Code art. 84-85, Law on holidays art. 5; Kurban Ait 2027-05-16 (provisional); no decree moves entered', 0, NULL);

-- 2025
INSERT INTO calendar_days (day, year, kind, note) VALUES
  ('2025-01-01', 2025, 'holiday', 'New Year'),
  ('2025-01-02', 2025, 'holiday', 'New Year'),
  ('2025-01-03', 2025, 'day_off', 'decree: day off moved from Saturday 2025-07-05'),
  ('2025-01-07', 2025, 'holiday', 'Orthodox Christmas'),
  ('2025-03-08', 2025, 'holiday', 'International Women''s Day'),
  ('2025-03-10', 2025, 'day_off', 'moved from 2025-03-08 (International Women''s Day)'),
  ('2025-03-21', 2025, 'holiday', 'Nauryz'),
  ('2025-03-22', 2025, 'holiday', 'Nauryz'),
  ('2025-03-23', 2025, 'holiday', 'Nauryz'),
  ('2025-03-24', 2025, 'day_off', 'moved from 2025-03-22 (Nauryz)'),
  ('2025-03-25', 2025, 'day_off', 'moved from 2025-03-23 (Nauryz)'),
  ('2025-05-01', 2025, 'holiday', 'Unity Day of the People of Kazakhstan'),
  ('2025-05-07', 2025, 'holiday', 'Defender of the Fatherland Day'),
  ('2025-05-09', 2025, 'holiday', 'Victory Day'),
  ('2025-06-06', 2025, 'holiday', 'Kurban Ait'),
  ('2025-07-05', 2025, 'working', 'decree: working day, its day off moved to 2025-01-03'),
  ('2025-07-06', 2025, 'holiday', 'Capital Day'),
  ('2025-07-07', 2025, 'day_off', 'moved from 2025-07-06 (Capital Day)'),
  ('2025-08-30', 2025, 'holiday', 'Constitution Day'),
  ('2025-09-01', 2025, 'day_off', 'moved from 2025-08-30 (Constitution Day)'),
  ('2025-10-25', 2025, 'holiday', 'Republic Day'),
  ('2025-10-27', 2025, 'day_off', 'moved from 2025-10-25 (Republic Day)'),
  ('2025-12-16', 2025, 'holiday', 'Independence Day');

-- 2026
INSERT INTO calendar_days (day, year, kind, note) VALUES
  ('2026-01-01', 2026, 'holiday', 'New Year'),
  ('2026-01-02', 2026, 'holiday', 'New Year'),
  ('2026-01-07', 2026, 'holiday', 'Orthodox Christmas'),
  ('2026-03-08', 2026, 'holiday', 'International Women''s Day'),
  ('2026-03-09', 2026, 'day_off', 'moved from 2026-03-08 (International Women''s Day)'),
  ('2026-03-21', 2026, 'holiday', 'Nauryz'),
  ('2026-03-22', 2026, 'holiday', 'Nauryz'),
  ('2026-03-23', 2026, 'holiday', 'Nauryz'),
  ('2026-03-24', 2026, 'day_off', 'moved from 2026-03-21 (Nauryz)'),
  ('2026-03-25', 2026, 'day_off', 'moved from 2026-03-22 (Nauryz)'),
  ('2026-05-01', 2026, 'holiday', 'Unity Day of the People of Kazakhstan'),
  ('2026-05-07', 2026, 'holiday', 'Defender of the Fatherland Day'),
  ('2026-05-09', 2026, 'holiday', 'Victory Day'),
  ('2026-05-11', 2026, 'day_off', 'moved from 2026-05-09 (Victory Day)'),
  ('2026-05-27', 2026, 'holiday', 'Kurban Ait'),
  ('2026-07-06', 2026, 'holiday', 'Capital Day'),
  ('2026-08-30', 2026, 'holiday', 'Constitution Day'),
  ('2026-08-31', 2026, 'day_off', 'moved from 2026-08-30 (Constitution Day)'),
  ('2026-10-25', 2026, 'holiday', 'Republic Day'),
  ('2026-10-26', 2026, 'day_off', 'moved from 2026-10-25 (Republic Day)'),
  ('2026-12-16', 2026, 'holiday', 'Independence Day');

-- 2027
INSERT INTO calendar_days (day, year, kind, note) VALUES
  ('2027-01-01', 2027, 'holiday', 'New Year'),
  ('2027-01-02', 2027, 'holiday', 'New Year'),
  ('2027-01-04', 2027, 'day_off', 'moved from 2027-01-02 (New Year)'),
  ('2027-01-07', 2027, 'holiday', 'Orthodox Christmas'),
  ('2027-03-08', 2027, 'holiday', 'International Women''s Day'),
  ('2027-03-21', 2027, 'holiday', 'Nauryz'),
  ('2027-03-22', 2027, 'holiday', 'Nauryz'),
  ('2027-03-23', 2027, 'holiday', 'Nauryz'),
  ('2027-03-24', 2027, 'day_off', 'moved from 2027-03-21 (Nauryz)'),
  ('2027-05-01', 2027, 'holiday', 'Unity Day of the People of Kazakhstan'),
  ('2027-05-03', 2027, 'day_off', 'moved from 2027-05-01 (Unity Day of the People of Kazakhstan)'),
  ('2027-05-07', 2027, 'holiday', 'Defender of the Fatherland Day'),
  ('2027-05-09', 2027, 'holiday', 'Victory Day'),
  ('2027-05-10', 2027, 'day_off', 'moved from 2027-05-09 (Victory Day)'),
  ('2027-05-16', 2027, 'holiday', 'Kurban Ait'),
  ('2027-07-06', 2027, 'holiday', 'Capital Day'),
  ('2027-08-30', 2027, 'holiday', 'Constitution Day'),
  ('2027-10-25', 2027, 'holiday', 'Republic Day'),
  ('2027-12-16', 2027, 'holiday', 'Independence Day');
