-- Pending callbacks (fr.accueil.core.callback.CallbackBook). One script for H2 (MODE=PostgreSQL) and PostgreSQL.
-- One row per contact awaiting its callback. `number` is personal data (the citizen's number, E.164):
-- it lives only here and the row is deleted when the callback ends (reached or given up), so the number
-- is erased with it. No foreign key to contact: the journal writes a contact's opening asynchronously,
-- and the request must be durable as soon as the caller has been told it is recorded.
create table callback_request (
    contact_id   uuid                     not null primary key,
    queue        varchar(64)              not null,
    number       varchar(32)              not null,
    enqueued_at  timestamp with time zone not null,
    requested_at timestamp with time zone not null,
    attempts     integer                  not null,
    not_before   timestamp with time zone not null
);

-- pending(): oldest arrival first (the place in the queue is kept).
create index callback_request_arrival on callback_request (enqueued_at, requested_at, contact_id);
