package fr.accueil.server.callbacks;

import fr.accueil.core.callback.CallbackBook;
import fr.accueil.core.callback.CallbackRequest;
import fr.accueil.core.contact.ContactId;
import fr.accueil.core.routing.QueueId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The callback book on JDBC (H2 or PostgreSQL, table {@code callback_request} of V3): one row per
 * contact awaiting its callback, committed before {@link #save} and {@link #remove} return.
 *
 * <p>Personal data: the number is stored only here. {@link #remove} deletes the row, which erases the
 * number (PostgreSQL reclaims the dead row at its next vacuum; H2 rewrites the page). Neither the number
 * nor a request's full content is ever logged or put in an exception message by this class
 * ({@link CallbackRequest#toString()} leaves the number out too).
 *
 * <p>Times are stored to the microsecond (the finest both databases keep), truncated on save so that
 * what {@link #find} returns is what was saved, for times of microsecond precision or coarser.
 *
 * <p>Thread-safe: every call runs on the caller's thread with its own connection from the pool.
 */
public final class JdbcCallbackBook implements CallbackBook {
    private static final String COLUMNS = "contact_id, queue, number, enqueued_at, requested_at, attempts, not_before";
    /** SQLState of a unique or primary key violation, in both databases. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    public JdbcCallbackBook(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Update first, insert when there was no row; a concurrent insert of the same contact (two savers
     * racing, which the runtime does not do) makes the insert fail on the key, and the update is tried
     * again.
     */
    @Override
    public void save(CallbackRequest request) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            for (int attempt = 1; ; attempt++) {
                if (update(connection, request) > 0) {
                    return;
                }
                try {
                    insert(connection, request);
                    return;
                } catch (SQLException e) {
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt >= 3) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("save the callback request of contact " + request.contact(), e);
        }
    }

    private static int update(Connection connection, CallbackRequest r) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update callback_request set queue = ?, number = ?, enqueued_at = ?, requested_at = ?, attempts = ?, "
                        + "not_before = ? where contact_id = ?")) {
            update.setString(1, r.queue().value());
            update.setString(2, r.number());
            update.setObject(3, timestamp(r.enqueuedAt()));
            update.setObject(4, timestamp(r.requestedAt()));
            update.setInt(5, r.attempts());
            update.setObject(6, timestamp(r.notBefore()));
            update.setObject(7, r.contact().value());
            return update.executeUpdate();
        }
    }

    private static void insert(Connection connection, CallbackRequest r) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into callback_request (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, r.contact().value());
            insert.setString(2, r.queue().value());
            insert.setString(3, r.number());
            insert.setObject(4, timestamp(r.enqueuedAt()));
            insert.setObject(5, timestamp(r.requestedAt()));
            insert.setInt(6, r.attempts());
            insert.setObject(7, timestamp(r.notBefore()));
            insert.executeUpdate();
        }
    }

    @Override
    public Optional<CallbackRequest> find(ContactId contact) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select " + COLUMNS + " from callback_request where contact_id = ?")) {
            select.setObject(1, contact.value());
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read the callback request of contact " + contact, e);
        }
    }

    @Override
    public List<CallbackRequest> pending() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select " + COLUMNS + " from callback_request order by enqueued_at, requested_at, contact_id")) {
            List<CallbackRequest> out = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("list the pending callbacks", e);
        }
    }

    @Override
    public void remove(ContactId contact) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("delete from callback_request where contact_id = ?")) {
            connection.setAutoCommit(true);
            delete.setObject(1, contact.value());
            delete.executeUpdate();
        } catch (SQLException e) {
            throw failure("remove the callback request of contact " + contact, e);
        }
    }

    private static CallbackRequest read(ResultSet rs) throws SQLException {
        return new CallbackRequest(new ContactId(rs.getObject("contact_id", UUID.class)), new QueueId(rs.getString("queue")),
                rs.getString("number"), instant(rs, "enqueued_at"), instant(rs, "requested_at"), rs.getInt("attempts"),
                instant(rs, "not_before"));
    }

    /**
     * The message names the operation and the database's error class, not its text: a driver may quote
     * the statement's parameter values, the number among them.
     */
    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("cannot " + what + " (SQLState " + e.getSQLState() + ", "
                + e.getClass().getSimpleName() + ")");
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
