-- Case numbers come from a counter row, taken inside the write
-- transaction that opens the case, rather than from MAX(number) + 1.
CREATE TABLE counters (
    name  TEXT   PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO counters (name, value)
SELECT 'case_number', COALESCE(MAX(number), 1000) FROM cases;
