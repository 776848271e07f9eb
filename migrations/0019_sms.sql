-- Notices by SMS (issue 11, W9; X14: a candidate without e-mail is told too).
-- A notice row is sent on one channel: 'email' (as before) or 'sms', the SMS
-- accompanying an e-mail notice (of_notice). delivered_ms stays the hand-over
-- (the SMTP server or the SMS gateway took it); the gateway's delivery receipt
-- is receipt_ms and receipt_status (delivered, failed, expired).
ALTER TABLE notices ADD COLUMN channel TEXT NOT NULL DEFAULT 'email';
ALTER TABLE notices ADD COLUMN of_notice INTEGER REFERENCES notices(id);
ALTER TABLE notices ADD COLUMN gateway_id TEXT;
ALTER TABLE notices ADD COLUMN receipt_ms INTEGER;
ALTER TABLE notices ADD COLUMN receipt_status TEXT;
CREATE UNIQUE INDEX notices_companion ON notices(of_notice) WHERE of_notice IS NOT NULL;
CREATE INDEX notices_gateway ON notices(gateway_id) WHERE gateway_id IS NOT NULL;
