-- Hardening (issue 12).

-- Attempts counted to slow guessing and floods: failed sign-ins per account
-- and per client address, mail-sending forms per client address. Rows older
-- than a day are swept when new ones are written.
CREATE TABLE auth_attempts (
    key TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX auth_attempts_by_key ON auth_attempts (key, at);

-- Sessions also end after a time without use; NULL: never used since made.
ALTER TABLE sessions ADD COLUMN last_seen_at BIGINT;

-- A customer's messages of the day, counted against the daily limits.
CREATE INDEX messages_author ON messages (author_id, created_at);
