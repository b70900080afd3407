-- Indicator roll-ups and imported records. One script for H2 (MODE=PostgreSQL) and PostgreSQL.

-- Quarter-hour roll-ups: the additive Tallies of fr.accueil.core.indicators, one column each, per
-- (rule-set version, bucket start, administration, service, number, channel). Kept up to date as
-- contacts end (in the journal's transaction) and as records are imported; rebuilt by `recompute`.
-- The primary key leads with (rule_set_version, bucket_start): it is the index every report's
-- range scan uses (reports always read one rule-set version over a range of buckets).
create table indicator_rollup (
    rule_set_version       varchar(32)              not null,
    bucket_start           timestamp with time zone not null,
    administration         varchar(64)              not null,
    service                varchar(64)              not null,
    number                 varchar(32)              not null,
    channel                varchar(16)              not null,
    received               bigint                   not null,
    closed_hours           bigint                   not null,
    received_in_hours      bigint                   not null,
    self_service_completed bigint                   not null,
    short_abandons         bigint                   not null,
    presented              bigint                   not null,
    handled                bigint                   not null,
    connected              bigint                   not null,
    answered_within_target bigint                   not null,
    speed_of_answer_millis bigint                   not null,
    handling_count         bigint                   not null,
    handling_millis        bigint                   not null,
    ivr_abandons           bigint                   not null,
    queue_abandons         bigint                   not null,
    refused_at_capacity    bigint                   not null,
    transferred            bigint                   not null,
    callbacks_requested    bigint                   not null,
    callbacks_reached      bigint                   not null,
    survey_answers         bigint                   not null,
    satisfied              bigint                   not null,
    dissatisfied           bigint                   not null,
    primary key (rule_set_version, bucket_start, administration, service, number, channel)
);

-- The same roll-ups summed per local day of the publication zone (accueil.zone, kept in the key so a
-- change of zone cannot mix days): a quarter report reads (numbers × days) rows instead of
-- (numbers × days × 96). Maintained in the same transactions as indicator_rollup; rebuilt by recompute.
create table indicator_rollup_day (
    rule_set_version       varchar(32)              not null,
    day_zone               varchar(64)              not null,
    local_day              date                     not null,
    administration         varchar(64)              not null,
    service                varchar(64)              not null,
    number                 varchar(32)              not null,
    channel                varchar(16)              not null,
    received               bigint                   not null,
    closed_hours           bigint                   not null,
    received_in_hours      bigint                   not null,
    self_service_completed bigint                   not null,
    short_abandons         bigint                   not null,
    presented              bigint                   not null,
    handled                bigint                   not null,
    connected              bigint                   not null,
    answered_within_target bigint                   not null,
    speed_of_answer_millis bigint                   not null,
    handling_count         bigint                   not null,
    handling_millis        bigint                   not null,
    ivr_abandons           bigint                   not null,
    queue_abandons         bigint                   not null,
    refused_at_capacity    bigint                   not null,
    transferred            bigint                   not null,
    callbacks_requested    bigint                   not null,
    callbacks_reached      bigint                   not null,
    survey_answers         bigint                   not null,
    satisfied              bigint                   not null,
    dissatisfied           bigint                   not null,
    primary key (rule_set_version, day_zone, local_day, administration, service, number, channel)
);

-- Every imported record, by its stable source key (importing a file twice adds nothing), with the
-- facts the indicator definition needs, so that `recompute` can rebuild roll-ups from imports too.
-- Durations in milliseconds; abandon_place is IVR or QUEUE; satisfaction 1..5 or null.
create table imported_record (
    source_key                   varchar(200)             not null primary key,
    format                       varchar(32)              not null,
    imported_at                  timestamp with time zone not null,
    administration               varchar(64)              not null,
    service                      varchar(64)              not null,
    number                       varchar(32)              not null,
    channel                      varchar(16)              not null,
    received_at                  timestamp with time zone not null,
    in_opening_hours             boolean                  not null,
    self_service_completed       boolean                  not null,
    entered_queue_or_asked_agent boolean                  not null,
    speed_of_answer_millis       bigint,
    abandon_place                varchar(8),
    abandon_wait_millis          bigint,
    refused_at_capacity          boolean                  not null,
    handling_millis              bigint,
    callback_requested           boolean                  not null,
    callback_reached             boolean                  not null,
    transferred                  boolean                  not null,
    satisfaction                 smallint
);
