-- Files attached to messages (PRODUCT.md §3.6). The bytes live in the file
-- store under `storage_key` (random, chosen by the server); `name` is only
-- the cleaned original name, shown and offered on download. A merge copies
-- rows, so one key may be shared by several rows.
CREATE TABLE attachments (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    message_id  INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    storage_key TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    size        BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL
);
CREATE INDEX attachments_message ON attachments (message_id);
CREATE INDEX attachments_case ON attachments (case_id);
CREATE INDEX attachments_key ON attachments (storage_key);
