-- Live chat (issue 14): every chat is a case (origin chat). The visitor
-- proves it is theirs with a token kept in a cookie (one per browser, kept
-- for its next chats); only its SHA-256 is stored. A chat waits for an
-- agent, is accepted (and assigned), then ends.
CREATE TABLE chats (
    case_id           BIGINT  PRIMARY KEY REFERENCES cases (id),
    token_hash        TEXT    NOT NULL,
    -- The address the visitor gave (NULL: a name only): transcripts and
    -- the case number at the end go there.
    visitor_email     TEXT,
    state             TEXT    NOT NULL CHECK (state IN ('waiting', 'active', 'ended')),
    agent_id          BIGINT  REFERENCES users (id),
    started_at        BIGINT  NOT NULL,
    accepted_at       BIGINT,
    ended_at          BIGINT,
    -- The visitor is writing (an agent's writing is their case presence).
    visitor_typing_at BIGINT
);
CREATE INDEX chats_state ON chats (state, started_at);
CREATE INDEX chats_token ON chats (token_hash, started_at);

-- Agents say whether they take chats; admins cap how many each holds.
ALTER TABLE users ADD COLUMN chat_available BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE chat_settings (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    max_chats     BIGINT  NOT NULL,
    offer_form_ms BIGINT  NOT NULL
);
