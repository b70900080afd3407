package fr.accueil.server.indicators.internal;

import fr.accueil.core.contact.Channel;
import fr.accueil.core.contact.Contact;
import fr.accueil.core.contact.ContactEvent;
import fr.accueil.core.contact.ContactId;
import fr.accueil.core.contact.Outcome;
import fr.accueil.core.indicators.ContactFacts;
import fr.accueil.core.indicators.RollupAccumulator;
import fr.accueil.core.indicators.RuleSet;
import fr.accueil.server.contacts.EventCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the roll-ups of the active rule set from the raw contacts and the imported records, in one
 * transaction: delete the version's rows, stream every ended contact and imported record (cursor with
 * a fetch size: memory stays bounded), roll them up in memory and add the rows every
 * {@link #FLUSH_EVERY} contacts (additive upserts make partial flushes exact), then seal the days
 * through yesterday (day roll-ups, see {@link RollupStore}).
 *
 * <p>Concurrency: in this process the {@code writeLock} shared with {@link RollupUpkeep} keeps contact
 * closes (and imports) waiting until the recompute commits; it also holds {@link
 * PendingRollups#batchesInFlight()} exclusively, which each journal batch holds shared until it has
 * committed, so the pending deltas the recompute deletes are exactly those of contacts it reads. A recompute run by another process on
 * the same PostgreSQL database stays exact too: it deletes first, so a concurrent close either
 * committed before the contacts are read (and is read) or waits on the deleted rows and then adds its
 * delta to the recomputed row; since every writer locks the sealed-day watermark row first, which
 * the recompute locks before its delete, such a close waits for the recompute's commit. Thread-safe.
 */
public final class Recomputation {
    public static final int FLUSH_EVERY = 100_000;
    private static final Logger log = LoggerFactory.getLogger(Recomputation.class);

    private final RollupStore store;
    private final RuleSet rules;
    private final ReentrantLock writeLock;
    private final Clock clock;
    private final EventCodec codec = new EventCodec();

    /** What a recompute did. */
    public record Result(String ruleSetVersion, long contacts, long importedRecords, long skipped, long rowsDeleted,
                         long rows, Duration took) {
    }

    public Recomputation(RollupStore store, RuleSet rules, Clock clock) {
        this.store = store;
        this.rules = rules;
        this.writeLock = store.writeLock();
        this.clock = clock;
    }

    public Result run() {
        Instant start = clock.instant();
        writeLock.lock();
        ReentrantReadWriteLock.WriteLock noBatchInFlight = store.pending().batchesInFlight().writeLock();
        noBatchInFlight.lock();
        try (Connection connection = store.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                int deleted = store.deleteVersion(connection, rules.version());
                Batch batch = new Batch(connection);
                // One pass over contacts and their events, grouped by contact (the events decide a queued
                // contact's facts); the cursor streams, only one contact's events are held at a time.
                try (PreparedStatement contacts = connection.prepareStatement(
                        "select c.id, c.channel, c.administration, c.service, c.dialled, c.caller, c.started_at, c.ended_at, "
                                + "c.outcome, e.type, e.payload from contact c left join contact_event e on e.contact_id = c.id "
                                + "where c.outcome is not null order by c.id, e.seq")) {
                    contacts.setFetchSize(5000);
                    try (ResultSet rs = contacts.executeQuery()) {
                        Contact current = null;
                        List<ContactEvent> events = new ArrayList<>();
                        while (rs.next()) {
                            UUID id = rs.getObject(1, UUID.class);
                            if (current == null || !current.id().value().equals(id)) {
                                if (current != null) {
                                    batch.add(current, events);
                                }
                                OffsetDateTime ended = rs.getObject(8, OffsetDateTime.class);
                                current = new Contact(new ContactId(id), Channel.valueOf(rs.getString(2)),
                                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                                        rs.getObject(7, OffsetDateTime.class).toInstant(),
                                        Optional.ofNullable(ended).map(OffsetDateTime::toInstant),
                                        Optional.of(Outcome.valueOf(rs.getString(9))), List.of());
                                events = new ArrayList<>();
                            }
                            String type = rs.getString(10);
                            if (type != null) {
                                events.add(codec.read(type, rs.getString(11)));
                            }
                        }
                        if (current != null) {
                            batch.add(current, events);
                        }
                    }
                }
                try (PreparedStatement imported = connection.prepareStatement(
                        "select " + ImportedRecordTable.COLUMNS + " from imported_record")) {
                    imported.setFetchSize(5000);
                    try (ResultSet rs = imported.executeQuery()) {
                        while (rs.next()) {
                            batch.imported++;
                            batch.add(ImportedRecordTable.read(rs));
                        }
                    }
                }
                batch.flush();
                // The rebuilt quarter hours wrote no day row (deleteVersion dropped the watermark): seal the
                // past days in the same transaction, so reports never read a half-built day table.
                LocalDate yesterday = store.yesterday(clock);
                int sealedDays = store.sealThrough(connection, rules.version(), yesterday);
                connection.commit();
                log.info("Roll-ups of rule set {}: {} day(s) sealed through {}", rules.version(), sealedDays, yesterday);
                Result result = new Result(rules.version(), batch.contacts, batch.imported, batch.skipped, deleted,
                        store.count(rules.version()), Duration.between(start, clock.instant()));
                log.info("Roll-ups of rule set {} recomputed: {}", rules.version(), result);
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("recompute of rule set " + rules.version() + " failed: " + e.getMessage(), e);
        } finally {
            noBatchInFlight.unlock();
            writeLock.unlock();
        }
    }

    /** The roll-ups being rebuilt, flushed to the table every {@link #FLUSH_EVERY} facts. Not thread-safe. */
    private final class Batch {
        private final Connection connection;
        private RollupAccumulator pending = new RollupAccumulator(rules);
        private int inPending;
        long contacts;
        long imported;
        long skipped;

        Batch(Connection connection) {
            this.connection = connection;
        }

        void add(Contact c, List<ContactEvent> events) throws SQLException {
            ContactFacts facts = RollupUpkeep.factsOf(new Contact(c.id(), c.channel(), c.administration(), c.service(),
                    c.dialled(), c.caller(), c.startedAt(), c.endedAt(), c.outcome(), events));
            if (facts == null) {
                skipped++;
            } else {
                contacts++;
                add(facts);
            }
        }

        void add(ContactFacts facts) throws SQLException {
            pending.add(facts);
            if (++inPending >= FLUSH_EVERY) {
                flush();
            }
        }

        void flush() throws SQLException {
            store.add(connection, pending.rollups());
            pending = new RollupAccumulator(rules);
            inPending = 0;
        }
    }
}
