-- The activity log of each case, and when its status last changed (the
-- automatic closes count from there, so they survive restarts).

CREATE TABLE case_events (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    -- NULL: the system (an automatic close).
    actor_id    INTEGER REFERENCES users (id),
    from_status TEXT,
    to_status   TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL
);
CREATE INDEX case_events_case ON case_events (case_id, created_at);

ALTER TABLE cases ADD COLUMN status_changed_at BIGINT NOT NULL DEFAULT 0;
UPDATE cases SET status_changed_at = updated_at;
CREATE INDEX cases_status_changed ON cases (status, status_changed_at);

-- Cases opened before this migration get their opening in the log.
INSERT INTO case_events (case_id, actor_id, from_status, to_status, created_at)
SELECT id, requester_id, NULL, status, created_at FROM cases;
