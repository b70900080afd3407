-- Sealed days of the day roll-ups. One script for H2 (MODE=PostgreSQL) and PostgreSQL.

-- Per (rule-set version, publication zone): the last local day whose rows in indicator_rollup_day are
-- complete (null: none yet). Contacts of today (and of any day after the watermark) only write
-- quarter-hour rows; a sealing builds the day rows of the days it seals from the quarter-hour rows and
-- moves the watermark; a late contact of a sealed day updates its day row too. Every roll-up writer
-- locks this row (SELECT … FOR UPDATE) first, so a sealing never interleaves with a writer (decision 0005).
-- Reports read day rows only for days up to sealed_through. Rows from before this table existed are
-- rebuilt by the first sealing (it replaces the day rows of the days it seals).
create table indicator_rollup_sealed (
    rule_set_version varchar(32) not null,
    day_zone         varchar(64) not null,
    sealed_through   date,
    primary key (rule_set_version, day_zone)
);
