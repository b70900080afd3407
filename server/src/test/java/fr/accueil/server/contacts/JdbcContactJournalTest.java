package fr.accueil.server.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import fr.accueil.core.contact.Channel;
import fr.accueil.core.contact.Contact;
import fr.accueil.core.contact.ContactEvent;
import fr.accueil.core.contact.ContactId;
import fr.accueil.core.contact.ContactStart;
import fr.accueil.core.contact.Outcome;
import fr.accueil.server.contacts.internal.JdbcContactJournal;
import fr.accueil.server.testing.TestDatabases;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC journal's failure handling, beyond the port's contract. */
class JdbcContactJournalTest {
    static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    @TempDir
    Path dir;
    HikariDataSource h2;

    @BeforeEach
    void start() {
        h2 = TestDatabases.h2(dir);
    }

    @AfterEach
    void stop() {
        h2.close();
    }

    private static ContactStart start(ContactId id) {
        return new ContactStart(id, Channel.PHONE, "caf", "svc", "+33199000100", "x", T0);
    }

    @Test
    void a_batch_that_fails_for_a_transient_reason_is_retried_until_it_commits() {
        FlakyDataSource flaky = new FlakyDataSource(h2, 3);
        try (JdbcContactJournal journal = new JdbcContactJournal(flaky, 64, 100)) {
            ContactId id = ContactId.random();
            journal.open(start(id));
            journal.close(id, Outcome.SELF_SERVICE_COMPLETED, T0.plusSeconds(1));
            assertThat(flaky.failures.get()).isEqualTo(3);
            assertThat(journal.find(id).orElseThrow().outcome()).contains(Outcome.SELF_SERVICE_COMPLETED);
        }
    }

    @Test
    void a_command_the_database_refuses_fails_its_own_close_and_the_others_are_written() {
        try (JdbcContactJournal journal = new JdbcContactJournal(h2, 64, 100)) {
            ContactId first = ContactId.random();
            journal.open(start(first));
            journal.close(first, Outcome.FAILED, T0);

            ContactId good = ContactId.random();
            journal.open(start(first)); // the same id again: the primary key refuses it
            journal.open(start(good));
            assertThatThrownBy(() -> journal.close(first, Outcome.FAILED, T0))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("could not be closed durably");
            journal.close(good, Outcome.CLOSED_HOURS, T0);
            assertThat(journal.find(good).orElseThrow().outcome()).contains(Outcome.CLOSED_HOURS);
        }
    }

    @Test
    void after_shut_down_the_journal_refuses_new_contacts() {
        JdbcContactJournal journal = new JdbcContactJournal(h2, 64, 100);
        journal.close();
        assertThatThrownBy(() -> journal.open(start(ContactId.random()))).isInstanceOf(IllegalStateException.class)
                .hasMessage("the contact journal is shut down");
    }

