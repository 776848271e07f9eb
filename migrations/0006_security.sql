-- Issue 8 (docs/security.md): a recognition document's public check value.
-- Document serials are sequential, so a code alone is guessable; the public
-- lookup names the holder in full only when the check value printed on the
-- document (and carried in its QR link) comes with it. 48 random bits,
-- lower-case hex; documents issued before this migration get theirs now
-- (their printed copies carry none: a reprint from the holder's or the
-- centre's view shows it).
ALTER TABLE documents ADD COLUMN check_value TEXT NOT NULL DEFAULT '';
UPDATE documents SET check_value = lower(hex(randomblob(6))) WHERE check_value = '';
