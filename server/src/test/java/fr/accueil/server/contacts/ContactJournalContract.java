package fr.accueil.server.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.accueil.core.contact.Channel;
import fr.accueil.core.contact.Contact;
import fr.accueil.core.contact.ContactEvent;
import fr.accueil.core.contact.ContactId;
import fr.accueil.core.contact.ContactJournal;
import fr.accueil.core.contact.ContactStart;
import fr.accueil.core.contact.EndReason;
import fr.accueil.core.contact.Outcome;
import fr.accueil.core.contact.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ContactJournal} must do, run against each implementation and database.
 * Instants are whole milliseconds: databases keep microseconds at best.
 */
public interface ContactJournalContract {
    Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    /** The journal under test, on an empty database. */
    ContactJournal journal();

    /**
     * Shuts the current journal down as a stopping server would (pending writes flushed) and
     * returns a new journal on a new connection pool to the same database: what a restart sees.
     */
    ContactJournal reopen();

    private static ContactStart start(String service, Instant at) {
        return new ContactStart(ContactId.random(), Channel.PHONE, "caf-demoville", service, "+33199000100", "a1b2c3", at);
    }

    private static List<ContactEvent> everyEventType(Instant at) {
        return List.of(
                new ContactEvent.Received(at, "+33199000100", "0199000100"),
                new ContactEvent.MenuEntered(at.plusMillis(10), "main"),
                new ContactEvent.InputFailed(at.plusMillis(20), "main", "time-out"),
                new ContactEvent.KeyPressed(at.plusMillis(30), "main", '*'),
                new ContactEvent.MessagePlayed(at.plusMillis(40), "demo/caf/horaires", true),
                new ContactEvent.TransferRequested(at.plusMillis(50), "+33199000200"),
                new ContactEvent.Ended(at.plusMillis(60), EndReason.TRANSFERRED, Side.SYSTEM));
    }

    @Test
    default void a_contact_reads_back_with_every_event_type_in_order_and_its_outcome() {
        ContactJournal journal = journal();
        ContactStart start = start("caf-prestations", T0);
        journal.open(start);
        List<ContactEvent> events = everyEventType(T0);
        events.forEach(e -> journal.append(start.id(), e));
        journal.close(start.id(), Outcome.TRANSFERRED, T0.plusMillis(60));

        Contact contact = journal.find(start.id()).orElseThrow();
        assertThat(contact.id()).isEqualTo(start.id());
        assertThat(contact.channel()).isEqualTo(Channel.PHONE);
        assertThat(contact.administration()).isEqualTo("caf-demoville");
        assertThat(contact.service()).isEqualTo("caf-prestations");
        assertThat(contact.dialled()).isEqualTo("+33199000100");
        assertThat(contact.caller()).isEqualTo("a1b2c3");
        assertThat(contact.startedAt()).isEqualTo(T0);
        assertThat(contact.endedAt()).contains(T0.plusMillis(60));
        assertThat(contact.outcome()).contains(Outcome.TRANSFERRED);
        assertThat(contact.events()).containsExactlyElementsOf(events);
        assertThat(contact.inProgress()).isFalse();
    }

