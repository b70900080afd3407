package fr.accueil.server.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.accueil.core.callback.CallbackBook;
import fr.accueil.core.callback.CallbackRequest;
import fr.accueil.core.contact.ContactId;
import fr.accueil.core.routing.QueueId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CallbackBook} on a database must do, run against H2 and PostgreSQL. Instants are
 * whole milliseconds or microseconds: the databases keep microseconds.
 */
public interface CallbackBookContract {
    Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    QueueId QUEUE = new QueueId("caf-prestations");

    /** The book under test, on an empty migrated database. */
    CallbackBook book();

    /** The database under the book, to look at the stored rows. */
    DataSource dataSource();

    /** Closes the book's data source (pool) and opens a new one on the same database: what a restart sees. */
    CallbackBook reopen();

    private static CallbackRequest request(Instant enqueuedAt, String number) {
        return new CallbackRequest(ContactId.random(), QUEUE, number, enqueuedAt, enqueuedAt.plusSeconds(60), 0,
                enqueuedAt.plusSeconds(60));
    }

    @Test
    default void a_saved_request_is_found_with_every_field() {
        CallbackRequest r = new CallbackRequest(ContactId.random(), new QueueId("mairie-etat-civil"), "+33612345678",
                T0.plusNanos(123_456_000), T0.plusSeconds(75), 2, T0.plusSeconds(1_200));
        book().save(r);
        assertThat(book().find(r.contact())).contains(r);
        assertThat(book().find(ContactId.random())).isEmpty();
    }

    @Test
    default void saving_again_replaces_the_request_of_its_contact() {
        CallbackRequest first = request(T0, "+33612345678");
        book().save(first);
        CallbackRequest afterAttempt = first.afterAttempt(T0.plusSeconds(900));
        book().save(afterAttempt);
        CallbackRequest otherNumber = new CallbackRequest(first.contact(), new QueueId("caf-general"), "+33140000000",
                first.enqueuedAt(), first.requestedAt(), 1, T0.plusSeconds(901));
        book().save(otherNumber);

        assertThat(book().find(first.contact())).contains(otherNumber);
        assertThat(book().pending()).containsExactly(otherNumber);
        assertThat(rowsWithNumber("+33612345678")).as("the replaced number is gone").isZero();
    }

    @Test
    default void pending_lists_every_request_oldest_arrival_first_whatever_the_order_of_saving() {
        CallbackRequest late = request(T0.plusSeconds(300), "+33600000003");
        CallbackRequest early = request(T0, "+33600000001");
        CallbackRequest middle = request(T0.plusSeconds(100), "+33600000002");
        // Same arrival: the earlier request goes first.
        CallbackRequest sameArrivalLaterRequest = new CallbackRequest(ContactId.random(), QUEUE, "+33600000004",
                T0.plusSeconds(100), T0.plusSeconds(500), 0, T0.plusSeconds(500));
        book().save(late);
        book().save(sameArrivalLaterRequest);
        book().save(early);
        book().save(middle);
        assertThat(book().pending()).containsExactly(early, middle, sameArrivalLaterRequest, late);
        // A replaced request keeps its place: its arrival did not change.
        book().save(early.afterAttempt(T0.plusSeconds(5_000)));
        assertThat(book().pending()).extracting(CallbackRequest::contact)
                .containsExactly(early.contact(), middle.contact(), sameArrivalLaterRequest.contact(), late.contact());
    }

    @Test
    default void remove_erases_the_request_and_its_number() throws SQLException {
        CallbackRequest kept = request(T0, "+33600000001");
        CallbackRequest done = request(T0.plusSeconds(1), "+33698765432");
        book().save(kept);
        book().save(done);
        assertThat(rowsWithNumber("+33698765432")).isEqualTo(1);

        book().remove(done.contact());
        assertThat(book().find(done.contact())).isEmpty();
        assertThat(book().pending()).containsExactly(kept);
        assertThat(rowsWithNumber("+33698765432")).as("no copy of the number is left in the table").isZero();
        book().remove(done.contact()); // again: nothing to do
        book().remove(ContactId.random());
        assertThat(book().pending()).containsExactly(kept);
    }

    @Test
    default void requests_survive_a_reopen_of_the_data_source() {
        CallbackRequest a = request(T0, "+33600000001");
        CallbackRequest b = request(T0.plusSeconds(10), "+262262123456");
        book().save(a);
        book().save(b);
        book().remove(a.contact());

        CallbackBook reopened = reopen();
        assertThat(reopened.pending()).containsExactly(b);
        assertThat(reopened.find(b.contact())).contains(b);
    }

    @Test
    default void saves_from_many_threads_are_all_kept() throws Exception {
        CallbackBook book = book();
        List<Future<CallbackRequest>> saved = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 64; i++) {
                Instant at = T0.plus(Duration.ofMillis(i));
                saved.add(callers.submit(() -> {
                    CallbackRequest r = request(at, "+336000000" + String.format("%02d", at.getNano() / 1_000_000));
                    book.save(r);
                    book.save(r.afterAttempt(at.plusSeconds(600)));
                    return r.afterAttempt(at.plusSeconds(600));
                }));
            }
        }
        List<CallbackRequest> expected = new ArrayList<>();
        for (Future<CallbackRequest> f : saved) {
            expected.add(f.get());
        }
        assertThat(book.pending()).containsExactlyElementsOf(expected);
    }

    @Test
    default void a_failure_does_not_put_the_number_in_the_message() {
        String tooLong = "+3361234567812345678901234567890123456789"; // longer than the column
        CallbackRequest r = request(T0, tooLong);
        assertThatThrownBy(() -> book().save(r)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(r.contact().toString())
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain("612345678");
                    }
                });
        assertThat(book().find(r.contact())).isEmpty();
    }

    private int rowsWithNumber(String number) {
        try (Connection c = dataSource().getConnection();
             PreparedStatement select = c.prepareStatement("select count(*) from callback_request where number = ?")) {
            select.setString(1, number);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
