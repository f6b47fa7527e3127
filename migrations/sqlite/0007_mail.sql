-- Email (issue 11): each person's language and verified address, the
-- case's language, the outbox of mails to send, and the single-use links
-- that mails carry.
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
ALTER TABLE users ADD COLUMN email_verified_at BIGINT;
-- Accounts made before verification existed were made by admins or the
-- demo: they count as verified.
UPDATE users SET email_verified_at = created_at;

ALTER TABLE cases ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
-- When the reminder before an automatic close was queued; a reminder is
-- due again only after the status changes (status_changed_at moves on).
ALTER TABLE cases ADD COLUMN reminded_at BIGINT;

-- One row per mail and recipient, written in the transaction of the change
-- that causes it. The text is composed when sent, from `kind` and `params`
-- (JSON) in `language`; `message_key` makes the Message-ID, the same on
-- every attempt.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    message_key     TEXT    NOT NULL UNIQUE,
    case_id         BIGINT  REFERENCES cases (id) ON DELETE SET NULL,
    kind            TEXT    NOT NULL,
    recipient       TEXT    NOT NULL,
    language        TEXT    NOT NULL,
    params          TEXT    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'queued'
                            CHECK (status IN ('queued', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    last_error      TEXT,
    created_at      BIGINT  NOT NULL,
    sent_at         BIGINT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_created ON outbox (created_at, id);

-- Links mailed to people (address verification, password reset, self-help
-- answers): only a SHA-256 of the token is kept; each works once.
CREATE TABLE link_tokens (
    token_hash TEXT    PRIMARY KEY,
    purpose    TEXT    NOT NULL,
    user_id    BIGINT  REFERENCES users (id) ON DELETE CASCADE,
    case_id    BIGINT  REFERENCES cases (id) ON DELETE CASCADE,
    email      TEXT,
    created_at BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL,
    used_at    BIGINT
);
CREATE INDEX link_tokens_user ON link_tokens (user_id, purpose);
