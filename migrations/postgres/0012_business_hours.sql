-- Business hours (issue 14): the zone the help service keeps its hours in
-- (no row: the default week, Monday to Friday 09:00-18:00 in Madrid), the
-- opening of each day it opens (0 = Monday; minutes after local midnight),
-- and the dates it stays closed.
CREATE TABLE business_hours (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    time_zone TEXT    NOT NULL
);

CREATE TABLE business_days (
    day    BIGINT  PRIMARY KEY CHECK (day BETWEEN 0 AND 6),
    opens  BIGINT  NOT NULL,
    closes BIGINT  NOT NULL CHECK (opens < closes)
);

CREATE TABLE holidays (
    day TEXT PRIMARY KEY
);