    @Test
    default void an_unknown_contact_is_not_found_and_cannot_be_appended_to() {
        assertThat(journal().find(ContactId.random())).isEmpty();
        assertThatThrownBy(() -> journal().append(ContactId.random(), new ContactEvent.MenuEntered(T0, "main")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not open");
        assertThatThrownBy(() -> journal().close(ContactId.random(), Outcome.FAILED, T0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not open");
    }

    @Test
    default void a_closed_contact_is_durable_when_close_returns() {
        ContactJournal journal = journal();
        ContactStart start = start("caf-prestations", T0);
        journal.open(start);
        journal.append(start.id(), new ContactEvent.Received(T0, "+33199000100", "0199000100"));
        journal.close(start.id(), Outcome.SELF_SERVICE_COMPLETED, T0.plusSeconds(30));
        // Seen by a fresh connection at once, and after a restart.
        assertThat(journal.find(start.id()).orElseThrow().outcome()).contains(Outcome.SELF_SERVICE_COMPLETED);

        ContactJournal restarted = reopen();
        Contact contact = restarted.find(start.id()).orElseThrow();
        assertThat(contact.outcome()).contains(Outcome.SELF_SERVICE_COMPLETED);
        assertThat(contact.events()).hasSize(1);
    }

    @Test
    default void close_interrupted_closes_the_contacts_left_open_and_keeps_their_events() {
        ContactJournal before = journal();
        ContactStart withEvents = start("caf-prestations", T0);
        ContactStart withoutEvents = start("caf-prestations", T0.plusSeconds(1));
        ContactStart completed = start("caf-prestations", T0.plusSeconds(2));
        before.open(withEvents);
        before.append(withEvents.id(), new ContactEvent.Received(T0, "+33199000100", "0199000100"));
        before.append(withEvents.id(), new ContactEvent.MenuEntered(T0.plusSeconds(4), "main"));
        before.open(withoutEvents);
        before.open(completed);
        before.close(completed.id(), Outcome.CLOSED_HOURS, T0.plusSeconds(3));

        ContactJournal after = reopen();
        Instant now = T0.plusSeconds(3600);
        assertThat(after.closeInterrupted(now)).isEqualTo(2);

        Contact interrupted = after.find(withEvents.id()).orElseThrow();
        assertThat(interrupted.outcome()).contains(Outcome.INTERRUPTED);
        assertThat(interrupted.endedAt()).contains(T0.plusSeconds(4));
        assertThat(interrupted.events()).containsExactly(
                new ContactEvent.Received(T0, "+33199000100", "0199000100"),
                new ContactEvent.MenuEntered(T0.plusSeconds(4), "main"),
                new ContactEvent.Ended(T0.plusSeconds(4), EndReason.INTERRUPTED, Side.SYSTEM));

        Contact empty = after.find(withoutEvents.id()).orElseThrow();
        assertThat(empty.outcome()).contains(Outcome.INTERRUPTED);
        assertThat(empty.endedAt()).contains(now);
        assertThat(empty.events()).containsExactly(new ContactEvent.Ended(now, EndReason.INTERRUPTED, Side.SYSTEM));

        assertThat(after.find(completed.id()).orElseThrow().outcome()).contains(Outcome.CLOSED_HOURS);
        assertThat(after.closeInterrupted(now)).as("nothing left to close").isZero();
    }

    @Test
    default void close_interrupted_leaves_the_contacts_this_journal_has_open() {
        ContactJournal journal = journal();
        ContactStart live = start("caf-prestations", T0);
        journal.open(live);
        ContactStart other = start("caf-prestations", T0);
        journal.open(other);
        journal.close(other.id(), Outcome.FAILED, T0); // commits the open of 'live' too (FIFO)

        assertThat(journal.closeInterrupted(T0.plusSeconds(60))).isZero();
        journal.append(live.id(), new ContactEvent.Received(T0, "+33199000100", "0199000100"));
        journal.close(live.id(), Outcome.ABANDONED_IN_IVR, T0.plusSeconds(61));
        assertThat(journal.find(live.id()).orElseThrow().outcome()).contains(Outcome.ABANDONED_IN_IVR);
    }

    @Test
    default void search_filters_by_period_and_service_newest_first_with_paging() {
        ContactJournal journal = journal();
        List<ContactStart> caf = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            caf.add(start("caf-prestations", T0.plus(Duration.ofMinutes(i))));
        }
        ContactStart mairie = start("etat-civil", T0.plus(Duration.ofMinutes(2)).plusSeconds(1));
        ContactStart yesterday = start("caf-prestations", T0.minus(Duration.ofDays(1)));
        List<ContactStart> all = new ArrayList<>(caf);
        all.add(mairie);
        all.add(yesterday);
        for (ContactStart s : all) {
            journal.open(s);
            journal.close(s.id(), Outcome.SELF_SERVICE_COMPLETED, s.startedAt().plusSeconds(10));
        }
        Instant from = T0;
        Instant to = T0.plus(Duration.ofHours(1));

        assertThat(journal.count(from, to, null)).isEqualTo(6);
        assertThat(journal.count(from, to, "caf-prestations")).isEqualTo(5);
        assertThat(journal.count(from, to, "etat-civil")).isEqualTo(1);
        assertThat(journal.count(from, to, "nothing")).isZero();

        List<ContactId> firstPage = journal.search(from, to, "caf-prestations", 0, 2).stream().map(Contact::id).toList();
        List<ContactId> secondPage = journal.search(from, to, "caf-prestations", 2, 2).stream().map(Contact::id).toList();
        List<ContactId> lastPage = journal.search(from, to, "caf-prestations", 4, 2).stream().map(Contact::id).toList();
        assertThat(firstPage).containsExactly(caf.get(4).id(), caf.get(3).id());
        assertThat(secondPage).containsExactly(caf.get(2).id(), caf.get(1).id());
        assertThat(lastPage).containsExactly(caf.get(0).id());

        assertThat(journal.search(from, to, null, 0, 10).stream().map(Contact::id))
                .containsExactly(caf.get(4).id(), caf.get(3).id(), mairie.id(), caf.get(2).id(), caf.get(1).id(), caf.get(0).id());
        assertThat(journal.search(T0.plus(Duration.ofMinutes(1)), T0.plus(Duration.ofMinutes(2)), null, 0, 10).stream().map(Contact::id))
                .as("the period is [from, to)").containsExactly(caf.get(1).id());
    }

    @Test
    default void contacts_from_many_threads_are_all_recorded_with_their_events_in_order() throws Exception {
        ContactJournal journal = journal();
        int threads = 32;
        int contactsPerThread = 40;
        List<Future<List<ContactId>>> results = new ArrayList<>();
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < threads; t++) {
                results.add(calls.submit(() -> {
                    List<ContactId> ids = new ArrayList<>();
                    for (int c = 0; c < contactsPerThread; c++) {
                        ContactStart s = start("caf-prestations", T0.plusMillis(c));
                        journal.open(s);
                        everyEventType(T0).forEach(e -> journal.append(s.id(), e));
                        journal.close(s.id(), Outcome.TRANSFERRED, T0.plusMillis(60));
                        ids.add(s.id());
                    }
                    return ids;
                }));
            }
        }
        List<ContactId> ids = new ArrayList<>();
        for (Future<List<ContactId>> result : results) {
            ids.addAll(result.get());
        }
        assertThat(journal.count(T0, T0.plusSeconds(1), "caf-prestations")).isEqualTo((long) threads * contactsPerThread);
        for (ContactId id : ids.subList(0, ids.size()).stream().filter(i -> i.value().hashCode() % 16 == 0).toList()) {
            assertThat(journal.find(id).orElseThrow().events()).containsExactlyElementsOf(everyEventType(T0));
        }
        assertThat(journal.search(T0, T0.plusSeconds(1), null, 0, 500))
                .hasSize(500).allSatisfy(c -> assertThat(c.events()).hasSize(everyEventType(T0).size()));
    }
}
