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
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The {@code indicator_rollup} table: additive upserts (one row per touched bucket) and reports that
 * sum the buckets in SQL. The upsert differs by database, chosen once from the product name:
 * PostgreSQL {@code INSERT … ON CONFLICT … DO UPDATE SET c = indicator_rollup.c + excluded.c}, H2 the
 * standard {@code MERGE INTO … USING … WHEN MATCHED THEN UPDATE}. Reports group by calendar period in
 * SQL with {@code AT TIME ZONE} and {@code EXTRACT} (both databases), to the local day, then fold days into weeks, months…
 * in Java: the rows leaving the database are then at most (groups × days), whatever the number of
 * buckets. Thread-safe; writers hold {@link #writeLock()}.
 */
public final class RollupStore {
    /** The columns of {@link Tallies}, in the order of its components. */
    public static final List<String> TALLY_COLUMNS = List.of("received", "closed_hours", "received_in_hours",
            "self_service_completed", "short_abandons", "presented", "handled", "connected", "answered_within_target",
            "speed_of_answer_millis", "handling_count", "handling_millis", "ivr_abandons", "queue_abandons",
            "refused_at_capacity", "transferred", "callbacks_requested", "callbacks_reached", "survey_answers",
            "satisfied", "dissatisfied");
    private static final List<String> KEY_COLUMNS = List.of("rule_set_version", "bucket_start", "administration", "service",
            "number", "channel");
    private static final List<String> KEY_TYPES = List.of("varchar(32)", "timestamp with time zone", "varchar(64)",
            "varchar(64)", "varchar(32)", "varchar(16)");
    /** Zone ids are inlined in SQL (AT TIME ZONE takes no parameter in H2): only tzdb-shaped ids pass. */
    private static final Pattern SAFE_ZONE = Pattern.compile("[A-Za-z0-9_+\\-/]+");
    /** Bounds beyond these are treated as open (SQL timestamps stop at year 9999). */
    private static final Instant FAR_PAST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant FAR_FUTURE = Instant.parse("9000-01-01T00:00:00Z");

    public enum Dialect { H2, POSTGRESQL }

    private final DataSource dataSource;
    private final Dialect dialect;
    private final String upsertSql;
    /** Serialises this process's roll-up writers: contact upkeep, imports, recompute. */
    private final ReentrantLock writeLock = new ReentrantLock();

    public RollupStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.dialect = dialectOf(dataSource);
        this.upsertSql = dialect == Dialect.POSTGRESQL ? postgresUpsert() : h2Upsert();
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

    public Dialect dialect() {
        return dialect;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    private static String postgresUpsert() {
        List<String> all = new ArrayList<>(KEY_COLUMNS);
        all.addAll(TALLY_COLUMNS);
        StringJoiner updates = new StringJoiner(", ");
        TALLY_COLUMNS.forEach(c -> updates.add(c + " = indicator_rollup." + c + " + excluded." + c));
        return "insert into indicator_rollup (" + String.join(", ", all) + ") values ("
                + String.join(", ", all.stream().map(c -> "?").toList()) + ") on conflict ("
                + String.join(", ", KEY_COLUMNS) + ") do update set " + updates;
    }

    private static String h2Upsert() {
        StringJoiner select = new StringJoiner(", ");
        for (int i = 0; i < KEY_COLUMNS.size(); i++) {
            select.add("cast(? as " + KEY_TYPES.get(i) + ") as " + KEY_COLUMNS.get(i));
        }
        TALLY_COLUMNS.forEach(c -> select.add("cast(? as bigint) as " + c));
        StringJoiner on = new StringJoiner(" and ");
        KEY_COLUMNS.forEach(c -> on.add("t." + c + " = s." + c));
        StringJoiner updates = new StringJoiner(", ");
        TALLY_COLUMNS.forEach(c -> updates.add(c + " = t." + c + " + s." + c));
        List<String> all = new ArrayList<>(KEY_COLUMNS);
        all.addAll(TALLY_COLUMNS);
        return "merge into indicator_rollup t using (select " + select + ") s on " + on
                + " when matched then update set " + updates
                + " when not matched then insert (" + String.join(", ", all) + ") values ("
                + String.join(", ", all.stream().map(c -> "s." + c).toList()) + ")";
    }

    /**
     * Adds the roll-ups to the stored ones, on the caller's connection and transaction. Rows are
     * written in the given order; callers pass them sorted (as {@code RollupAccumulator.rollups()}
     * does) so that two concurrent writers lock rows in the same order and cannot deadlock.
     */
    public void add(Connection connection, Collection<Rollup> rollups) throws SQLException {
        if (rollups.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(upsertSql)) {
            for (Rollup r : rollups) {
                int i = 1;
                upsert.setString(i++, r.ruleSetVersion());
                upsert.setObject(i++, r.key().bucketStart().atOffset(ZoneOffset.UTC));
                upsert.setString(i++, r.key().administration());
                upsert.setString(i++, r.key().service());
                upsert.setString(i++, r.key().number());
                upsert.setString(i++, r.key().channel().name());
                for (long v : values(r.tallies())) {
                    upsert.setLong(i++, v);
                }
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /** Deletes every roll-up of one rule-set version (before a recompute), in the caller's transaction. */
    public int deleteVersion(Connection connection, String version) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from indicator_rollup where rule_set_version = ?")) {
            delete.setString(1, version);
            return delete.executeUpdate();
        }
    }

    /** Every stored roll-up of a version, ordered by key (tests and exports; not for reports). */
    public List<Rollup> all(String version) {
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

    /**
     * Sums the roll-ups of one version that the query covers and the filter keeps, per slice of the
     * query (period start in the query's zone, grouped dimensions).
     */
    public Map<Slice, Tallies> sum(String version, Query query, IndicatorFilter filter) {
        ZoneId zone = query.zone();
        if (!SAFE_ZONE.matcher(zone.getId()).matches()) {
            throw new IllegalArgumentException("unsupported zone id " + zone.getId());
        }
        List<String> groups = new ArrayList<>();
        for (Dimension d : List.of(Dimension.ADMINISTRATION, Dimension.SERVICE, Dimension.NUMBER, Dimension.CHANNEL)) {
            if (query.grouping().contains(d)) {
                groups.add(d.name().toLowerCase(Locale.ROOT));
            }
        }
        String periodExpr = switch (query.period()) {
            case QUARTER_HOUR -> "bucket_start";
            case ALL -> null;
            // Every tzdb offset is a multiple of 15 minutes, so a bucket lies in one local day. The day is
            // read as yyyymmdd with EXTRACT: H2 casts a zoned timestamp to DATE in the session's zone,
            // not the value's, whereas EXTRACT reads the fields in the value's own offset (both databases).
            default -> {
                String local = "(bucket_start at time zone '" + zone.getId() + "')";
                yield "(extract(year from " + local + ") * 10000 + extract(month from " + local + ") * 100 + extract(day from "
                        + local + "))";
            }
        };
        List<String> selected = new ArrayList<>(groups);
        if (periodExpr != null) {
            selected.add(periodExpr);
        }
        StringJoiner sums = new StringJoiner(", ");
        TALLY_COLUMNS.forEach(c -> sums.add("sum(" + c + ")"));
        StringBuilder sql = new StringBuilder("select ");
        selected.forEach(s -> sql.append(s).append(", "));
        sql.append(sums).append(" from indicator_rollup where rule_set_version = ?");
        List<Object> params = new ArrayList<>();
        params.add(version);
        if (query.from().isAfter(FAR_PAST)) {
            sql.append(" and bucket_start >= ?");
            params.add(query.from().atOffset(ZoneOffset.UTC));
        }
        if (query.to().isBefore(FAR_FUTURE)) {
            sql.append(" and bucket_start < ?");
            params.add(query.to().atOffset(ZoneOffset.UTC));
        }
        filter.administration().ifPresent(v -> { sql.append(" and administration = ?"); params.add(v); });
        filter.service().ifPresent(v -> { sql.append(" and service = ?"); params.add(v); });
        filter.number().ifPresent(v -> { sql.append(" and number = ?"); params.add(v); });
        filter.channel().ifPresent(v -> { sql.append(" and channel = ?"); params.add(v.name()); });
        if (!selected.isEmpty()) {
            sql.append(" group by ").append(String.join(", ", selected));
        }
        Map<Slice, Tallies> out = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                select.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    int col = 1;
                    String administration = query.grouping().contains(Dimension.ADMINISTRATION) ? rs.getString(col++) : GroupKey.ALL;
                    String service = query.grouping().contains(Dimension.SERVICE) ? rs.getString(col++) : GroupKey.ALL;
                    String number = query.grouping().contains(Dimension.NUMBER) ? rs.getString(col++) : GroupKey.ALL;
                    String channel = query.grouping().contains(Dimension.CHANNEL) ? rs.getString(col++) : GroupKey.ALL;
                    Instant start;
                    if (query.period() == Period.ALL) {
                        start = Instant.EPOCH;
                    } else if (query.period() == Period.QUARTER_HOUR) {
                        start = rs.getObject(col++, OffsetDateTime.class).toInstant();
                    } else {
                        int yyyymmdd = rs.getInt(col++);
                        LocalDate day = LocalDate.of(yyyymmdd / 10000, yyyymmdd / 100 % 100, yyyymmdd % 100);
                        start = query.period().startOf(day.atStartOfDay(zone).toInstant(), zone);
                    }
                    Tallies t = tallies(rs, col);
                    if (t.received() == 0 && query.period() == Period.ALL && query.grouping().isEmpty()) {
                        continue; // an aggregate without GROUP BY returns one row even over no roll-up
                    }
                    out.merge(new Slice(start, new GroupKey(administration, service, number, channel)), t, Tallies::plus);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the roll-ups: " + e.getMessage(), e);
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
        return new Tallies(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13],
                v[14], v[15], v[16], v[17], v[18], v[19], v[20]);
    }

    /** How many roll-up rows a version has (tests, benchmarks, recompute report). */
    public long count(String version) {
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
