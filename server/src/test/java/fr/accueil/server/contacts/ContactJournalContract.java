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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    /** One event of every type, in a plausible order, each with every field set (nulls where a field may be null). */
    static List<ContactEvent> everyEventType(Instant at) {
        return List.of(
                new ContactEvent.Received(at, "+33199000100", "0199000100"),
                new ContactEvent.LinkedFrom(at.plusMillis(5), "7d444840-9dc0-11d1-b245-5ffdce74fad2", "transfer"),
                new ContactEvent.MenuEntered(at.plusMillis(10), "main"),
                new ContactEvent.InputFailed(at.plusMillis(20), "main", "time-out"),
                new ContactEvent.KeyPressed(at.plusMillis(30), "main", '*'),
                new ContactEvent.MessagePlayed(at.plusMillis(40), "demo/caf/horaires", true),
                new ContactEvent.Enqueued(at.plusMillis(41), "caf-prestations", 3),
                new ContactEvent.Offered(at.plusMillis(42), "caf-prestations", "agent-1"),
                new ContactEvent.AgentNoAnswer(at.plusMillis(43), "agent-1", "no-answer"),
                new ContactEvent.Offered(at.plusMillis(44), null, "agent-2"),
                new ContactEvent.AgentAnswered(at.plusMillis(45), "caf-prestations", "agent-2"),
                new ContactEvent.AgentLost(at.plusMillis(46), "agent-2", null),
                new ContactEvent.Overflowed(at.plusMillis(47), "caf-prestations", "queue:caf-general", "max-wait"),
                new ContactEvent.Enqueued(at.plusMillis(48), "caf-general", 1),
                new ContactEvent.Abandoned(at.plusMillis(49), "caf-general", 123_456L),
                new ContactEvent.CallbackRequested(at.plusMillis(50), "caf-general", false),
                new ContactEvent.CallbackAttempt(at.plusMillis(51), 1, "agent-3", "no-answer"),
                new ContactEvent.CallbackAttempt(at.plusMillis(52), 2, null, "refused-by-policy"),
                new ContactEvent.CallbackFailed(at.plusMillis(53), 2, "attempts-exhausted"),
                new ContactEvent.CallbackCompleted(at.plusMillis(54), "agent-3"),
                new ContactEvent.TransferredByAgent(at.plusMillis(55), "agent-3", "queue:etat-civil", null),
                new ContactEvent.TransferredByAgent(at.plusMillis(56), "agent-3", "number:+33199000200",
                        "0f8fad5b-d9cb-469f-a165-70867728950e"),
                new ContactEvent.SurveyAnswered(at.plusMillis(57), 4),
                new ContactEvent.TransferRequested(at.plusMillis(58), "+33199000200"),
                new ContactEvent.Ended(at.plusMillis(60), EndReason.TRANSFERRED, Side.SYSTEM));
    }

    @Test
    default void the_sample_holds_every_event_type_so_each_one_is_round_tripped() {
        Set<Class<?>> sampled = new HashSet<>();
        everyEventType(T0).forEach(e -> sampled.add(e.getClass()));
        assertThat(sampled).containsExactlyInAnyOrder(ContactEvent.class.getPermittedSubclasses());
    }

    @Test
    default void every_outcome_and_end_reason_reads_back() {
        ContactJournal journal = journal();
        List<ContactStart> starts = new ArrayList<>();
        for (Outcome outcome : Outcome.values()) {
            ContactStart start = start("caf-prestations", T0);
            journal.open(start);
            EndReason reason = EndReason.values()[outcome.ordinal() % EndReason.values().length];
            journal.append(start.id(), new ContactEvent.Ended(T0.plusSeconds(1), reason, Side.AGENT));
            journal.close(start.id(), outcome, T0.plusSeconds(1));
            starts.add(start);
        }
        for (ContactStart start : starts) {
            Contact c = journal.find(start.id()).orElseThrow();
            assertThat(c.outcome()).contains(Outcome.values()[starts.indexOf(start)]);
        }
        ContactStart reasons = start("caf-prestations", T0);
        journal.open(reasons);
        List<ContactEvent> ends = new ArrayList<>();
        for (EndReason reason : EndReason.values()) {
            ends.add(new ContactEvent.Ended(T0, reason, Side.values()[reason.ordinal() % Side.values().length]));
        }
        ends.forEach(e -> journal.append(reasons.id(), e));
        journal.close(reasons.id(), Outcome.FAILED, T0);
        assertThat(journal.find(reasons.id()).orElseThrow().events()).containsExactlyElementsOf(ends);
    }

    /** Received, queued, a callback asked for: the caller has hung up and the callback is pending. */
    private static List<ContactEvent> awaitingCallback(Instant at) {
        return List.of(
                new ContactEvent.Received(at, "+33199000100", "0199000100"),
                new ContactEvent.Enqueued(at.plusSeconds(5), "caf-prestations", 4),
                new ContactEvent.CallbackRequested(at.plusSeconds(65), "caf-prestations", true),
                new ContactEvent.CallbackAttempt(at.plusSeconds(600), 1, "agent-1", "no-answer"));
    }

    @Test
    default void close_interrupted_leaves_a_contact_awaiting_its_callback_open_and_it_can_be_resumed_and_closed() {
        ContactJournal before = journal();
        ContactStart waiting = start("caf-prestations", T0);
        before.open(waiting);
        awaitingCallback(T0).forEach(e -> before.append(waiting.id(), e));
        ContactStart plain = start("caf-prestations", T0);
        before.open(plain);
        before.append(plain.id(), new ContactEvent.Enqueued(T0.plusSeconds(1), "caf-prestations", 1));

        ContactJournal after = reopen();
        assertThat(after.closeInterrupted(T0.plusSeconds(3600))).as("only the plain contact").isEqualTo(1);
        assertThat(after.find(plain.id()).orElseThrow().outcome()).contains(Outcome.INTERRUPTED);
        Contact stillOpen = after.find(waiting.id()).orElseThrow();
        assertThat(stillOpen.inProgress()).isTrue();
        assertThat(stillOpen.awaitingCallback()).isTrue();
        assertThat(after.closeInterrupted(T0.plusSeconds(7200))).as("and again at the next start").isZero();

        Contact resumed = after.resume(waiting.id()).orElseThrow();
        assertThat(resumed.events()).containsExactlyElementsOf(awaitingCallback(T0));
        assertThatThrownBy(() -> after.resume(waiting.id())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already open");
        List<ContactEvent> rest = List.of(
                new ContactEvent.CallbackAttempt(T0.plusSeconds(1200), 2, "agent-2", "reached"),
                new ContactEvent.AgentAnswered(T0.plusSeconds(1210), "caf-prestations", "agent-2"),
                new ContactEvent.CallbackCompleted(T0.plusSeconds(1400), "agent-2"),
                new ContactEvent.Ended(T0.plusSeconds(1400), EndReason.CALLBACK_DONE, Side.AGENT));
        rest.forEach(e -> after.append(waiting.id(), e));
        // The contact is open in this journal now: a recovery run here leaves it alone, whatever its events.
        assertThat(after.closeInterrupted(T0.plusSeconds(1300))).isZero();
        after.close(waiting.id(), Outcome.CALLBACK_COMPLETED, T0.plusSeconds(1400));

        Contact done = reopen().find(waiting.id()).orElseThrow();
        assertThat(done.outcome()).contains(Outcome.CALLBACK_COMPLETED);
        assertThat(done.endedAt()).contains(T0.plusSeconds(1400));
        List<ContactEvent> all = new ArrayList<>(awaitingCallback(T0));
        all.addAll(rest);
        assertThat(done.events()).as("numbered after the stored events").containsExactlyElementsOf(all);
        assertThat(done.awaitingCallback()).isFalse();
    }

    @Test
    default void close_interrupted_with_the_callback_book_closes_an_awaiting_contact_the_book_does_not_know() {
        ContactJournal before = journal();
        ContactStart inBook = start("caf-prestations", T0);
        ContactStart lost = start("caf-prestations", T0);
        before.open(inBook);
        before.open(lost);
        awaitingCallback(T0).forEach(e -> before.append(inBook.id(), e));
        awaitingCallback(T0).forEach(e -> before.append(lost.id(), e));

        ContactJournal after = reopen();
        assertThat(after.closeInterrupted(T0.plusSeconds(3600), inBook.id()::equals)).isEqualTo(1);
        assertThat(after.find(inBook.id()).orElseThrow().inProgress()).isTrue();
        Contact closed = after.find(lost.id()).orElseThrow();
        assertThat(closed.outcome()).contains(Outcome.INTERRUPTED);
        assertThat(closed.events()).last()
                .isEqualTo(new ContactEvent.Ended(T0.plusSeconds(600), EndReason.INTERRUPTED, Side.SYSTEM));
    }

    @Test
    default void flush_makes_an_open_contact_and_its_events_readable_at_once() {
        ContactJournal journal = journal();
        ContactStart waiting = start("caf-prestations", T0);
        journal.open(waiting);
        journal.append(waiting.id(), new ContactEvent.Enqueued(T0.plusMillis(1), "caf-prestations", 1));
        journal.append(waiting.id(), new ContactEvent.CallbackRequested(T0.plusMillis(2), "caf-prestations", false));

        journal.flush();

        Contact read = journal.find(waiting.id()).orElseThrow();
        assertThat(read.outcome()).isEmpty();
        assertThat(read.events()).extracting(ContactEvent::type).containsExactly("enqueued", "callback-requested");
    }

    @Test
    default void resume_finds_nothing_for_an_unknown_or_ended_contact() {
        ContactJournal journal = journal();
        ContactStart ended = start("caf-prestations", T0);
        journal.open(ended);
        journal.close(ended.id(), Outcome.CALLBACK_FAILED, T0.plusSeconds(1));
        ContactJournal after = reopen();
        assertThat(after.resume(ended.id())).isEmpty();
        assertThat(after.resume(ContactId.random())).isEmpty();
        assertThatThrownBy(() -> after.append(ended.id(), new ContactEvent.MenuEntered(T0, "main")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not open");
    }

    @Test
    default void close_interrupted_gives_a_callback_that_had_ended_its_own_outcome() {
        ContactJournal before = journal();
        ContactStart reached = start("caf-prestations", T0);
        ContactStart failed = start("caf-prestations", T0);
        before.open(reached);
        before.open(failed);
        awaitingCallback(T0).forEach(e -> before.append(reached.id(), e));
        awaitingCallback(T0).forEach(e -> before.append(failed.id(), e));
        ContactEvent completed = new ContactEvent.CallbackCompleted(T0.plusSeconds(900), "agent-1");
        ContactEvent givenUp = new ContactEvent.CallbackFailed(T0.plusSeconds(901), 3, "attempts-exhausted");
        before.append(reached.id(), completed);
        before.append(failed.id(), givenUp);

        ContactJournal after = reopen();
        assertThat(after.closeInterrupted(T0.plusSeconds(3600))).isEqualTo(2);
        Contact r = after.find(reached.id()).orElseThrow();
        assertThat(r.outcome()).contains(Outcome.CALLBACK_COMPLETED);
        assertThat(r.endedAt()).contains(T0.plusSeconds(900));
        assertThat(r.events()).last().isEqualTo(new ContactEvent.Ended(T0.plusSeconds(900), EndReason.CALLBACK_DONE, Side.SYSTEM));
        Contact f = after.find(failed.id()).orElseThrow();
        assertThat(f.outcome()).contains(Outcome.CALLBACK_FAILED);
        assertThat(f.events()).hasSize(awaitingCallback(T0).size() + 2)
                .last().isEqualTo(new ContactEvent.Ended(T0.plusSeconds(901), EndReason.CALLBACK_DONE, Side.SYSTEM));
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
