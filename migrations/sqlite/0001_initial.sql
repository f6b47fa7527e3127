-- The first schema: accounts, sessions, cases, messages, read marks and a
-- minimal knowledge base. Kept to SQL that PostgreSQL also accepts, except
-- for `INTEGER PRIMARY KEY` ids (SQLite's rowid alias; PostgreSQL's own
-- migrations will use identity columns). Timestamps are BIGINT milliseconds
-- since the Unix epoch, UTC.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('customer', 'agent', 'admin')),
    password_hash TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL
);

-- Only a SHA-256 of the session token is stored, so a copy of the database
-- cannot be used to sign in.
CREATE TABLE sessions (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE cases (
    id                  INTEGER PRIMARY KEY,
    number              BIGINT  NOT NULL UNIQUE,
    requester_id        INTEGER NOT NULL REFERENCES users (id),
    subject             TEXT    NOT NULL,
    case_type           TEXT    NOT NULL,
    status              TEXT    NOT NULL,
    origin              TEXT    NOT NULL,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL,
    -- The newest public staff message; drives the "answered" highlight.
    last_staff_reply_at BIGINT
);
CREATE INDEX cases_requester_updated ON cases (requester_id, updated_at);
CREATE INDEX cases_updated ON cases (updated_at);

CREATE TABLE messages (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    author_id  INTEGER NOT NULL REFERENCES users (id),
    from_staff BOOLEAN NOT NULL,
    body       TEXT    NOT NULL,
    created_at BIGINT  NOT NULL
);
CREATE INDEX messages_case ON messages (case_id, created_at);

-- When each person last opened each case.
CREATE TABLE case_views (
    case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    seen_at BIGINT  NOT NULL,
    PRIMARY KEY (case_id, user_id)
);

CREATE TABLE articles (
    id         INTEGER PRIMARY KEY,
    locale     TEXT    NOT NULL,
    title      TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    updated_at BIGINT  NOT NULL
);
