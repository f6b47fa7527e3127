-- The full case record (PRODUCT.md §3.2, §3.3): the remaining fields, CC,
-- merges, self-help answers, kept status counts and the case text index.

ALTER TABLE cases ADD COLUMN priority TEXT NOT NULL DEFAULT 'normal';
ALTER TABLE cases ADD COLUMN tax_id   TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN company  TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN phone    TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN country  TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN brand    TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN product  TEXT NOT NULL DEFAULT '';
-- Set when the case was merged into another (status duplicate).
ALTER TABLE cases ADD COLUMN duplicate_of BIGINT;

CREATE INDEX cases_created ON cases (created_at);
CREATE INDEX cases_requester_created ON cases (requester_id, created_at);
CREATE INDEX cases_status_updated ON cases (status, updated_at);
-- The duplicate check: a requester's open case of a type.
CREATE INDEX cases_requester_type ON cases (requester_id, case_type, status);

-- People copied on a case, by email: they see it once they have an account.
CREATE TABLE case_cc (
    case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    email   TEXT    NOT NULL,
    PRIMARY KEY (case_id, email)
);
CREATE INDEX case_cc_email ON case_cc (email, case_id);

-- Messages written by the system (self-help answers) have no author.
CREATE TABLE messages_new (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    author_id  INTEGER REFERENCES users (id),
    from_staff BOOLEAN NOT NULL,
    body       TEXT    NOT NULL,
    created_at BIGINT  NOT NULL
);
INSERT INTO messages_new (id, case_id, author_id, from_staff, body, created_at)
SELECT id, case_id, author_id, from_staff, body, created_at FROM messages;
DROP TABLE messages;
ALTER TABLE messages_new RENAME TO messages;
CREATE INDEX messages_case ON messages (case_id, created_at);

-- The activity log now holds field edits and merges as well as statuses.
CREATE TABLE case_events_new (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    actor_id    INTEGER REFERENCES users (id),
    -- status | field | merged_into | merged_from
    kind        TEXT    NOT NULL,
    from_status TEXT,
    to_status   TEXT,
    field       TEXT,
    old_value   TEXT,
    new_value   TEXT,
    -- The other case of a merge, by number.
    other_case  BIGINT,
    created_at  BIGINT  NOT NULL
);
INSERT INTO case_events_new (id, case_id, actor_id, kind, from_status, to_status, created_at)
SELECT id, case_id, actor_id, 'status', from_status, to_status, created_at FROM case_events;
DROP TABLE case_events;
ALTER TABLE case_events_new RENAME TO case_events;
CREATE INDEX case_events_case ON case_events (case_id, created_at);

-- Answers an admin attaches to a case type; a new case of that type gets
-- them as an automatic reply.
CREATE TABLE self_help_answers (
    id         INTEGER PRIMARY KEY,
    case_type  TEXT    NOT NULL,
    title      TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    created_at BIGINT  NOT NULL
);
CREATE INDEX self_help_answers_type ON self_help_answers (case_type, id);

-- Cases per status, kept up to date by every status change so the counts
-- never need a scan.
CREATE TABLE case_status_counts (
    status TEXT   PRIMARY KEY,
    n      BIGINT NOT NULL
);
INSERT INTO case_status_counts (status, n)
SELECT status, COUNT(*) FROM cases GROUP BY status;

-- Free text over subjects and messages: one row per case (rowid = case
-- id), so a list can check one case cheaply. FTS5 is SQLite's own; the
-- PostgreSQL backend brings its own full-text index behind the same filter.
CREATE VIRTUAL TABLE case_text USING fts5 (
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO case_text (rowid, body)
SELECT c.id, c.subject || char(10) || COALESCE(
    (SELECT group_concat(m.body, char(10)) FROM messages m WHERE m.case_id = c.id), '')
FROM cases c;
CREATE TRIGGER case_text_subject AFTER INSERT ON cases BEGIN
    INSERT INTO case_text (rowid, body) VALUES (new.id, new.subject);
END;
CREATE TRIGGER case_text_subject_edit AFTER UPDATE OF subject ON cases BEGIN
    UPDATE case_text SET body = body || char(10) || new.subject WHERE rowid = new.id;
END;
CREATE TRIGGER case_text_message AFTER INSERT ON messages BEGIN
    UPDATE case_text SET body = body || char(10) || new.body WHERE rowid = new.case_id;
END;
CREATE INDEX cases_status_created ON cases (status, created_at);
