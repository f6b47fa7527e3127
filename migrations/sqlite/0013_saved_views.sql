-- An agent's own views of the staff list (issue 16): a name and the
-- filters, kept as the list's URL query.
CREATE TABLE saved_views (
    id         INTEGER PRIMARY KEY,
    owner_id   BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    query      TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    UNIQUE (owner_id, name)
);
