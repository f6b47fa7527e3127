-- Service levels and canned responses (issue 16).

-- What admins promise per priority, in milliseconds (NULL: no target).
CREATE TABLE sla_targets (
    priority          TEXT PRIMARY KEY,
    first_response_ms BIGINT,
    resolution_ms     BIGINT
);

-- When staff first answered and when the case was resolved (for the
-- reports), the time it spent waiting on the customer (the clock stops
-- then), and its due times. `sla_due` is the next due time that counts:
-- the largest integer when none does (met, paused, no target, not open),
-- so sorting by it is a plain index seek and "breached" is a range.
ALTER TABLE cases ADD COLUMN first_response_at BIGINT;
ALTER TABLE cases ADD COLUMN resolved_at BIGINT;
ALTER TABLE cases ADD COLUMN sla_paused_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN sla_paused_since BIGINT;
ALTER TABLE cases ADD COLUMN first_response_due BIGINT;
ALTER TABLE cases ADD COLUMN resolution_due BIGINT;
ALTER TABLE cases ADD COLUMN sla_due BIGINT NOT NULL DEFAULT 9223372036854775807;
CREATE INDEX cases_status_sla ON cases (status, sla_due, id);
CREATE INDEX cases_assignee_status_sla ON cases (assignee_id, status, sla_due, id);

-- Cases already there: their first answer, their resolution, and the
-- pause of those waiting on the customer now.
UPDATE cases SET first_response_at = (
    SELECT MIN(m.created_at) FROM messages m
    WHERE m.case_id = cases.id AND m.from_staff AND NOT m.internal
);
UPDATE cases SET resolved_at = status_changed_at
WHERE status IN ('resolved', 'closed', 'closed_by_customer', 'duplicate');
UPDATE cases SET sla_paused_since = status_changed_at
WHERE status IN ('awaiting_confirmation', 'awaiting_reply', 'awaiting_approval');

-- Canned responses: reusable answers, each in the three languages, with
-- placeholders filled when inserted. No owner: shared (admins keep them);
-- else the agent's own.
CREATE TABLE canned_responses (
    id         INTEGER PRIMARY KEY,
    owner_id   BIGINT REFERENCES users (id) ON DELETE CASCADE,
    title      TEXT   NOT NULL,
    body_en    TEXT   NOT NULL,
    body_es    TEXT   NOT NULL,
    body_fr    TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX canned_responses_owner ON canned_responses (owner_id, title);
