-- Lists sort by (time, id). SQLite's indexes end with the rowid, so equal
-- times already come in id order there; PostgreSQL's need the id spelled
-- out, or a page of cases with the same time is sorted after reading them
-- all.
CREATE INDEX cases_updated_id ON cases (updated_at, id);
CREATE INDEX cases_created_id ON cases (created_at, id);
CREATE INDEX cases_requester_updated_id ON cases (requester_id, updated_at, id);
CREATE INDEX cases_requester_created_id ON cases (requester_id, created_at, id);
CREATE INDEX cases_status_updated_id ON cases (status, updated_at, id);
CREATE INDEX cases_status_created_id ON cases (status, created_at, id);
DROP INDEX cases_updated;
DROP INDEX cases_created;
DROP INDEX cases_requester_updated;
DROP INDEX cases_requester_created;
DROP INDEX cases_status_updated;
DROP INDEX cases_status_created;
