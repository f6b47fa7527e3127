-- The Unassigned view in list order. PostgreSQL reads an index in order
-- only past columns fixed by equality, and `assignee_id IS NULL` is not
-- one, so (assignee_id, status, ...) made it filter the status indexes
-- instead; these partial indexes hold the unassigned cases alone.
CREATE INDEX cases_unassigned_updated ON cases (status, updated_at, id) WHERE assignee_id IS NULL;
CREATE INDEX cases_unassigned_created ON cases (status, created_at, id) WHERE assignee_id IS NULL;
CREATE INDEX cases_unassigned_sla ON cases (status, sla_due, id) WHERE assignee_id IS NULL;
