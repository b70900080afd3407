-- Roll-up deltas not yet folded into indicator_rollup. One script for H2 (MODE=PostgreSQL) and PostgreSQL.

-- The journal's transaction that closes a batch of contacts inserts one row here: the batch's roll-ups
-- (quarter-hour keys and their additive tallies), encoded by PendingRollups. A folding, every 5 seconds,
-- adds the rows of many batches to indicator_rollup in one transaction and deletes them; reports add the
-- rows still here to the sums they read. At every commit, indicator_rollup plus the rows here equal the closed contacts: nothing to repair
-- after a crash (decision 0029). `recompute` deletes a version's rows with its roll-ups.
create table indicator_rollup_pending (
    id               bigint      not null primary key, -- time then random bits, drawn by PendingRollups
    rule_set_version varchar(32) not null,
    deltas           bytea       not null
);
