-- Mail coming in (issue 11): internal notes, the record of every message
-- received, a server secret for signed reply addresses, and pending
-- sign-ups of contacts.

-- Notes for staff only: never shown to customers, never mailed, never in
-- the customer's search.
ALTER TABLE messages ADD COLUMN internal BOOLEAN NOT NULL DEFAULT 0;
DROP TRIGGER case_text_message;
CREATE TRIGGER case_text_message AFTER INSERT ON messages WHEN new.internal = 0 BEGIN
    UPDATE case_text SET body = body || char(10) || new.body WHERE rowid = new.case_id;
END;

-- Every message received, once: `mail_key` is its Message-ID (or a hash of
-- its bytes when it has none), so the same message read twice (an MTA's
-- retry, an IMAP poll after a crash) changes nothing the second time.
-- `eml_key` names the original in the file store, for staff.
CREATE TABLE inbound_mails (
    id          INTEGER PRIMARY KEY,
    mail_key    TEXT    NOT NULL UNIQUE,
    sender      TEXT    NOT NULL,
    case_id     BIGINT  REFERENCES cases (id) ON DELETE SET NULL,
    message_id  BIGINT  REFERENCES messages (id) ON DELETE SET NULL,
    eml_key     TEXT,
    size        BIGINT  NOT NULL,
    outcome     TEXT    NOT NULL,
    received_at BIGINT  NOT NULL
);
CREATE INDEX inbound_mails_sender ON inbound_mails (sender, received_at);
CREATE INDEX inbound_mails_message ON inbound_mails (message_id);
CREATE INDEX inbound_mails_eml ON inbound_mails (eml_key);

-- Secrets the server makes for itself on first use (the key that signs
-- reply addresses).
CREATE TABLE secrets (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- What a link carries besides its target: a contact's sign-up (name,
-- password hash, language) waits here until the address is confirmed.
ALTER TABLE link_tokens ADD COLUMN payload TEXT;

-- IMAP polling: the last UID handled per mailbox (and the mailbox's
-- UIDVALIDITY, which says whether UIDs still mean the same messages).
CREATE TABLE imap_state (
    mailbox      TEXT   PRIMARY KEY,
    uid_validity BIGINT NOT NULL,
    last_uid     BIGINT NOT NULL
);
