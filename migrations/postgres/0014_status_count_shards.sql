-- Each status's kept count is split in 8 lines (by case id), summed when
-- read: every status change updated one line per status, so concurrent
-- changes waited on each other's commit (chat answers, issue 14).
ALTER TABLE case_status_counts ADD COLUMN shard INTEGER NOT NULL DEFAULT 0;
ALTER TABLE case_status_counts DROP CONSTRAINT case_status_counts_pkey;
ALTER TABLE case_status_counts ADD PRIMARY KEY (status, shard);
