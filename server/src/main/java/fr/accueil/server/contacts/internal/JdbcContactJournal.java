package fr.accueil.server.contacts.internal;

import fr.accueil.core.contact.Channel;
import fr.accueil.core.contact.Contact;
import fr.accueil.core.contact.ContactEvent;
import fr.accueil.core.contact.ContactId;
import fr.accueil.core.contact.ContactJournal;
import fr.accueil.core.contact.ContactStart;
import fr.accueil.core.contact.EndReason;
import fr.accueil.core.contact.Outcome;
import fr.accueil.core.contact.Side;
import fr.accueil.server.contacts.ClosedContactsListener;
import fr.accueil.server.contacts.EventCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contact journal on JDBC (H2 or PostgreSQL, schema in db/migration).
 *
 * <p>Threading: any number of call threads enqueue commands; one platform thread named
 * {@code contact-journal-writer} drains the queue and writes what it took in one transaction with
 * JDBC batches, so thousands of events cost one commit. {@link #open} and {@link #append} return
 * once enqueued; {@link #close} waits until the transaction holding it has committed (group
 * commit: every close of a batch shares one commit). The queue is bounded: when the database falls
 * behind, callers block rather than lose records. Reads ({@link #find}, {@link #search}) run on the
 * caller's thread with their own connection.
 *
 * <p>Failures: a batch that fails for a transient reason (connection lost, database restarting) is
 * retried with back-off, forever, logged at ERROR each time, holding the callers of close. A batch
 * that fails otherwise is written again one command per transaction so that only the faulty
 * commands fail: each is logged at ERROR with its content, and a failed close throws.
 *
 * <p>Sequence numbers: calls for one contact come from one thread in order (the port's contract),
 * so a per-contact counter held while the contact is open numbers its events 0, 1, 2…
 */
public final class JdbcContactJournal implements ContactJournal, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JdbcContactJournal.class);
    private static final String CONTACT_COLUMNS = "id, channel, administration, service, dialled, caller, started_at, ended_at, outcome";
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final DataSource dataSource;
    private final EventCodec codec = new EventCodec();
    private final BlockingQueue<Command> queue;
    private final int batchSize;
    private final long lingerNanos;
    private final Map<ContactId, OpenContact> openContacts = new ConcurrentHashMap<>();
    private final ClosedContactsListener listener;
    private final Thread writer;
    /** Contacts whose opening the database refused: their events and close are not written. Writer thread only. */
    private final java.util.Set<ContactId> refused = new java.util.HashSet<>();
    private volatile boolean accepting = true;

    private sealed interface Command {
        String describe();
    }

    private record Open(ContactStart start) implements Command {
        public String describe() {
            return "open " + start.id();
        }
    }

    private record Append(ContactId id, int seq, ContactEvent event) implements Command {
        public String describe() {
            return "append " + id + "#" + seq + " " + event;
        }
    }

    /**
     * A contact open in this journal: how it started and its events so far (for the close listener,
     * whose indicator facts need the events: a few dozen small records per contact in progress), and
     * its next event number. Touched only by the contact's own thread (the port's contract).
     */
    private record OpenContact(ContactStart start, AtomicInteger seq, List<ContactEvent> events) {
        OpenContact(ContactStart start) {
            this(start, new AtomicInteger(), new ArrayList<>());
        }
    }

    private record Close(ContactStart start, List<ContactEvent> events, Outcome outcome, Instant endedAt,
                         CompletableFuture<Void> committed) implements Command {
        ContactId id() {
            return start.id();
        }

        public String describe() {
            return "close " + start.id() + " " + outcome;
        }
    }

    /** Committed once every command enqueued before it is; used by {@link #flush} and shutdown. */
    private record Barrier(CompletableFuture<Void> committed, boolean stop) implements Command {
        public String describe() {
            return stop ? "stop" : "flush";
        }
    }

    public JdbcContactJournal(DataSource dataSource, int queueCapacity, int batchSize) {
        this(dataSource, queueCapacity, batchSize, Duration.ZERO, ClosedContactsListener.NONE);
    }

    public JdbcContactJournal(DataSource dataSource, int queueCapacity, int batchSize, Duration linger) {
        this(dataSource, queueCapacity, batchSize, linger, ClosedContactsListener.NONE);
    }

    public JdbcContactJournal(DataSource dataSource, int queueCapacity, int batchSize, ClosedContactsListener listener) {
        this(dataSource, queueCapacity, batchSize, Duration.ZERO, listener);
    }

    /**
     * @param linger   how long the writer waits for more commands before a commit (group commit window)
     * @param listener told of every contact closed, inside the transaction that closes it
     */
    public JdbcContactJournal(DataSource dataSource, int queueCapacity, int batchSize, Duration linger,
                              ClosedContactsListener listener) {
        this.lingerNanos = linger.toNanos();
        this.dataSource = dataSource;
        this.listener = java.util.Objects.requireNonNull(listener, "listener");
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.batchSize = batchSize;
        this.writer = Thread.ofPlatform().name("contact-journal-writer").daemon(true).unstarted(this::writeLoop);
        this.writer.start();
    }

    @Override
    public void open(ContactStart start) {
        openContacts.put(start.id(), new OpenContact(start));
        enqueue(new Open(start));
    }

    @Override
    public void append(ContactId id, ContactEvent event) {
        OpenContact open = openContacts.get(id);
        if (open == null) {
            throw new IllegalStateException("contact " + id + " is not open in this journal");
        }
        open.events().add(event);
        enqueue(new Append(id, open.seq().getAndIncrement(), event));
    }

    @Override
    public void close(ContactId id, Outcome outcome, Instant endedAt) {
        OpenContact open = openContacts.get(id);
        if (open == null) {
            throw new IllegalStateException("contact " + id + " is not open in this journal");
        }
        CompletableFuture<Void> committed = new CompletableFuture<>();
        enqueue(new Close(open.start(), List.copyOf(open.events()), outcome, endedAt, committed));
        try {
            committed.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("contact " + id + " could not be closed durably", e.getCause());
        } finally {
            openContacts.remove(id);
        }
    }

    /** Returns once every command enqueued before the call is committed. */
    @Override
    public void flush() {
        CompletableFuture<Void> committed = new CompletableFuture<>();
        enqueue(new Barrier(committed, false));
        committed.join();
    }

    private void enqueue(Command command) {
        if (!accepting) {
            throw new IllegalStateException("the contact journal is shut down");
        }
        try {
            queue.put(command); // back-pressure: blocks while the writer is behind
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for room in the contact journal queue", e);
        }
    }

    /** Stops accepting, writes everything already queued, then stops the writer. */
    @Override
    public void close() {
        if (!accepting) {
            return;
        }
        accepting = false;
        CompletableFuture<Void> drained = new CompletableFuture<>();
        try {
            queue.put(new Barrier(drained, true));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the contact journal", e);
        }
        drained.join();
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Contact journal stopped; {} contact(s) were still open", openContacts.size());
    }

    // ---- writer thread ----

    private void writeLoop() {
        List<Command> batch = new ArrayList<>(batchSize);
        boolean stop = false;
        while (!stop) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                log.warn("Contact journal writer interrupted; {} command(s) still queued are written before it stops", queue.size());
                stop = true;
            }
            lingerForMore(batch);
            writeWithRetry(batch);
            for (Command command : batch) {
                if (command instanceof Barrier barrier && barrier.stop()) {
                    stop = true;
                }
            }
            batch.clear();
        }
        // A caller that passed the 'accepting' check just before shutdown may have enqueued after
        // the stop barrier: write those too rather than leave a close() waiting forever.
        queue.drainTo(batch);
        if (!batch.isEmpty()) {
            writeWithRetry(batch);
        }
    }

    /**
     * Waits up to the linger time for more commands before writing: each H2 commit rewrites the
     * touched B-tree pages, so at a few hundred calls per second, one commit per few milliseconds
     * costs far more CPU than the writes themselves. A close waits at most that much longer.
     */
    private void lingerForMore(List<Command> batch) {
        long deadline = System.nanoTime() + lingerNanos;
        while (batch.size() < batchSize) {
            queue.drainTo(batch, batchSize - batch.size());
            long left = deadline - System.nanoTime();
            if (left <= 0 || batch.size() >= batchSize) {
                return;
            }
            try {
                Command next = queue.poll(left, java.util.concurrent.TimeUnit.NANOSECONDS);
                if (next == null) {
                    return;
                }
                batch.add(next);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void writeWithRetry(List<Command> batch) {
        Duration backoff = Duration.ofMillis(100);
        for (int attempt = 1; ; attempt++) {
            try {
                writeTelling(batch);
                complete(batch, null);
                return;
            } catch (SQLException e) {
                if (!isTransient(e)) {
                    log.error("Contact journal batch of {} command(s) failed ({}); writing them one by one to isolate the faulty ones",
                            batch.size(), e.toString());
                    writeOneByOne(batch);
                    return;
                }
                log.error("Contact journal cannot write a batch of {} command(s) (attempt {}, {} queued): {}; retrying in {} ms",
                        batch.size(), attempt, queue.size(), e.toString(), backoff.toMillis());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } catch (RuntimeException e) {
                log.error("Contact journal batch failed unexpectedly; writing one by one", e);
                writeOneByOne(batch);
                return;
            }
        }
    }

    private void writeOneByOne(List<Command> batch) {
        for (Command command : batch) {
            try {
                writeTelling(List.of(command));
                complete(List.of(command), null);
            } catch (SQLException | RuntimeException e) {
                log.error("CONTACT RECORD NOT WRITTEN: {} failed: {}", command.describe(), e.toString(), e);
                if (command instanceof Open open) {
                    refused.add(open.start().id());
                }
                complete(List.of(command), e);
            }
        }
    }

    private static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientException || e instanceof SQLRecoverableException
                || (state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("40001")));
    }

    private void complete(List<Command> batch, Throwable failure) {
        for (Command command : batch) {
            if (failure == null && command instanceof Close close && refused.remove(close.id())) {
                close.committed().completeExceptionally(new SQLException("the database refused to open contact " + close.id()));
                continue;
            }
            CompletableFuture<Void> future = switch (command) {
                case Close close -> close.committed();
                case Barrier barrier -> barrier.committed();
                case Open open -> null;
                case Append append -> null;
            };
            if (future != null) {
                if (failure == null) {
                    future.complete(null);
                } else {
                    future.completeExceptionally(failure);
                }
            }
        }
    }

    /**
     * Writes the batch and tells the listener, or writes it without telling when the listener fails
     * for a reason other than the connection: the contacts matter more than what is derived from
     * them (the roll-ups, which a recompute rebuilds). A retry rather than a savepoint, which costs
     * PostgreSQL a subtransaction and two round trips on every batch.
     */
    private void writeTelling(List<Command> batch) throws SQLException {
        try {
            write(batch, listener);
        } catch (ListenerFailed e) {
            if (isTransient(e.cause())) {
                throw e.cause();
            }
            log.error("The closed-contacts listener failed ({}); the {} command(s) are written without it", e.cause().toString(),
                    batch.size(), e.cause());
            write(batch, ClosedContactsListener.NONE);
        }
    }

    /** The listener's failure, told apart from the journal's own by {@link #writeTelling}. */
    private static final class ListenerFailed extends SQLException {
        ListenerFailed(Exception cause) {
            super(cause.getMessage(), cause);
        }

        SQLException cause() {
            return getCause() instanceof SQLException sql ? sql : new SQLException(getCause().getMessage(), getCause());
        }
    }

    private static void tell(ClosedContactsListener told, Connection connection, List<Contact> closed) throws ListenerFailed {
        try {
            told.closed(connection, closed);
        } catch (SQLException | RuntimeException e) {
            throw new ListenerFailed(e);
        }
    }

    /** Tells the listener, commits, and lets the listener know the transaction is over, whatever happened. */
    private static void tellAndCommit(ClosedContactsListener told, Connection connection, List<Contact> closed) throws SQLException {
        try {
            tell(told, connection, closed);
            connection.commit();
        } finally {
            told.completed();
        }
    }

    private void write(List<Command> batch, ClosedContactsListener told) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement opens = connection.prepareStatement(
                    "insert into contact (id, channel, administration, service, dialled, caller, started_at) values (?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement appends = connection.prepareStatement(
                         "insert into contact_event (contact_id, seq, at, type, payload) values (?, ?, ?, ?, ?)");
                 PreparedStatement closes = connection.prepareStatement(
                         "update contact set outcome = ?, ended_at = ? where id = ?")) {
                int openCount = 0;
                int appendCount = 0;
                int closeCount = 0;
                List<Contact> closed = new ArrayList<>();
                // Order within the transaction: contacts, then their events (foreign key), then outcomes.
                for (Command command : batch) {
                    if (command instanceof Open(ContactStart s)) {
                        opens.setObject(1, s.id().value());
                        opens.setString(2, s.channel().name());
                        opens.setString(3, s.administration());
                        opens.setString(4, s.service());
                        opens.setString(5, s.dialled());
                        opens.setString(6, s.caller());
                        opens.setObject(7, timestamp(s.startedAt()));
                        opens.addBatch();
                        openCount++;
                    }
                }
                for (Command command : batch) {
                    if (command instanceof Append(ContactId id, int seq, ContactEvent event) && !refused.contains(id)) {
                        appends.setObject(1, id.value());
                        appends.setInt(2, seq);
                        appends.setObject(3, timestamp(event.at()));
                        appends.setString(4, event.type());
                        appends.setString(5, codec.payload(event));
                        appends.addBatch();
                        appendCount++;
                    }
                }
                for (Command command : batch) {
                    if (command instanceof Close(ContactStart s, List<ContactEvent> events, Outcome outcome, Instant endedAt,
                                                 CompletableFuture<Void> unused)
                            && !refused.contains(s.id())) {
                        closes.setString(1, outcome.name());
                        closes.setObject(2, timestamp(endedAt));
                        closes.setObject(3, s.id().value());
                        closes.addBatch();
                        closeCount++;
                        // The times as the database keeps them, so that facts read here equal facts recomputed later.
                        closed.add(new Contact(s.id(), s.channel(), s.administration(), s.service(), s.dialled(), s.caller(),
                                stored(s.startedAt()), Optional.of(stored(endedAt)), Optional.of(outcome), events));
                    }
                }
                if (openCount > 0) {
                    opens.executeBatch();
                }
                if (appendCount > 0) {
                    appends.executeBatch();
                }
                if (closeCount > 0) {
                    for (int updated : closes.executeBatch()) {
                        // A close that finds no contact row would lose the record silently.
                        if (updated == 0) {
                            throw new SQLException("a closed contact has no row in the journal");
                        }
                    }
                    tellAndCommit(told, connection, closed);
                } else {
                    connection.commit();
                }
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollback) {
            cause.addSuppressed(rollback);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- reads and recovery, on the caller's thread ----

    @Override
    public Optional<Contact> find(ContactId id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select " + CONTACT_COLUMNS + " from contact where id = ?")) {
            select.setObject(1, id.value());
            List<Contact> found = readContacts(connection, select);
            return found.stream().findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read contact " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Contact> search(Instant from, Instant to, String service, int offset, int limit) {
        String sql = "select " + CONTACT_COLUMNS + " from contact where started_at >= ? and started_at < ?"
                + (service == null ? "" : " and service = ?") + " order by started_at desc, id limit ? offset ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            int i = 1;
            select.setObject(i++, timestamp(from));
            select.setObject(i++, timestamp(to));
            if (service != null) {
                select.setString(i++, service);
            }
            select.setInt(i++, limit);
            select.setInt(i, offset);
            return readContacts(connection, select);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot search contacts: " + e.getMessage(), e);
        }
    }

    @Override
    public long count(Instant from, Instant to, String service) {
        String sql = "select count(*) from contact where started_at >= ? and started_at < ?" + (service == null ? "" : " and service = ?");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, timestamp(from));
            select.setObject(2, timestamp(to));
            if (service != null) {
                select.setString(3, service);
            }
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count contacts: " + e.getMessage(), e);
        }
    }

    private record Row(ContactId id, Channel channel, String administration, String service, String dialled, String caller,
                       Instant startedAt, Instant endedAt, Outcome outcome) {
    }

    private List<Contact> readContacts(Connection connection, PreparedStatement select) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                String outcome = rs.getString("outcome");
                rows.add(new Row(new ContactId(rs.getObject("id", UUID.class)), Channel.valueOf(rs.getString("channel")),
                        rs.getString("administration"), rs.getString("service"), rs.getString("dialled"), rs.getString("caller"),
                        instant(rs, "started_at"), instant(rs, "ended_at"), outcome == null ? null : Outcome.valueOf(outcome)));
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<ContactId, List<ContactEvent>> events = new LinkedHashMap<>();
        rows.forEach(r -> events.put(r.id(), new ArrayList<>()));
        String in = String.join(", ", rows.stream().map(r -> "?").toList());
        try (PreparedStatement selectEvents = connection.prepareStatement(
                "select contact_id, type, payload from contact_event where contact_id in (" + in + ") order by contact_id, seq")) {
            for (int i = 0; i < rows.size(); i++) {
                selectEvents.setObject(i + 1, rows.get(i).id().value());
            }
            try (ResultSet rs = selectEvents.executeQuery()) {
                while (rs.next()) {
                    events.get(new ContactId(rs.getObject(1, UUID.class))).add(codec.read(rs.getString(2), rs.getString(3)));
                }
            }
        }
        return rows.stream().map(r -> new Contact(r.id(), r.channel(), r.administration(), r.service(), r.dialled(), r.caller(),
                r.startedAt(), Optional.ofNullable(r.endedAt()), Optional.ofNullable(r.outcome()), events.get(r.id()))).toList();
    }

    /**
     * Closes the contacts a previous process left open, ended at their last event (or {@code now} if
     * they have none), with an {@code Ended} event appended after their own, in one transaction:
     * <ul>
     *   <li>a contact <em>awaiting its callback</em> ({@link Contact#awaitingCallback()}) is left open
     *       (unless {@code callbackPending} does not know it): the queue runtime resumes it from the
     *       callback book ({@link #resume});</li>
     *   <li>one whose callback had ended (the process died between the callback's last event and the
     *       close) gets the callback's outcome, {@code CALLBACK_COMPLETED} or {@code CALLBACK_FAILED},
     *       with {@code Ended(CALLBACK_DONE, SYSTEM)}, so a reached callback still counts as handled;</li>
     *   <li>every other one gets {@code INTERRUPTED} with {@code Ended(INTERRUPTED, SYSTEM)}.</li>
     * </ul>
     * Contacts open in this journal are left alone.
     */
    @Override
    public int closeInterrupted(Instant now) {
        return closeInterrupted(now, id -> true);
    }

    /** Also closes, as INTERRUPTED, a contact awaiting a callback that {@code callbackPending} does not know. */
    @Override
    public int closeInterrupted(Instant now, Predicate<ContactId> callbackPending) {
        try {
            return closeInterrupted(now, callbackPending, listener);
        } catch (ListenerFailed e) {
            // As for batches (writeTelling): the contacts are closed even when their roll-ups cannot be.
            log.error("The closed-contacts listener failed ({}); the interrupted contacts are closed without it",
                    e.cause().toString(), e.cause());
            try {
                return closeInterrupted(now, callbackPending, ClosedContactsListener.NONE);
            } catch (SQLException again) {
                throw new IllegalStateException("cannot close the interrupted contacts: " + again.getMessage(), again);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the interrupted contacts: " + e.getMessage(), e);
        }
    }

    private int closeInterrupted(Instant now, Predicate<ContactId> callbackPending, ClosedContactsListener told)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                record Stale(Contact contact, int nextSeq, Instant lastAt) {
                }
                Map<ContactId, Integer> nextSeqs = new LinkedHashMap<>();
                try (PreparedStatement select = connection.prepareStatement(
                        "select c.id, max(e.seq) from contact c left join contact_event e on e.contact_id = c.id "
                                + "where c.outcome is null group by c.id");
                     ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ContactId id = new ContactId(rs.getObject(1, UUID.class));
                        int maxSeq = rs.getInt(2);
                        if (!openContacts.containsKey(id)) {
                            nextSeqs.put(id, rs.wasNull() ? 0 : maxSeq + 1);
                        }
                    }
                }
                List<Stale> stale = new ArrayList<>();
                for (Contact open : readContacts(connection, List.copyOf(nextSeqs.keySet()))) {
                    if (open.awaitingCallback() && callbackPending.test(open.id())) {
                        continue;
                    }
                    // As the database keeps it, so that the listener's facts equal those recomputed later.
                    Instant lastAt = stored(open.events().stream().map(ContactEvent::at).max(Instant::compareTo).orElse(now));
                    stale.add(new Stale(open, nextSeqs.get(open.id()), lastAt));
                }
                if (stale.isEmpty()) {
                    connection.commit();
                    return 0;
                }
                List<Contact> closed = new ArrayList<>();
                try (PreparedStatement events = connection.prepareStatement(
                        "insert into contact_event (contact_id, seq, at, type, payload) values (?, ?, ?, ?, ?)");
                     PreparedStatement closes = connection.prepareStatement(
                             "update contact set outcome = ?, ended_at = ? where id = ? and outcome is null")) {
                    for (Stale open : stale) {
                        Contact c = open.contact();
                        Outcome outcome = outcomeAtRestart(c);
                        EndReason reason = outcome == Outcome.INTERRUPTED ? EndReason.INTERRUPTED : EndReason.CALLBACK_DONE;
                        ContactEvent ended = new ContactEvent.Ended(open.lastAt(), reason, Side.SYSTEM);
                        events.setObject(1, c.id().value());
                        events.setInt(2, open.nextSeq());
                        events.setObject(3, timestamp(ended.at()));
                        events.setString(4, ended.type());
                        events.setString(5, codec.payload(ended));
                        events.addBatch();
                        closes.setString(1, outcome.name());
                        closes.setObject(2, timestamp(open.lastAt()));
                        closes.setObject(3, c.id().value());
                        closes.addBatch();
                        List<ContactEvent> all = new ArrayList<>(c.events());
                        all.add(ended);
                        closed.add(new Contact(c.id(), c.channel(), c.administration(), c.service(), c.dialled(), c.caller(),
                                c.startedAt(), Optional.of(open.lastAt()), Optional.of(outcome), all));
                    }
                    events.executeBatch();
                    closes.executeBatch();
                }
                tellAndCommit(told, connection, closed);
                return stale.size();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        }
    }

    /** A contact left open whose callback had ended keeps the callback's result; any other was interrupted. */
    private static Outcome outcomeAtRestart(Contact contact) {
        Outcome outcome = Outcome.INTERRUPTED;
        for (ContactEvent e : contact.events()) {
            if (e instanceof ContactEvent.CallbackCompleted) {
                outcome = Outcome.CALLBACK_COMPLETED;
            } else if (e instanceof ContactEvent.CallbackFailed) {
                outcome = Outcome.CALLBACK_FAILED;
            }
        }
        return outcome;
    }

    /**
     * Takes over a contact a previous process left open (one awaiting its callback): from now on this
     * journal appends to it, numbering its events after the stored ones, and closes it.
     */
    @Override
    public Optional<Contact> resume(ContactId id) {
        if (openContacts.containsKey(id)) {
            throw new IllegalStateException("contact " + id + " is already open in this journal");
        }
        try (Connection connection = dataSource.getConnection()) {
            Optional<Contact> found = readContacts(connection, List.of(id)).stream().findFirst().filter(Contact::inProgress);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            int nextSeq;
            try (PreparedStatement select = connection.prepareStatement("select max(seq) from contact_event where contact_id = ?")) {
                select.setObject(1, id.value());
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    int max = rs.getInt(1);
                    nextSeq = rs.wasNull() ? 0 : max + 1;
                }
            }
            Contact c = found.get();
            ContactStart start = new ContactStart(c.id(), c.channel(), c.administration(), c.service(), c.dialled(), c.caller(),
                    c.startedAt());
            openContacts.put(id, new OpenContact(start, new AtomicInteger(nextSeq), new ArrayList<>(c.events())));
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot resume contact " + id + ": " + e.getMessage(), e);
        }
    }

    /** The contacts with these ids, with their events; several queries when there are many. */
    private List<Contact> readContacts(Connection connection, List<ContactId> ids) throws SQLException {
        List<Contact> out = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<ContactId> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String in = String.join(", ", chunk.stream().map(i -> "?").toList());
            try (PreparedStatement select = connection.prepareStatement(
                    "select " + CONTACT_COLUMNS + " from contact where id in (" + in + ") order by started_at, id")) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setObject(i + 1, chunk.get(i).value());
                }
                out.addAll(readContacts(connection, select));
            }
        }
        return out;
    }

    /**
     * Written truncated to the microsecond, the finest both databases keep (PostgreSQL would round
     * instead): what is written is then exactly what is read back.
     */
    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : stored(instant).atOffset(ZoneOffset.UTC);
    }

    private static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
