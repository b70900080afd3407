package fr.accueil.server.indicators.internal;

import fr.accueil.core.contact.Channel;
import fr.accueil.core.indicators.Abandonment;
import fr.accueil.core.indicators.ContactFacts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The {@code imported_record} table: one row per imported record, by source key, holding its facts.
 * Stateless; every method works in the caller's transaction.
 */
public final class ImportedRecordTable {
    static final String COLUMNS = "source_key, administration, service, number, channel, received_at, in_opening_hours, "
            + "self_service_completed, entered_queue_or_asked_agent, speed_of_answer_millis, abandon_place, abandon_wait_millis, "
            + "refused_at_capacity, handling_millis, callback_requested, callback_reached, transferred, satisfaction";
    private static final int IN_LIST = 500;

    private ImportedRecordTable() {
    }

    /** The keys among {@code keys} already stored. */
    public static Set<String> existing(Connection connection, List<String> keys) throws SQLException {
        Set<String> found = new HashSet<>();
        for (int from = 0; from < keys.size(); from += IN_LIST) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + IN_LIST));
            String in = String.join(", ", chunk.stream().map(k -> "?").toList());
            try (PreparedStatement select = connection.prepareStatement(
                    "select source_key from imported_record where source_key in (" + in + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
        }
        return found;
    }

    /** Rows per multi-row INSERT: one statement per 100 rows is several times faster than a JDBC batch on H2. */
    static final int ROWS_PER_INSERT = 100;
    private static final int COLUMN_COUNT = 20;

    /**
     * Inserts the facts whose source key is not stored yet and returns those keys (PostgreSQL only:
     * {@code ON CONFLICT DO NOTHING RETURNING}). One statement per {@link #ROWS_PER_INSERT} rows; no
     * look-up query whose plan could degrade as the table grows. {@code facts} must not repeat a key.
     */
    public static Set<String> insertNew(Connection connection, String format, Instant importedAt, List<ContactFacts> facts)
            throws SQLException {
        Set<String> inserted = new HashSet<>();
        OffsetDateTime at = importedAt.atOffset(ZoneOffset.UTC);
        for (int from = 0; from < facts.size(); from += ROWS_PER_INSERT) {
            List<ContactFacts> chunk = facts.subList(from, Math.min(facts.size(), from + ROWS_PER_INSERT));
            try (PreparedStatement insert = connection.prepareStatement(insertSql(chunk.size())
                    + " on conflict (source_key) do nothing returning source_key")) {
                int p = 1;
                for (ContactFacts f : chunk) {
                    p = bind(insert, p, format, at, f);
                }
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        inserted.add(rs.getString(1));
                    }
                }
            }
        }
        return inserted;
    }

    /** Inserts all the facts (their keys must be new: check with {@link #existing} first). */
    public static void insert(Connection connection, String format, Instant importedAt, List<ContactFacts> facts) throws SQLException {
        if (facts.isEmpty()) {
            return;
        }
        OffsetDateTime at = importedAt.atOffset(ZoneOffset.UTC);
        int full = facts.size() / ROWS_PER_INSERT * ROWS_PER_INSERT;
        if (full > 0) {
            try (PreparedStatement insert = connection.prepareStatement(insertSql(ROWS_PER_INSERT))) {
                for (int from = 0; from < full; from += ROWS_PER_INSERT) {
                    int p = 1;
                    for (ContactFacts f : facts.subList(from, from + ROWS_PER_INSERT)) {
                        p = bind(insert, p, format, at, f);
                    }
                    insert.executeUpdate();
                }
            }
        }
        if (full < facts.size()) {
            try (PreparedStatement insert = connection.prepareStatement(insertSql(facts.size() - full))) {
                int p = 1;
                for (ContactFacts f : facts.subList(full, facts.size())) {
                    p = bind(insert, p, format, at, f);
                }
                insert.executeUpdate();
            }
        }
    }

    private static String insertSql(int rows) {
        String row = "(" + String.join(", ", java.util.Collections.nCopies(COLUMN_COUNT, "?")) + ")";
        return "insert into imported_record (format, imported_at, " + COLUMNS + ") values "
                + String.join(", ", java.util.Collections.nCopies(rows, row));
    }

    /** Binds one row's {@value #COLUMN_COUNT} parameters from {@code i}; returns the next index. */
    private static int bind(PreparedStatement insert, int i, String format, OffsetDateTime at, ContactFacts f) throws SQLException {
        insert.setString(i++, format);
        insert.setObject(i++, at);
        insert.setString(i++, f.sourceKey());
        insert.setString(i++, f.administration());
        insert.setString(i++, f.service());
        insert.setString(i++, f.number());
        insert.setString(i++, f.channel().name());
        insert.setObject(i++, f.receivedAt().atOffset(ZoneOffset.UTC));
        insert.setBoolean(i++, f.inOpeningHours());
        insert.setBoolean(i++, f.selfServiceCompleted());
        insert.setBoolean(i++, f.enteredQueueOrAskedAgent());
        setMillis(insert, i++, f.speedOfAnswer());
        insert.setString(i++, f.abandonment().map(a -> a.place().name()).orElse(null));
        setMillis(insert, i++, f.abandonment().map(Abandonment::waited));
        insert.setBoolean(i++, f.refusedAtCapacity());
        setMillis(insert, i++, f.handlingTime());
        insert.setBoolean(i++, f.callbackRequested());
        insert.setBoolean(i++, f.callbackReached());
        insert.setBoolean(i++, f.transferred());
        if (f.satisfaction().isPresent()) {
            insert.setShort(i++, (short) f.satisfaction().getAsInt());
        } else {
            insert.setNull(i++, Types.SMALLINT);
        }
        return i;
    }

    /** Reads the facts of the current row of a {@code select COLUMNS from imported_record}. */
    static ContactFacts read(ResultSet rs) throws SQLException {
        int i = 1;
        String key = rs.getString(i++);
        String administration = rs.getString(i++);
        String service = rs.getString(i++);
        String number = rs.getString(i++);
        Channel channel = Channel.valueOf(rs.getString(i++));
        Instant receivedAt = rs.getObject(i++, OffsetDateTime.class).toInstant();
        boolean inHours = rs.getBoolean(i++);
        boolean selfService = rs.getBoolean(i++);
        boolean entered = rs.getBoolean(i++);
        Optional<Duration> speed = millis(rs, i++);
        String place = rs.getString(i++);
        Optional<Duration> abandonWait = millis(rs, i++);
        boolean refused = rs.getBoolean(i++);
        Optional<Duration> handling = millis(rs, i++);
        boolean callbackRequested = rs.getBoolean(i++);
        boolean callbackReached = rs.getBoolean(i++);
        boolean transferred = rs.getBoolean(i++);
        int satisfaction = rs.getInt(i);
        OptionalInt score = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(satisfaction);
        Optional<Abandonment> abandonment = place == null ? Optional.empty()
                : Optional.of(new Abandonment(Abandonment.Place.valueOf(place), abandonWait.orElse(Duration.ZERO)));
        return new ContactFacts(key, administration, service, number, channel, receivedAt, inHours, selfService, entered,
                speed, abandonment, refused, handling, callbackRequested, callbackReached, transferred, score);
    }

    private static void setMillis(PreparedStatement statement, int index, Optional<Duration> d) throws SQLException {
        if (d.isPresent()) {
            statement.setLong(index, d.get().toMillis());
        } else {
            statement.setNull(index, Types.BIGINT);
        }
    }

    private static Optional<Duration> millis(ResultSet rs, int index) throws SQLException {
        long v = rs.getLong(index);
        return rs.wasNull() ? Optional.empty() : Optional.of(Duration.ofMillis(v));
    }
}
