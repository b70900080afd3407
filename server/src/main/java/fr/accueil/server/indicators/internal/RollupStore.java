package fr.accueil.server.indicators.internal;

import fr.accueil.core.contact.Channel;
import fr.accueil.core.indicators.Dimension;
import fr.accueil.core.indicators.GroupKey;
import fr.accueil.core.indicators.Period;
import fr.accueil.core.indicators.Query;
import fr.accueil.core.indicators.Rollup;
import fr.accueil.core.indicators.RollupKey;
import fr.accueil.core.indicators.Slice;
import fr.accueil.core.indicators.Tallies;
import fr.accueil.server.indicators.IndicatorFilter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The roll-up tables: {@code indicator_rollup} (quarter hours, the finest grain, written by additive
 * upserts when the deltas of closed contacts are folded, see {@link PendingRollups}) and
 * {@code indicator_rollup_day} (the same summed per local day of the
 * publication zone, for <em>sealed</em> days only).
 *
 * <p>Sealed days: {@code indicator_rollup_sealed} holds, per (rule-set version, zone), the last local
 * day whose day rows are complete. {@link #add} writes day rows only for buckets of sealed days (late
 * contacts: a callback completed days later, a call across midnight, an old import); for today, the
 * normal case, it writes quarter-hour rows only. {@link #sealThrough} builds the day rows of the days
 * after the watermark from their quarter-hour rows (day boundaries in Java, so DST days are 23 or 25
 * hours) and moves the watermark; the server seals through yesterday every few minutes
 * ({@code DaySealing}), and after a recompute or an import. Every writer first locks the watermark
 * row ({@code SELECT … FOR UPDATE}, the row is inserted when missing) in its transaction: a sealing by
 * another process waits for a writer's commit (and then sees its quarter-hour rows) or the writer
 * waits for the sealing (and then sees the new watermark), so no count is lost or doubled.
 *
 * <p>Reports: a query in the publication zone whose period is a day or longer reads the day table for
 * the whole local days of its range up to the watermark, and the quarter-hour table for the rest
 * (partial days at its ends, today so far, any unsealed whole day), so a quarter report reads about
 * (numbers × 92) rows, not (numbers × 92 × 96). Other queries (quarter-hour period, another zone) read
 * the quarter-hour table. Results do not depend on the watermark. The database sums per group and
 * local day; Java folds days into weeks, months… (local-time periods) and divides.
 *
 * <p>The upsert differs by database, chosen once from the product name: PostgreSQL {@code INSERT …
 * ON CONFLICT … DO UPDATE SET c = t.c + excluded.c}, H2 an {@code UPDATE … SET c = c + ?} and an
 * {@code INSERT} of the keys it did not find. Thread-safe; writers hold {@link #writeLock()}.
 */
public final class RollupStore {
    /** The columns of {@link Tallies}, in the order of its components. */
    public static final List<String> TALLY_COLUMNS = List.of("received", "closed_hours", "received_in_hours",
            "self_service_completed", "short_abandons", "presented", "handled", "connected", "answered_within_target",
            "speed_of_answer_millis", "handling_count", "handling_millis", "ivr_abandons", "queue_abandons",
            "refused_at_capacity", "transferred", "callbacks_requested", "callbacks_reached", "survey_answers",
            "satisfied", "dissatisfied");
    /** Zone ids are inlined in SQL (AT TIME ZONE takes no parameter in H2): only tzdb-shaped ids pass. */
    private static final Pattern SAFE_ZONE = Pattern.compile("[A-Za-z0-9_+\\-/]+");
    /** Bounds beyond these are treated as open (SQL timestamps stop at year 9999). */
    private static final Instant FAR_PAST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant FAR_FUTURE = Instant.parse("9000-01-01T00:00:00Z");
    private static final List<Dimension> DIMENSIONS = List.of(Dimension.ADMINISTRATION, Dimension.SERVICE, Dimension.NUMBER,
            Dimension.CHANNEL);

    public enum Dialect { H2, POSTGRESQL }

    /**
     * A roll-up table: its name and key columns, tallies after; and the statements that add a row's
     * tallies: an update then an insert of the missing keys (H2), or one upsert (PostgreSQL).
     */
    private record Table(String name, List<String> keys, String update, String insert, String upsert) {
        static Table of(String name, List<String> keys) {
            List<String> all = new ArrayList<>(keys);
            all.addAll(TALLY_COLUMNS);
            String columns = String.join(", ", all);
            String insert = "insert into " + name + " (" + columns + ") values ("
                    + String.join(", ", java.util.Collections.nCopies(all.size(), "?")) + ")";
            StringJoiner increments = new StringJoiner(", ");
            TALLY_COLUMNS.forEach(c -> increments.add(c + " = " + c + " + ?"));
            StringJoiner where = new StringJoiner(" and ");
            keys.forEach(c -> where.add(c + " = ?"));
            StringJoiner excluded = new StringJoiner(", ");
            TALLY_COLUMNS.forEach(c -> excluded.add(c + " = " + name + "." + c + " + excluded." + c));
            return new Table(name, keys, "update " + name + " set " + increments + " where " + where, insert,
                    insert + " on conflict (" + String.join(", ", keys) + ") do update set " + excluded);
        }
    }

    private static final Table QUARTERS = Table.of("indicator_rollup",
            List.of("rule_set_version", "bucket_start", "administration", "service", "number", "channel"));
    private static final Table DAYS = Table.of("indicator_rollup_day",
            List.of("rule_set_version", "day_zone", "local_day", "administration", "service", "number", "channel"));

    /** One row of the day table. */
    public record DayRollup(String ruleSetVersion, LocalDate day, String administration, String service, String number,
                            Channel channel, Tallies tallies) {
    }

    private record DayKey(LocalDate day, String administration, String service, String number, Channel channel) {
    }

    private static final Comparator<DayKey> DAY_ORDER = Comparator.comparing(DayKey::day).thenComparing(DayKey::administration)
            .thenComparing(DayKey::service).thenComparing(DayKey::number).thenComparing(DayKey::channel);

    private final DataSource dataSource;
    private final Dialect dialect;
    private final ZoneId dayZone;
    private final Clock clock;
    /** Serialises this process's roll-up writers: contact upkeep, imports, recompute. */
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Roll-up deltas of journal batches not yet added to the tables; reports add them to what they read. */
    private final PendingRollups pending = new PendingRollups(this);
    /**
     * The latest watermark this process has read or set (never lower than the committed one, as far as
     * this process knows): a batch whose days all come after it, and cannot be sealed yet by anyone,
     * needs neither the watermark nor its lock.
     */
    private volatile LocalDate lastSealedSeen = LocalDate.MIN;

    /** @param dayZone the publication zone, whose local days the day table sums */
    public RollupStore(DataSource dataSource, ZoneId dayZone) {
        this(dataSource, dayZone, Clock.systemUTC());
    }

    /** @param clock tells which days may already be sealed (by this process or another) */
    public RollupStore(DataSource dataSource, ZoneId dayZone, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dayZone = Objects.requireNonNull(dayZone, "dayZone");
        this.clock = Objects.requireNonNull(clock, "clock");
        requireSafe(dayZone);
        this.dialect = dialectOf(dataSource);
    }

    public static Dialect dialectOf(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("postgres")) {
                return Dialect.POSTGRESQL;
            }
            if (product.contains("h2")) {
                return Dialect.H2;
            }
            throw new IllegalStateException("indicator roll-ups support H2 and PostgreSQL, not " + product);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
        }
    }

    /** Held by every writer of roll-ups in this process (see {@link Recomputation} for why). */
    public ReentrantLock writeLock() {
        return writeLock;
    }

    /** The deltas the contact upkeep writes, and their folding into the tables (decision 0029). */
    public PendingRollups pending() {
        return pending;
    }

    public Dialect dialect() {
        return dialect;
    }

    public ZoneId dayZone() {
        return dayZone;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Adds each row's tallies to the table (distinct keys), as JDBC batches of one-row statements, each
     * parsed once per connection. PostgreSQL: {@code insert … on conflict do update}. H2: an update, then
     * an insert for the keys that had no row; H2 re-planned a multi-row {@code MERGE … USING} of ~1,000
     * parameters on every batch. Inserting the missing keys without a conflict clause is safe because
     * every roll-up writer holds {@link #writeLock()} and an H2 database belongs to one process.
     */
    private <T> void upsertRows(Connection connection, Table table, List<T> rows, RowKey<T> key, Function<T, Tallies> tallies)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int keys = table.keys().size();
        if (dialect == Dialect.H2) {
            List<T> missing = new ArrayList<>();
            try (PreparedStatement update = connection.prepareStatement(table.update())) {
                for (T row : rows) {
                    bindTallies(update, 1, tallies.apply(row));
                    key.bind(update, TALLY_COLUMNS.size() + 1, row);
                    update.addBatch();
                }
                int[] updated = update.executeBatch();
                for (int i = 0; i < updated.length; i++) {
                    if (updated[i] == 0) {
                        missing.add(rows.get(i));
                    }
                }
            }
            addKeyed(connection, table.insert(), missing, key, tallies, keys);
            return;
        }
        addKeyed(connection, table.upsert(), rows, key, tallies, keys);
    }

    /** Runs {@code sql} (key columns, then tallies) once per row, as one JDBC batch. */
    private static <T> void addKeyed(Connection connection, String sql, List<T> rows, RowKey<T> key, Function<T, Tallies> tallies,
                                     int keys) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (T row : rows) {
                key.bind(statement, 1, row);
                bindTallies(statement, keys + 1, tallies.apply(row));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Binds a row's key columns from a parameter index. */
    @FunctionalInterface
    private interface RowKey<T> {
        void bind(PreparedStatement statement, int first, T row) throws SQLException;
    }

    /**
     * Adds the roll-ups (all of one rule-set version) on the caller's connection and transaction: to
     * the quarter-hour table always, and to the day table for the buckets of sealed days only. Locks
     * the version's watermark row first (held until the caller commits). Rows are written in key
     * order so that two concurrent writers lock rows in the same order and cannot deadlock.
     */
    public void add(Connection connection, Collection<Rollup> rollups) throws SQLException {
        if (rollups.isEmpty()) {
            return;
        }
        String version = rollups.iterator().next().ruleSetVersion();
        List<Rollup> sorted = new ArrayList<>(rollups);
        for (Rollup r : sorted) {
            if (!r.ruleSetVersion().equals(version)) {
                throw new IllegalArgumentException("roll-ups of rule sets " + version + " and " + r.ruleSetVersion() + " in one call");
            }
        }
        sorted.sort(Comparator.comparing((Rollup r) -> r.key().bucketStart()).thenComparing(r -> r.key().administration())
                .thenComparing(r -> r.key().service()).thenComparing(r -> r.key().number()).thenComparing(r -> r.key().channel()));
        Optional<LocalDate> sealed = mayBeSealed(sorted.getFirst().key().bucketStart())
                ? lockWatermark(connection, version) : Optional.empty();
        upsertRows(connection, QUARTERS, sorted, (upsert, first, r) -> {
            RollupKey k = r.key();
            int i = first;
            upsert.setString(i++, version);
            upsert.setObject(i++, k.bucketStart().atOffset(ZoneOffset.UTC));
            upsert.setString(i++, k.administration());
            upsert.setString(i++, k.service());
            upsert.setString(i++, k.number());
            upsert.setString(i, k.channel().name());
        }, Rollup::tallies);
        if (sealed.isEmpty()) {
            return;
        }
        // Sorted by bucket: the buckets of sealed days come first, the rest (today's) are skipped.
        Instant endOfSealed = sealed.get().plusDays(1).atStartOfDay(dayZone).toInstant();
        Map<DayKey, Tallies> days = new TreeMap<>(DAY_ORDER);
        for (Rollup r : sorted) {
            RollupKey k = r.key();
            if (!k.bucketStart().isBefore(endOfSealed)) {
                break;
            }
            days.merge(new DayKey(LocalDate.ofInstant(k.bucketStart(), dayZone), k.administration(), k.service(), k.number(),
                    k.channel()), r.tallies(), Tallies::plus);
        }
        upsertRows(connection, DAYS, new ArrayList<>(days.entrySet()), (upsert, first, e) -> {
            DayKey k = e.getKey();
            int i = first;
            upsert.setString(i++, version);
            upsert.setString(i++, dayZone.getId());
            upsert.setObject(i++, k.day());
            upsert.setString(i++, k.administration());
            upsert.setString(i++, k.service());
            upsert.setString(i++, k.number());
            upsert.setString(i, k.channel().name());
        }, Map.Entry::getValue);
    }

    /** Sealers of other processes may disagree with our clock by this much around midnight. */
    static final Duration CLOCK_MARGIN = Duration.ofHours(1);

    /**
     * Whether the day of {@code earliestBucket} (or a later one of the batch) may be sealed already:
     * it is not after a watermark this process knows, or it ends (nearly) before now. Otherwise no
     * sealer can be sealing it (sealing stops at yesterday), and a batch of today's contacts, the
     * usual case, takes no lock: on H2 the {@code select … for update} was a quarter of the upkeep.
     */
    private boolean mayBeSealed(Instant earliestBucket) {
        LocalDate day = LocalDate.ofInstant(earliestBucket, dayZone);
        Instant endOfDay = day.plusDays(1).atStartOfDay(dayZone).toInstant();
        return !day.isAfter(lastSealedSeen) || !endOfDay.isAfter(clock.instant().plus(CLOCK_MARGIN));
    }

    private void sawSealed(LocalDate day) {
        if (day.isAfter(lastSealedSeen)) {
            lastSealedSeen = day;
        }
    }

    /**
     * Locks the watermark row of (version, publication zone) for the caller's transaction, inserting
     * it (nothing sealed) when missing, and returns the last sealed day, if any. A row that does not
     * exist cannot be locked, hence the insert: two transactions meeting here then queue on the row.
     */
    private Optional<LocalDate> lockWatermark(Connection connection, String version) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (PreparedStatement select = connection.prepareStatement(
                    "select sealed_through from indicator_rollup_sealed where rule_set_version = ? and day_zone = ? for update")) {
                select.setString(1, version);
                select.setString(2, dayZone.getId());
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        Optional<LocalDate> sealed = Optional.ofNullable(rs.getObject(1, LocalDate.class));
                        sealed.ifPresent(this::sawSealed);
                        return sealed;
                    }
                }
            }
            if (attempt == WATERMARK_ATTEMPTS) {
                throw new SQLException("the sealed-day watermark row of " + version + " in " + dayZone
                        + " stays invisible (inserted by a transaction that does not commit?)");
            }
            // PostgreSQL: ON CONFLICT DO NOTHING waits for a concurrent inserter's commit, then skips, and
            // the next SELECT sees its row. H2 reports the concurrent insert instead (a contact batch may
            // insert the row and release the write lock before it commits): wait a little and select again.
            // Both only happen the first time a version is written (or after a recompute).
            String insert = "insert into indicator_rollup_sealed (rule_set_version, day_zone, sealed_through) values (?, ?, null)"
                    + (dialect == Dialect.POSTGRESQL ? " on conflict (rule_set_version, day_zone) do nothing" : "");
            try (PreparedStatement statement = connection.prepareStatement(insert)) {
                statement.setString(1, version);
                statement.setString(2, dayZone.getId());
                statement.executeUpdate();
            } catch (SQLException e) {
                if (dialect != Dialect.H2 || !H2_CONCURRENT_INSERT.contains(e.getSQLState())) {
                    throw e;
                }
                pause();
            }
        }
    }

    /** Tries at locking a watermark row whose insert races with another transaction's (H2): about 2 s in all. */
    private static final int WATERMARK_ATTEMPTS = 200;
    /** H2's SQL states for a duplicate key and for a key inserted by a transaction not yet committed. */
    private static final Set<String> H2_CONCURRENT_INSERT = Set.of("23505", "90131");

    private static void pause() throws SQLException {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the sealed-day watermark row", e);
        }
    }

    /** The last sealed day of a version in the publication zone, if any (read without lock). */
    public Optional<LocalDate> sealedThrough(String version) {
        try (Connection c = dataSource.getConnection()) {
            return sealedThrough(c, version);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the sealed-day watermark: " + e.getMessage(), e);
        }
    }

    private Optional<LocalDate> sealedThrough(Connection c, String version) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "select sealed_through from indicator_rollup_sealed where rule_set_version = ? and day_zone = ?")) {
            select.setString(1, version);
            select.setString(2, dayZone.getId());
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getObject(1, LocalDate.class)) : Optional.empty();
            }
        }
    }

    /** Yesterday in the publication zone by {@code clock}: the last day that sealing may cover (today is still open). */
    public LocalDate yesterday(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), dayZone).minusDays(1);
    }

    /**
     * Seals the days of a version up to {@code lastDay} (see the class comment), in a transaction of
     * its own under {@link #writeLock()}. Idempotent: days already sealed are left alone, and the
     * watermark never moves back.
     *
     * @return how many days were sealed now (0 when {@code lastDay} was already sealed)
     */
    public int sealThrough(String version, LocalDate lastDay) {
        writeLock.lock();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int sealed = sealThrough(connection, version, lastDay);
                connection.commit();
                return sealed;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot seal the day roll-ups of " + version + " through " + lastDay + ": "
                    + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * {@link #sealThrough(String, LocalDate)} in the caller's transaction (the caller holds the write
     * lock): locks the watermark, replaces the day rows of the days in (watermark, lastDay] by the sums
     * of their quarter-hour rows, moves the watermark to {@code lastDay}.
     */
    public int sealThrough(Connection connection, String version, LocalDate lastDay) throws SQLException {
        Optional<LocalDate> sealed = lockWatermark(connection, version);
        if (sealed.isPresent() && !lastDay.isAfter(sealed.get())) {
            return 0;
        }
        // Day rows of unsealed days are never read; some may exist (written before the watermark existed,
        // or by an older version of this code): replace them rather than add to them.
        try (PreparedStatement delete = connection.prepareStatement("delete from indicator_rollup_day where rule_set_version = ?"
                + " and day_zone = ? and local_day <= ?" + (sealed.isPresent() ? " and local_day > ?" : ""))) {
            delete.setString(1, version);
            delete.setString(2, dayZone.getId());
            delete.setObject(3, lastDay);
            if (sealed.isPresent()) {
                delete.setObject(4, sealed.get());
            }
            delete.executeUpdate();
        }
        int days = 0;
        Instant endOfLast = lastDay.plusDays(1).atStartOfDay(dayZone).toInstant();
        Optional<Instant> firstBucket = firstBucketAtOrAfter(connection, version,
                sealed.map(d -> d.plusDays(1).atStartOfDay(dayZone).toInstant()).orElse(FAR_PAST));
        if (firstBucket.isPresent() && firstBucket.get().isBefore(endOfLast)) {
            String sums = String.join(", ", TALLY_COLUMNS.stream().map(t -> "sum(" + t + ")").toList());
            String build = "insert into indicator_rollup_day (" + String.join(", ", DAYS.keys()) + ", " + String.join(", ", TALLY_COLUMNS)
                    + ") select cast(? as varchar(32)), cast(? as varchar(64)), cast(? as date), administration, service, number, channel, "
                    + sums + " from indicator_rollup where rule_set_version = ? and bucket_start >= ? and bucket_start < ?"
                    + " group by administration, service, number, channel";
            try (PreparedStatement insert = connection.prepareStatement(build)) {
                for (LocalDate day = LocalDate.ofInstant(firstBucket.get(), dayZone); !day.isAfter(lastDay); day = day.plusDays(1)) {
                    insert.setString(1, version);
                    insert.setString(2, dayZone.getId());
                    insert.setObject(3, day);
                    insert.setString(4, version);
                    insert.setObject(5, day.atStartOfDay(dayZone).toInstant().atOffset(ZoneOffset.UTC));
                    insert.setObject(6, day.plusDays(1).atStartOfDay(dayZone).toInstant().atOffset(ZoneOffset.UTC));
                    insert.executeUpdate();
                    days++;
                }
            }
        }
        try (PreparedStatement move = connection.prepareStatement(
                "update indicator_rollup_sealed set sealed_through = ? where rule_set_version = ? and day_zone = ?")) {
            move.setObject(1, lastDay);
            move.setString(2, version);
            move.setString(3, dayZone.getId());
            move.executeUpdate();
        }
        sawSealed(lastDay);
        return days;
    }

    /** The first quarter-hour bucket of a version at or after {@code from}: sealing skips the empty days before it. */
    private static Optional<Instant> firstBucketAtOrAfter(Connection connection, String version, Instant from) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select min(bucket_start) from indicator_rollup where rule_set_version = ? and bucket_start >= ?")) {
            select.setString(1, version);
            select.setObject(2, from.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
            }
        }
    }

    private static void bindTallies(PreparedStatement statement, int first, Tallies t) throws SQLException {
        int i = first;
        for (long v : values(t)) {
            statement.setLong(i++, v);
        }
    }

    /**
     * Deletes every roll-up of one rule-set version, both tables, and its sealed-day watermark (before a
     * recompute), in the caller's transaction. Locks the watermark row first, like every writer, so
     * that writers of other processes wait for the caller's commit.
     */
    public int deleteVersion(Connection connection, String version) throws SQLException {
        lockWatermark(connection, version);
        pending.delete(connection, version);
        int deleted;
        try (PreparedStatement delete = connection.prepareStatement("delete from indicator_rollup where rule_set_version = ?")) {
            delete.setString(1, version);
            deleted = delete.executeUpdate();
        }
        for (String table : List.of("indicator_rollup_day", "indicator_rollup_sealed")) {
            try (PreparedStatement delete = connection.prepareStatement("delete from " + table + " where rule_set_version = ?")) {
                delete.setString(1, version);
                delete.executeUpdate();
            }
        }
        return deleted;
    }

    /** Every quarter-hour roll-up of a version, ordered by key (tests; not for reports). */
    public List<Rollup> all(String version) {
        pending.fold(PendingRollups.READ_WAIT);
        String sql = "select bucket_start, administration, service, number, channel, " + String.join(", ", TALLY_COLUMNS)
                + " from indicator_rollup where rule_set_version = ? order by bucket_start, administration, service, number, channel";
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, version);
            List<Rollup> out = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    RollupKey key = new RollupKey(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2),
                            rs.getString(3), rs.getString(4), Channel.valueOf(rs.getString(5)));
                    out.add(new Rollup(key, version, tallies(rs, 6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the roll-ups: " + e.getMessage(), e);
        }
    }

    /** Every day roll-up of a version in the publication zone, ordered by key (tests; not for reports). */
    public List<DayRollup> allDays(String version) {
        pending.fold(PendingRollups.READ_WAIT);
        String sql = "select local_day, administration, service, number, channel, " + String.join(", ", TALLY_COLUMNS)
                + " from indicator_rollup_day where rule_set_version = ? and day_zone = ?"
                + " order by local_day, administration, service, number, channel";
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, version);
            select.setString(2, dayZone.getId());
            List<DayRollup> out = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    out.add(new DayRollup(version, rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3),
                            rs.getString(4), Channel.valueOf(rs.getString(5)), tallies(rs, 6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the day roll-ups: " + e.getMessage(), e);
        }
    }

    /**
     * Sums the roll-ups of one version that the query covers and the filter keeps, per slice of the
     * query (period start in the query's zone, grouped dimensions).
     */
    public Map<Slice, Tallies> sum(String version, Query query, IndicatorFilter filter) {
        requireSafe(query.zone());
        Map<Slice, Tallies> out = new HashMap<>();
        // The tables and the pending deltas as of one moment: no folding may move rows between the two
        // reads. Past the wait (a long folding), the figures leave out the last seconds' contacts.
        boolean withPending = pending.holdView(PendingRollups.READ_WAIT);
        try (Connection c = dataSource.getConnection()) {
            sumTables(c, version, query, filter, out);
            if (withPending) {
                pending.addTo(c, version, query, filter, out);
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the roll-ups: " + e.getMessage(), e);
        } finally {
            if (withPending) {
                pending.releaseView();
            }
        }
    }

    private void sumTables(Connection c, String version, Query query, IndicatorFilter filter, Map<Slice, Tallies> out)
            throws SQLException {
        boolean dayTableServes = query.period() != Period.QUARTER_HOUR && query.zone().equals(dayZone)
                && query.from().isAfter(FAR_PAST) && query.to().isBefore(FAR_FUTURE);
        if (dayTableServes) {
            // Whole local days of the range, cut at the watermark: later days are read from quarter hours.
            Optional<LocalDate> sealed = sealedThrough(c, version);
            LocalDate firstWholeDay = firstDayStartingAtOrAfter(query.from());
            LocalDate endOfWholeDays = LocalDate.ofInstant(query.to(), dayZone); // exclusive
            LocalDate endOfDays = sealed.map(d -> d.plusDays(1)).filter(d -> d.isBefore(endOfWholeDays)).orElse(endOfWholeDays);
            if (sealed.isPresent() && firstWholeDay.isBefore(endOfDays)) {
                Instant daysFrom = firstWholeDay.atStartOfDay(dayZone).toInstant();
                Instant daysTo = endOfDays.atStartOfDay(dayZone).toInstant();
                sumDays(c, version, query, filter, firstWholeDay, endOfDays, out);
                if (query.from().isBefore(daysFrom)) {
                    sumQuarterHours(c, version, query, filter, query.from(), daysFrom, out);
                }
                if (daysTo.isBefore(query.to())) {
                    sumQuarterHours(c, version, query, filter, daysTo, query.to(), out);
                }
                return;
            }
        }
        sumQuarterHours(c, version, query, filter, query.from(), query.to(), out);
    }

    private LocalDate firstDayStartingAtOrAfter(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, dayZone);
        return day.atStartOfDay(dayZone).toInstant().isBefore(at) ? day.plusDays(1) : day;
    }

    private void sumDays(Connection c, String version, Query query, IndicatorFilter filter, LocalDate from, LocalDate to,
                         Map<Slice, Tallies> out) throws SQLException {
        // Group by the period itself (a number naming it) so that a quarter report returns one row per
        // group, not one per group and day: with 200 services that is 200 rows instead of 18,400.
        String periodExpr = switch (query.period()) {
            case ALL -> null;
            case DAY -> "local_day";
            case WEEK -> dialect == Dialect.POSTGRESQL ? "(extract(isoyear from local_day) * 100 + extract(week from local_day))"
                    : "(extract(iso_week_year from local_day) * 100 + extract(iso_week from local_day))";
            case MONTH -> "(extract(year from local_day) * 100 + extract(month from local_day))";
            case QUARTER -> "(extract(year from local_day) * 10 + extract(quarter from local_day))";
            case YEAR -> "extract(year from local_day)";
            case QUARTER_HOUR -> throw new AssertionError("quarter-hour reports read the quarter-hour table");
        };
        List<Object> params = new ArrayList<>(List.of(version, dayZone.getId(), from, to));
        String sql = select(query, periodExpr) + " from indicator_rollup_day where rule_set_version = ? and day_zone = ?"
                + " and local_day >= ? and local_day < ?" + where(filter, params) + groupBy(query, periodExpr);
        run(c, sql, params, query, out, rs -> switch (query.period()) {
            case DAY -> rs.getObject(1, LocalDate.class);
            case WEEK -> {
                long code = rs.getLong(1);
                yield LocalDate.of((int) (code / 100), 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, code % 100)
                        .with(DayOfWeek.MONDAY);
            }
            case MONTH -> {
                long code = rs.getLong(1);
                yield LocalDate.of((int) (code / 100), (int) (code % 100), 1);
            }
            case QUARTER -> {
                long code = rs.getLong(1);
                yield LocalDate.of((int) (code / 10), (int) (code % 10 - 1) * 3 + 1, 1);
            }
            case YEAR -> LocalDate.of((int) rs.getLong(1), 1, 1);
            default -> throw new AssertionError(query.period());
        });
    }

    private void sumQuarterHours(Connection c, String version, Query query, IndicatorFilter filter, Instant from, Instant to,
                                 Map<Slice, Tallies> out) throws SQLException {
        String zone = query.zone().getId();
        String periodExpr = switch (query.period()) {
            case QUARTER_HOUR -> "bucket_start";
            case ALL -> null;
            // Every tzdb offset is a multiple of 15 minutes, so a bucket lies in one local day. H2 casts a
            // zoned timestamp to DATE in the session's zone, not the value's, so there the day is read as
            // yyyymmdd with EXTRACT (which reads the value's own fields); PostgreSQL casts (much faster).
            default -> dialect == Dialect.POSTGRESQL ? "cast(bucket_start at time zone '" + zone + "' as date)"
                    : "(extract(year from (bucket_start at time zone '" + zone + "')) * 10000 + extract(month from (bucket_start at time zone '"
                    + zone + "')) * 100 + extract(day from (bucket_start at time zone '" + zone + "')))";
        };
        List<Object> params = new ArrayList<>();
        params.add(version);
        StringBuilder range = new StringBuilder();
        if (from.isAfter(FAR_PAST)) {
            range.append(" and bucket_start >= ?");
            params.add(from.atOffset(ZoneOffset.UTC));
        }
        if (to.isBefore(FAR_FUTURE)) {
            range.append(" and bucket_start < ?");
            params.add(to.atOffset(ZoneOffset.UTC));
        }
        String sql = select(query, periodExpr) + " from indicator_rollup where rule_set_version = ?" + range + where(filter, params)
                + groupBy(query, periodExpr);
        run(c, sql, params, query, out, rs -> switch (query.period()) {
            case QUARTER_HOUR -> rs.getObject(1, OffsetDateTime.class).toInstant();
            default -> {
                if (dialect == Dialect.POSTGRESQL) {
                    yield rs.getObject(1, LocalDate.class);
                }
                int yyyymmdd = rs.getInt(1);
                yield LocalDate.of(yyyymmdd / 10000, yyyymmdd / 100 % 100, yyyymmdd % 100);
            }
        });
    }

    /** Reads the period column (1st) of a row: an Instant (quarter hour) or a LocalDate (local day). */
    @FunctionalInterface
    private interface PeriodReader {
        Object read(ResultSet rs) throws SQLException;
    }

    /** {@code select <period>, <grouped dimensions>, sum(…)…}: the period first (when there is one). */
    private static String select(Query query, String periodExpr) {
        StringJoiner cols = new StringJoiner(", ", "select ", "");
        if (periodExpr != null) {
            cols.add(periodExpr);
        }
        groups(query).forEach(cols::add);
        TALLY_COLUMNS.forEach(t -> cols.add("sum(" + t + ")"));
        return cols.toString();
    }

    private static List<String> groups(Query query) {
        return DIMENSIONS.stream().filter(query.grouping()::contains).map(d -> d.name().toLowerCase(Locale.ROOT)).toList();
    }

    private static String groupBy(Query query, String periodExpr) {
        List<String> by = new ArrayList<>();
        if (periodExpr != null) {
            by.add(periodExpr);
        }
        by.addAll(groups(query));
        return by.isEmpty() ? "" : " group by " + String.join(", ", by);
    }

    private static String where(IndicatorFilter filter, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        filter.administration().ifPresent(v -> { sql.append(" and administration = ?"); params.add(v); });
        filter.service().ifPresent(v -> { sql.append(" and service = ?"); params.add(v); });
        filter.number().ifPresent(v -> { sql.append(" and number = ?"); params.add(v); });
        filter.channel().ifPresent(v -> { sql.append(" and channel = ?"); params.add(v.name()); });
        return sql.toString();
    }

    private void run(Connection c, String sql, List<Object> params, Query query, Map<Slice, Tallies> out, PeriodReader period)
            throws SQLException {
        boolean hasPeriod = query.period() != Period.ALL;
        try (PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                select.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Instant start = Instant.EPOCH;
                    int col = 1;
                    if (hasPeriod) {
                        Object p = period.read(rs);
                        col++;
                        start = p instanceof LocalDate day
                                ? query.period().startOf(day.atStartOfDay(query.zone()).toInstant(), query.zone())
                                : (Instant) p;
                    }
                    String administration = query.grouping().contains(Dimension.ADMINISTRATION) ? rs.getString(col++) : GroupKey.ALL;
                    String service = query.grouping().contains(Dimension.SERVICE) ? rs.getString(col++) : GroupKey.ALL;
                    String number = query.grouping().contains(Dimension.NUMBER) ? rs.getString(col++) : GroupKey.ALL;
                    String channel = query.grouping().contains(Dimension.CHANNEL) ? rs.getString(col++) : GroupKey.ALL;
                    Tallies t = tallies(rs, col);
                    if (t.received() == 0) {
                        continue; // an aggregate without GROUP BY returns one row of NULL sums over no roll-up
                    }
                    out.merge(new Slice(start, new GroupKey(administration, service, number, channel)), t, Tallies::plus);
                }
            }
        }
    }

    static long[] values(Tallies t) {
        return new long[] {t.received(), t.closedHours(), t.receivedInHours(), t.selfServiceCompleted(), t.shortAbandons(),
                t.presented(), t.handled(), t.connected(), t.answeredWithinTarget(), t.speedOfAnswerMillis(),
                t.handlingCount(), t.handlingMillis(), t.ivrAbandons(), t.queueAbandons(), t.refusedAtCapacity(),
                t.transferred(), t.callbacksRequested(), t.callbacksReached(), t.surveyAnswers(), t.satisfied(),
                t.dissatisfied()};
    }

    private static Tallies tallies(ResultSet rs, int first) throws SQLException {
        long[] v = new long[TALLY_COLUMNS.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rs.getLong(first + i); // SUM over no row is NULL: getLong reads it as 0
        }
        return tallies(v);
    }

    /** The inverse of {@link #values}. */
    static Tallies tallies(long[] v) {
        return new Tallies(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13],
                v[14], v[15], v[16], v[17], v[18], v[19], v[20]);
    }

    private static void requireSafe(ZoneId zone) {
        if (!SAFE_ZONE.matcher(zone.getId()).matches()) {
            throw new IllegalArgumentException("unsupported zone id " + zone.getId());
        }
    }

    /** How many quarter-hour roll-up rows a version has (tests, benchmarks, recompute report). */
    public long count(String version) {
        pending.fold(PendingRollups.READ_WAIT);
        try (Connection c = dataSource.getConnection();
             PreparedStatement count = c.prepareStatement("select count(*) from indicator_rollup where rule_set_version = ?")) {
            count.setString(1, version);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the roll-ups: " + e.getMessage(), e);
        }
    }
}
