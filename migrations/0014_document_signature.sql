-- The head of the centre signs each recognition document (seed 002 Appendix 2,
-- issue 11): a document is prepared when the protocol binds (or an appeal is
-- upheld) and is valid, publicly too, only once the head has signed it within
-- its term (p.18: 3 working days). The status gains pending_signature, which a
-- CHECK cannot learn, so the table is rebuilt with its rows and codes kept
-- (appeals point at documents by code). Documents issued before this release
-- stay valid: they were issued under the rule of their day, and their
-- signature columns stay empty.
CREATE TABLE documents_rebuilt (
  code           TEXT PRIMARY KEY,
  serial         INTEGER NOT NULL UNIQUE,
  sitting        INTEGER NOT NULL REFERENCES sittings(id),
  candidate      INTEGER NOT NULL REFERENCES candidates(id),
  programme      TEXT NOT NULL,
  profession     TEXT NOT NULL,
  nqf_level      INTEGER NOT NULL,
  full_name      TEXT NOT NULL,
  procedure_date TEXT NOT NULL,
  issued         TEXT NOT NULL,   -- the prepared date until signed, then the day the head signed
  valid_until    TEXT NOT NULL,
  issued_ms      INTEGER NOT NULL,
  issued_by      INTEGER REFERENCES users(id),
  basis          TEXT NOT NULL CHECK (basis IN ('protocol', 'appeal')),
  status         TEXT NOT NULL DEFAULT 'pending_signature'
                 CHECK (status IN ('pending_signature', 'valid', 'revoked')),
  revoked_ms     INTEGER,
  revoked_by     INTEGER REFERENCES users(id),
  revoked_reason TEXT,
  check_value    TEXT NOT NULL DEFAULT '',
  sign_due       TEXT,            -- p.18: the last day for the head's signature
  signed_ms      INTEGER,
  signed_by      INTEGER REFERENCES users(id),
  sign_method    TEXT,            -- password (later cms)
  signed_sha256  TEXT             -- SHA-256 of the signed content (server/recognition/documents.cpp)
);
INSERT INTO documents_rebuilt(code, serial, sitting, candidate, programme, profession, nqf_level, full_name,
    procedure_date, issued, valid_until, issued_ms, issued_by, basis, status, revoked_ms, revoked_by,
    revoked_reason, check_value)
  SELECT code, serial, sitting, candidate, programme, profession, nqf_level, full_name, procedure_date, issued,
    valid_until, issued_ms, issued_by, basis, status, revoked_ms, revoked_by, revoked_reason, check_value
  FROM documents ORDER BY serial;
DROP TABLE documents;
ALTER TABLE documents_rebuilt RENAME TO documents;
CREATE INDEX documents_sitting ON documents(sitting);
CREATE INDEX documents_candidate ON documents(candidate);
CREATE INDEX documents_unsigned ON documents(sign_due) WHERE status = 'pending_signature';
