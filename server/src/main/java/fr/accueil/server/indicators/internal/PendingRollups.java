package fr.accueil.server.indicators.internal;

import fr.accueil.core.contact.Channel;
import fr.accueil.core.indicators.GroupKey;
import fr.accueil.core.indicators.Query;
import fr.accueil.core.indicators.Rollup;
import fr.accueil.core.indicators.RollupKey;
import fr.accueil.core.indicators.Slice;
import fr.accueil.core.indicators.Tallies;
import fr.accueil.server.indicators.IndicatorFilter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Roll-up deltas written with the contacts and folded into the roll-up tables later (decision 0029).
 * The journal's transaction that closes a batch of contacts inserts one row into {@code
 * indicator_rollup_pending} holding the batch's roll-ups; a folding adds the rows of many batches to
 * the tables through {@link RollupStore#add} in one transaction and deletes them. A quarter-hour row
 * is then written once per folding rather than once per journal batch: at light load a batch of 20
 * closes touched 20 rows, +12 % on writing a contact; a folding merges the batches of a second.
 *
 * <p>Exactness: at every commit, the roll-up tables plus the pending rows equal the closed contacts,
 * so a crash leaves nothing to repair (the rows wait for the next folding). A report ({@link
 * RollupStore#sum}) adds the pending rows it covers to the tables' sums ({@link #addTo}), holding the
 * view lock shared while a folding holds it exclusively, so it sees every contact closed before it
 * started and never a row twice, and it writes nothing: readers do not make foldings more frequent.
 * The test readers ({@link RollupStore#all}…) fold first.
 *
 * <p>Threading: a folding holds {@link RollupStore#writeLock()}, like every writer of the tables. The
 * journal's upkeep does not take it (a batch never waits for a folding): it holds {@link
 * #batchesInFlight()} shared from its insert until its transaction ends ({@link
 * RollupUpkeep#completed()}), and a recompute holds that exclusively. A folding does not need it: a
 * row not committed yet is invisible to it, and folded by the next one. On PostgreSQL a folding locks
 * the rows it reads ({@code for update skip locked}), so foldings of several processes never add a
 * row twice.
 */
public final class PendingRollups {
    /** How long a reader waits for the write lock before reading what is folded already. */
    public static final Duration READ_WAIT = Duration.ofSeconds(2);
    /** Pending rows folded per transaction: keeps a folding after a long stop short and its memory small. */
    static final int FOLD_ROWS = 500;
    private static final Logger log = LoggerFactory.getLogger(PendingRollups.class);
    private static final byte FORMAT = 1;

    private final RollupStore store;
    private final ReentrantLock writeLock;
    private final ReentrantReadWriteLock inFlight = new ReentrantReadWriteLock();
    private final AtomicLong lastId = new AtomicLong();
    /** Shared by reports reading the tables and the pending rows, exclusive for a folding's transaction. */
    private final ReentrantReadWriteLock view = new ReentrantReadWriteLock();

    PendingRollups(RollupStore store) {
        this.store = store;
        this.writeLock = store.writeLock();
    }

    /**
     * Held shared by each journal batch from its pending insert until its transaction ends, and
     * exclusively by a recompute: the pending rows a recompute deletes are then exactly those of the
     * contacts it reads, since no batch is half-way to its commit.
     */
    public ReentrantReadWriteLock batchesInFlight() {
        return inFlight;
    }

    /**
     * Inserts one pending row holding {@code rollups} (all of one rule-set version) in the caller's
     * transaction. The caller holds {@link #batchesInFlight()} shared until that transaction ends.
     */
    public void add(Connection connection, Collection<Rollup> rollups) throws SQLException {
        if (rollups.isEmpty()) {
            return;
        }
        String version = rollups.iterator().next().ruleSetVersion();
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into indicator_rollup_pending (id, rule_set_version, deltas) values (?, ?, ?)")) {
            insert.setLong(1, newId());
            insert.setString(2, version);
            insert.setBytes(3, encode(version, rollups));
            insert.executeUpdate();
        }
    }

    /**
     * A key in time order: the millisecond, then 20 random bits (processes sharing a database), and
     * always above this process's last one. Not an identity column: on H2 drawing from its sequence
     * took half of the insert's time.
     */
    private long newId() {
        long drawn = System.currentTimeMillis() << 20 | ThreadLocalRandom.current().nextInt(1 << 20);
        return lastId.accumulateAndGet(drawn, (last, next) -> Math.max(last + 1, next));
    }

    /**
     * Folds every pending row into the roll-up tables, {@link #FOLD_ROWS} per transaction, if the write
     * lock can be had within {@code wait}. A failure is logged and leaves the rows for the next folding.
     *
     * @return how many pending rows were folded (0 when the lock was busy, nothing was pending or it failed)
     */
    public int fold(Duration wait) {
        try {
            if (!writeLock.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                return 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        int folded = 0;
        try (Connection connection = store.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            for (int rows = FOLD_ROWS; rows == FOLD_ROWS; folded += rows) {
                view.writeLock().lock();
                try {
                    rows = foldSome(connection);
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    view.writeLock().unlock();
                }
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("Pending indicator roll-ups could not be folded ({}); they are kept and folded at the next try", e.toString());
        } finally {
            writeLock.unlock();
        }
        return folded;
    }

    /** Folds up to {@link #FOLD_ROWS} pending rows in the caller's transaction; returns how many. */
    private int foldSome(Connection connection) throws SQLException {
        String select = "select id, rule_set_version, deltas from indicator_rollup_pending order by id fetch first " + FOLD_ROWS
                + " rows only" + (store.dialect() == RollupStore.Dialect.POSTGRESQL ? " for update skip locked" : "");
        List<Long> ids = new ArrayList<>();
        Map<String, Map<RollupKey, Tallies>> byVersion = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(select); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                ids.add(id);
                String version = rs.getString(2);
                try {
                    Map<RollupKey, Tallies> sums = byVersion.computeIfAbsent(version, v -> new HashMap<>());
                    for (Rollup r : decode(version, rs.getBytes(3))) {
                        sums.merge(r.key(), r.tallies(), Tallies::plus);
                    }
                } catch (IllegalArgumentException e) {
                    // Deleted all the same: kept, it would stop every folding after it.
                    log.error("INDICATOR ROLL-UPS INCOMPLETE: pending roll-up row {} is unreadable ({}) and is dropped; "
                            + "run ./accueil recompute", id, e.getMessage());
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        for (Map.Entry<String, Map<RollupKey, Tallies>> version : byVersion.entrySet()) {
            List<Rollup> rollups = new ArrayList<>(version.getValue().size());
            version.getValue().forEach((key, tallies) -> rollups.add(new Rollup(key, version.getKey(), tallies)));
            store.add(connection, rollups);
        }
        try (PreparedStatement delete = connection.prepareStatement("delete from indicator_rollup_pending where id = ?")) {
            for (long id : ids) {
                delete.setLong(1, id);
                delete.addBatch();
            }
            delete.executeBatch();
        }
        return ids.size();
    }

    /**
     * Takes the view shared, waiting at most {@code wait} for a folding to commit: between this and
     * {@link #releaseView()}, the tables and the pending rows do not move (in this process).
     *
     * @return whether it was taken; if not, the caller reads the tables alone
     */
    boolean holdView(Duration wait) {
        try {
            return view.readLock().tryLock(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void releaseView() {
        view.readLock().unlock();
    }

    /**
     * Adds the pending roll-ups of a version that the query covers and the filter keeps to {@code out},
     * per slice of the query, as {@link RollupStore#sum} does for the tables. The caller holds the view.
     * An unreadable row is left out here (the folding reports and drops it).
     */
    void addTo(Connection connection, String version, Query query, IndicatorFilter filter, Map<Slice, Tallies> out)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select deltas from indicator_rollup_pending where rule_set_version = ?")) {
            select.setString(1, version);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    List<Rollup> rollups;
                    try {
                        rollups = decode(version, rs.getBytes(1));
                    } catch (IllegalArgumentException e) {
                        continue;
                    }
                    for (Rollup r : rollups) {
                        RollupKey k = r.key();
                        if (query.covers(k.bucketStart()) && filter.keeps(k.administration(), k.service(), k.number(), k.channel())) {
                            Slice slice = new Slice(query.period().startOf(k.bucketStart(), query.zone()),
                                    GroupKey.of(query.grouping(), k.administration(), k.service(), k.number(), k.channel()));
                            out.merge(slice, r.tallies(), Tallies::plus);
                        }
                    }
                }
            }
        }
    }

    /** Deletes the pending rows of a version in the caller's transaction (before a recompute). */
    int delete(Connection connection, String version) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from indicator_rollup_pending where rule_set_version = ?")) {
            delete.setString(1, version);
            return delete.executeUpdate();
        }
    }

    /** How many pending rows there are (tests, benchmarks). */
    public long count() {
        try (Connection c = store.dataSource().getConnection();
             PreparedStatement count = c.prepareStatement("select count(*) from indicator_rollup_pending");
             ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the pending roll-ups: " + e.getMessage(), e);
        }
    }

    /**
     * The binary form of a batch's roll-ups: a format byte, the number of tallies per key, the number
     * of keys, then per key its bucket start, administration, service, number, channel and tallies
     * (variable-length numbers).
     * The tally count guards against a reader built with another {@link Tallies}.
     */
    static byte[] encode(String version, Collection<Rollup> rollups) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + rollups.size() * 96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeShort(RollupStore.TALLY_COLUMNS.size());
            out.writeInt(rollups.size());
            for (Rollup r : rollups) {
                if (!r.ruleSetVersion().equals(version)) {
                    throw new IllegalArgumentException("roll-ups of rule sets " + version + " and " + r.ruleSetVersion() + " in one batch");
                }
                RollupKey k = r.key();
                out.writeLong(k.bucketStart().getEpochSecond());
                out.writeInt(k.bucketStart().getNano());
                out.writeUTF(k.administration());
                out.writeUTF(k.service());
                out.writeUTF(k.number());
                out.writeUTF(k.channel().name());
                for (long v : RollupStore.values(r.tallies())) {
                    writeVarLong(out, v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown by an in-memory stream
        }
        return bytes.toByteArray();
    }

    /**
     * Seven bits per byte, low first, high bit set on all but the last: most tallies of a batch are 0
     * or small, so a key takes ~70 bytes instead of ~200, and a light-load batch stays well under
     * PostgreSQL's 2 kB TOAST threshold (compressed or moved out of line above it: twice the insert).
     */
    private static void writeVarLong(DataOutputStream out, long value) throws IOException {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    private static long readVarLong(DataInputStream in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("a number longer than 64 bits");
    }

    /** The roll-ups of {@link #encode}; an {@link IllegalArgumentException} says why bytes are not that. */
    static List<Rollup> decode(String version, byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown format " + format);
            }
            int tallies = in.readShort();
            if (tallies != RollupStore.TALLY_COLUMNS.size()) {
                throw new IllegalArgumentException(tallies + " tallies per key, this version has " + RollupStore.TALLY_COLUMNS.size());
            }
            int count = in.readInt();
            if (count < 0 || count > bytes.length) {
                throw new IllegalArgumentException("impossible key count " + count);
            }
            List<Rollup> out = new ArrayList<>(count);
            long[] values = new long[tallies];
            for (int i = 0; i < count; i++) {
                Instant start = Instant.ofEpochSecond(in.readLong(), in.readInt());
                RollupKey key = new RollupKey(start, in.readUTF(), in.readUTF(), in.readUTF(), Channel.valueOf(in.readUTF()));
                for (int t = 0; t < tallies; t++) {
                    values[t] = readVarLong(in);
                }
                out.add(new Rollup(key, version, RollupStore.tallies(values)));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException(in.available() + " byte(s) after the last key");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated (" + bytes.length + " bytes): " + e, e);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException(e.toString(), e);
        }
    }
}