    @Test
    void a_failing_close_listener_never_costs_a_contact_neither_in_a_batch_nor_at_restart() {
        java.util.concurrent.atomic.AtomicInteger told = new java.util.concurrent.atomic.AtomicInteger();
        ClosedContactsListener failing = (connection, closed) -> {
            told.incrementAndGet();
            // Written on the journal's connection first, so that the test sees it undone with the batch.
            try (var s = connection.createStatement()) {
                s.execute("insert into contact (id, channel, started_at) values (random_uuid(), 'PHONE', current_timestamp)");
            }
            throw new SQLException("roll-ups are broken", "42S02");
        };
        ContactId closed = ContactId.random();
        ContactId cut = ContactId.random();
        try (JdbcContactJournal journal = new JdbcContactJournal(h2, 64, 100, failing)) {
            journal.open(start(closed));
            journal.close(closed, Outcome.SELF_SERVICE_COMPLETED, T0.plusSeconds(1));
            assertThat(journal.find(closed).orElseThrow().outcome()).contains(Outcome.SELF_SERVICE_COMPLETED);
            journal.open(start(cut));
        }
        try (JdbcContactJournal restarted = new JdbcContactJournal(h2, 64, 100, failing)) {
            assertThat(restarted.closeInterrupted(T0.plusSeconds(60))).isEqualTo(1);
            assertThat(restarted.find(cut).orElseThrow().outcome()).contains(Outcome.INTERRUPTED);
            assertThat(restarted.find(closed).orElseThrow().outcome()).contains(Outcome.SELF_SERVICE_COMPLETED);
        }
        assertThat(told).as("told once per transaction, then written without it").hasValue(2);
        try (var c = h2.getConnection(); var s = c.createStatement(); var rs = s.executeQuery("select count(*) from contact")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the listener's own writes were rolled back").isEqualTo(2);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void the_close_listener_hears_the_end_of_each_transaction_after_its_commit_and_after_a_failure() {
        // What another connection sees when the listener hears the end: the contact committed, or nothing yet.
        List<String> ends = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean fail = new java.util.concurrent.atomic.AtomicBoolean();
        ClosedContactsListener listener = new ClosedContactsListener() {
            @Override
            public void closed(java.sql.Connection connection, List<Contact> closed) throws SQLException {
                if (fail.get()) {
                    throw new SQLException("roll-ups are broken", "42S02");
                }
            }

            @Override
            public void completed() {
                try (var c = h2.getConnection(); var s = c.createStatement();
                     var rs = s.executeQuery("select count(*) from contact where outcome is not null")) {
                    rs.next();
                    ends.add((fail.get() ? "failed: " : "ok: ") + rs.getInt(1) + " closed");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        try (JdbcContactJournal journal = new JdbcContactJournal(h2, 64, 100, listener)) {
            ContactId first = ContactId.random();
            journal.open(start(first));
            journal.close(first, Outcome.SELF_SERVICE_COMPLETED, T0.plusSeconds(1));
            fail.set(true);
            ContactId second = ContactId.random();
            journal.open(start(second));
            journal.close(second, Outcome.SELF_SERVICE_COMPLETED, T0.plusSeconds(2));
        }
        assertThat(ends).as("after the commit; after the failure, before the batch is written again without the listener")
                .containsExactly("ok: 1 closed", "failed: 1 closed");
    }

    @Test
    void the_close_listener_sees_each_contact_with_its_events_on_close_and_at_restart() {
        List<Contact> seen = new CopyOnWriteArrayList<>();
        ClosedContactsListener listener = (connection, closed) -> seen.addAll(closed);
        ContactId answered = ContactId.random();
        ContactId interrupted = ContactId.random();
        List<ContactEvent> queued = List.of(
                new ContactEvent.Received(T0, "+33199000100", "0199000100"),
                new ContactEvent.Enqueued(T0.plusSeconds(5), "svc", 1),
                new ContactEvent.AgentAnswered(T0.plusSeconds(25), "svc", "agent-1"));
        try (JdbcContactJournal journal = new JdbcContactJournal(h2, 64, 100, listener)) {
            journal.open(start(answered));
            queued.forEach(e -> journal.append(answered, e));
            journal.close(answered, Outcome.HANDLED_BY_AGENT, T0.plusSeconds(200));
            journal.open(start(interrupted));
            queued.forEach(e -> journal.append(interrupted, e));
        }
        assertThat(seen).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(answered);
            assertThat(c.events()).containsExactlyElementsOf(queued);
        });
        try (JdbcContactJournal restarted = new JdbcContactJournal(h2, 64, 100, listener)) {
            assertThat(restarted.closeInterrupted(T0.plusSeconds(3600))).isEqualTo(1);
        }
        assertThat(seen).hasSize(2).last().satisfies(c -> {
            assertThat(c.id()).isEqualTo(interrupted);
            assertThat(c.outcome()).contains(Outcome.INTERRUPTED);
            assertThat(c.events()).startsWith(queued.toArray(ContactEvent[]::new)).hasSize(queued.size() + 1);
        });
    }

    /** Refuses the first {@code failures} connections as a pool timing out would. */
    static final class FlakyDataSource implements DataSource {
        final DataSource delegate;
        final AtomicInteger failures = new AtomicInteger();
        final int toFail;

        FlakyDataSource(DataSource delegate, int toFail) {
            this.delegate = delegate;
            this.toFail = toFail;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (failures.get() < toFail) {
                failures.incrementAndGet();
                throw new SQLTransientConnectionException("connection is not available, request timed out");
            }
            return delegate.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
