-- Applications for recognition (issue 11, W1; seed 002 p.4-6 and Appendix 1).
-- One row per application: its form (Appendix 1, as JSON: the applicant, the
-- basis, the purpose, the descriptions, the language and mode), the consents
-- with the moment they were given, its registration and the completeness
-- check's deadline (p.5), then either the contract (p.5-6) or the reasoned
-- refusal, prepared by the registrar and signed by the head of the centre.
-- Deadlines are computed when their record is made and stored with it.
CREATE TABLE applications (
  id                   INTEGER PRIMARY KEY,
  reg_no               TEXT UNIQUE,                      -- "2026-00001" once registered
  candidate            INTEGER NOT NULL REFERENCES candidates(id),
  person               INTEGER NOT NULL REFERENCES people(id),
  programme            TEXT NOT NULL REFERENCES programmes(code),
  channel              TEXT NOT NULL CHECK (channel IN ('centre_web', 'paper', 'nqs_platform')),
  status               TEXT NOT NULL DEFAULT 'draft'
                       CHECK (status IN ('draft', 'registered', 'contracted', 'refusal_prepared', 'refused', 'withdrawn')),
  form                 TEXT NOT NULL,                    -- the form's JSON (server/applications/json.cpp)
  full_name            TEXT NOT NULL DEFAULT '',         -- from the form, for the staff's list and search
  iin                  TEXT NOT NULL DEFAULT '',
  consent_pd_ms        INTEGER,                          -- when the consent was given; NULL: not given
  consent_nqs_ms       INTEGER,
  signed_date          TEXT,                             -- the applicant's date under the signature
  registered_date      TEXT,
  registered_by        INTEGER REFERENCES users(id),
  check_due            TEXT,                             -- p.5: 3 working days after registration
  created_by           INTEGER NOT NULL REFERENCES users(id),
  created_ms           INTEGER NOT NULL,
  updated_ms           INTEGER NOT NULL,
  contract_no          TEXT UNIQUE,
  contract_date        TEXT,
  contract_price       TEXT,
  schedule_notice_due  TEXT,                             -- p.6: 5 working days after the contract
  contracted_by        INTEGER REFERENCES users(id),
  contracted_ms        INTEGER,
  refusal              TEXT,                             -- JSON {"defects", "reasoning", "returned"}
  refusal_text         TEXT,                             -- the canonical text the head signs
  refusal_sha256       TEXT,
  refusal_prepared_by  INTEGER REFERENCES users(id),
  refusal_prepared_ms  INTEGER,
  refusal_signed_by    INTEGER REFERENCES users(id),
  refusal_signed_ms    INTEGER,
  refusal_signed_method TEXT,
  withdrawn_ms         INTEGER
);
CREATE INDEX applications_candidate ON applications(candidate);
CREATE INDEX applications_status ON applications(status, check_due);

-- p.4 2)-4): the documents attached; the file is DATA/applications/<application>/<sha256>.
CREATE TABLE application_attachments (
  id           INTEGER PRIMARY KEY,
  application  INTEGER NOT NULL REFERENCES applications(id),
  type         TEXT NOT NULL,
  number       TEXT NOT NULL DEFAULT '',
  issuer       TEXT NOT NULL DEFAULT '',
  issue_date   TEXT,
  valid_until  TEXT,
  sha256       TEXT NOT NULL,
  size         INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  file         TEXT NOT NULL,                            -- relative to the data directory
  uploaded_by  INTEGER NOT NULL REFERENCES users(id),
  uploaded_ms  INTEGER NOT NULL
);
CREATE INDEX application_attachments_application ON application_attachments(application);
