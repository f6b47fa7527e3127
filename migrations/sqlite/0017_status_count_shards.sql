-- Each status's kept count is split in 8 lines (by case id), summed when
-- read: every status change updated one line per status, so concurrent
-- changes waited on each other's commit (chat answers, issue 14).
CREATE TABLE case_status_count_shards (
    status TEXT    NOT NULL,
    shard  INTEGER NOT NULL,
    n      BIGINT  NOT NULL,
    PRIMARY KEY (status, shard)
);
INSERT INTO case_status_count_shards (status, shard, n)
SELECT status, 0, n FROM case_status_counts;
DROP TABLE case_status_counts;
ALTER TABLE case_status_count_shards RENAME TO case_status_counts;
