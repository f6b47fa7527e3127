-- The staff workspace (issue 16): departments, assignment and the kept
-- counts of the views.

CREATE TABLE departments (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    created_at BIGINT  NOT NULL
);

-- Which agents belong to which department.
CREATE TABLE department_members (
    department_id BIGINT NOT NULL REFERENCES departments (id) ON DELETE CASCADE,
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (department_id, user_id)
);
CREATE INDEX department_members_user ON department_members (user_id);

-- The agent working on a case and the department it waits on.
ALTER TABLE cases ADD COLUMN assignee_id BIGINT REFERENCES users (id);
ALTER TABLE cases ADD COLUMN department_id BIGINT REFERENCES departments (id);
-- The Mine and Unassigned lists: one seek per status, in list order.
CREATE INDEX cases_assignee_status_updated ON cases (assignee_id, status, updated_at, id);
CREATE INDEX cases_assignee_status_created ON cases (assignee_id, status, created_at, id);

-- Open cases per assignee (0: unassigned), kept up to date by every
-- status or assignment change, so view counts never scan.
CREATE TABLE case_queue_counts (
    assignee_id BIGINT PRIMARY KEY,
    n           BIGINT NOT NULL
);
INSERT INTO case_queue_counts (assignee_id, n)
SELECT 0, COUNT(*) FROM cases
WHERE status IN ('new', 'in_progress', 'referred', 'awaiting_confirmation',
                 'awaiting_reply', 'awaiting_approval');

-- Agents mentioned (@name) in internal notes; `seen_at` is set when they
-- open the case, and `mention_counts` keeps each agent's unseen ones.
CREATE TABLE note_mentions (
    message_id BIGINT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    case_id    BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    seen_at    BIGINT,
    PRIMARY KEY (message_id, user_id)
);
CREATE INDEX note_mentions_user ON note_mentions (user_id, case_id, seen_at);
CREATE TABLE mention_counts (
    user_id BIGINT PRIMARY KEY,
    n       BIGINT NOT NULL
);

-- The change feed behind live updates: one row per change to a case,
-- written in the change's transaction and read by every server's feed
-- (so several servers can share one database). `public`: a change the
-- customer sees (a staff answer, a status). Rows older than an hour go.
CREATE TABLE case_changes (
    id      INTEGER PRIMARY KEY,
    case_id BIGINT  NOT NULL,
    public  BOOLEAN NOT NULL,
    at      BIGINT  NOT NULL
);
CREATE INDEX case_changes_at ON case_changes (at);

-- Who of the staff has a case open, and who is writing a reply on it:
-- each open case page reports every few seconds; a row not refreshed for
-- 30 s is someone who left.
CREATE TABLE case_presence (
    case_id   BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    user_id   BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    typing    BOOLEAN NOT NULL,
    seen_at   BIGINT NOT NULL,
    PRIMARY KEY (case_id, user_id)
);

-- An account an admin deactivated: it cannot sign in and its sessions
-- end; its cases stay.
ALTER TABLE users ADD COLUMN deactivated_at BIGINT;
