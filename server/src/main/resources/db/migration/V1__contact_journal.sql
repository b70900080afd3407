-- Contact journal. One script for H2 (MODE=PostgreSQL) and PostgreSQL: only types and syntax both accept.
create table contact (
    id             uuid                     not null primary key,
    channel        varchar(16)              not null,
    administration varchar(64),
    service        varchar(64),
    dialled        varchar(32),
    caller         varchar(64),
    started_at     timestamp with time zone not null,
    ended_at       timestamp with time zone,
    outcome        varchar(32)
);

-- GET /api/v1/contacts: a time range, optionally one service, newest first.
create index contact_started_at on contact (started_at);
create index contact_service_started_at on contact (service, started_at);
-- Start-up recovery looks for contacts without outcome.
create index contact_outcome on contact (outcome);

create table contact_event (
    contact_id uuid                     not null references contact (id),
    seq        integer                  not null,
    at         timestamp with time zone not null,
    type       varchar(32)              not null,
    payload    varchar(8000)            not null,
    primary key (contact_id, seq)
);
