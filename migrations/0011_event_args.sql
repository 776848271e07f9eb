-- Events carry their numbers, not only English (issue 10): `args` is a JSON
-- object of the figures behind an event's detail ({"seconds": 6.0, "faces": 2},
-- {"dbfs": -18.5, ...}) so a page can say it in the reader's language; the
-- English `detail` stays for the audit and the logs. NULL for the events
-- written before (and for those with nothing to say): the hash chain covers
-- args only when it is not NULL, so every older chain still verifies.
ALTER TABLE events ADD COLUMN args TEXT;
