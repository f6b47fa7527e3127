-- Profiles and time zones (issue 15): what a person tells about themselves,
-- the zone every date is shown in, a photo, and sessions that open one case
-- alone (a visitor following a case by a mailed link).

ALTER TABLE users ADD COLUMN job_title TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN phone TEXT NOT NULL DEFAULT '';
-- An IANA name (America/Mexico_City); NULL: the browser's zone.
ALTER TABLE users ADD COLUMN time_zone TEXT;
-- The re-encoded photo's key in the file store, and when it was set (its
-- version in URLs, so a new photo is never served from a cache).
ALTER TABLE users ADD COLUMN photo_key TEXT;
ALTER TABLE users ADD COLUMN photo_at BIGINT;

-- A session made by a "Follow a case" link sees that case and nothing else.
ALTER TABLE sessions ADD COLUMN case_id BIGINT REFERENCES cases (id) ON DELETE CASCADE;
