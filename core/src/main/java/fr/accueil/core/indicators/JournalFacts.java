package fr.accueil.core.indicators;

import fr.accueil.core.contact.Contact;
import fr.accueil.core.contact.ContactEvent;
import fr.accueil.core.contact.ContactEvent.Abandoned;
import fr.accueil.core.contact.ContactEvent.AgentAnswered;
import fr.accueil.core.contact.ContactEvent.AgentLost;
import fr.accueil.core.contact.ContactEvent.CallbackRequested;
import fr.accueil.core.contact.ContactEvent.Ended;
import fr.accueil.core.contact.ContactEvent.Enqueued;
import fr.accueil.core.contact.ContactEvent.MenuEntered;
import fr.accueil.core.contact.ContactEvent.SurveyAnswered;
import fr.accueil.core.contact.ContactEvent.TransferredByAgent;
import fr.accueil.core.contact.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Reads the facts of an ended contact recorded in Accueil's own journal (IVR front door and queues),
 * following the outcome table of docs/indicators.md: the <em>outcome</em> decides which branch of the
 * definition the contact falls in (presented, handled, abandon, overflow, callback…), and the
 * <em>events</em> give the times (speed of answer, handling time, abandon wait), transfers by an agent
 * and the survey score.
 *
 * <p>Never throws for odd event sequences: it runs inside the journal's transaction that closes the
 * contact, where a failure would cost the record itself. A missing time falls back (documented per
 * rule) and a negative span counts as zero, so the {@link ContactFacts} invariants always hold.
 * Stateless.
 */
public final class JournalFacts {
    /** Source key prefix of contacts recorded by Accueil itself. */
    public static final String SOURCE = "accueil:";

    private JournalFacts() {
    }

    /** @throws IllegalArgumentException if the contact is still in progress */
    public static ContactFacts of(Contact contact) {
        Outcome outcome = contact.outcome().orElseThrow(
                () -> new IllegalArgumentException("contact " + contact.id() + " is still in progress"));
        Instant ended = contact.endedAt().orElse(contact.startedAt());
        List<ContactEvent> events = contact.events();
        var b = ContactFacts.builder(SOURCE + contact.id(), contact.administration(), contact.service(),
                contact.dialled() == null ? "" : contact.dialled(), contact.channel(), contact.startedAt());
        switch (outcome) {
            case CLOSED_HOURS -> b.outsideOpeningHours();
            case SELF_SERVICE_COMPLETED -> b.selfServiceCompleted();
            // NO_INPUT: the menu's failure branch hung up after the caller gave no valid choice; the
            // outcome table counts it as an IVR abandon.
            case ABANDONED_IN_IVR, NO_INPUT -> b.abandonedInIvr(span(contact.startedAt(), ended));
            case REFUSED_AT_CAPACITY -> b.refusedAtCapacity();
            case TRANSFERRED -> b.transferred();
            case HANDLED_BY_AGENT -> {
                Instant entered = firstEntry(events, contact.startedAt());
                AgentAnswered answer = first(events, AgentAnswered.class);
                // An agent-handled contact without its answer event is malformed; the outcome still
                // counts it as handled (the runtime decided so), with no wait and no talk time rather
                // than invented ones.
                b.answeredAfter(answer == null ? Duration.ZERO : span(entered, answer.at()));
                if (answer != null) {
                    b.handledFor(talkTime(events, ended));
                }
            }
            case ABANDONED_IN_QUEUE -> b.abandonedInQueue(queueWait(events, contact.startedAt(), ended));
            // Sent elsewhere by the queue (another queue's own contact, a number, a message): presented
            // here and not handled; not an abandon, the caller did not give up.
            case OVERFLOWED -> b.enteredQueueOrAskedAgent();
            // Counted once, on this original contact: the callback's own AgentAnswered events are the
            // citizen picking up, not this call being connected, so there is no speed of answer.
            case CALLBACK_COMPLETED -> b.callbackReached();
            case CALLBACK_FAILED -> b.callbackRequested();
            // Technical failures: received in opening hours (they weigh on the global rate); presented
            // too when they had entered a queue, never handled.
            case FAILED, INTERRUPTED -> {
                if (first(events, CallbackRequested.class) != null) {
                    b.callbackRequested();
                } else if (first(events, Enqueued.class) != null) {
                    b.enteredQueueOrAskedAgent();
                }
            }
        }
        if (first(events, TransferredByAgent.class) != null) {
            b.transferred();
        }
        SurveyAnswered survey = last(events, SurveyAnswered.class);
        if (survey != null) {
            b.satisfaction(survey.score());
        }
        return b.build();
    }

    /** When the contact asked for an agent: its first queue entry, or a web callback request; else its start. */
    private static Instant firstEntry(List<ContactEvent> events, Instant fallback) {
        for (ContactEvent e : events) {
            if (e instanceof Enqueued || e instanceof CallbackRequested) {
                return e.at();
            }
        }
        return fallback;
    }

    /**
     * From the first queue entry to the abandon (its event, else the contact's end, which covers a
     * hang-up while an agent's phone rang). Measured from the first entry rather than the event's own
     * {@code waitMillis} so that a contact moved between queues counts its whole wait, like the speed
     * of answer; the event's figure is used only when no entry was recorded.
     */
    private static Duration queueWait(List<ContactEvent> events, Instant started, Instant ended) {
        Abandoned abandoned = last(events, Abandoned.class);
        Instant entered = firstEntry(events, null);
        if (entered == null) {
            return abandoned != null ? Duration.ofMillis(Math.max(0, abandoned.waitMillis())) : span(started, ended);
        }
        return span(entered, abandoned != null ? abandoned.at() : ended);
    }

    /**
     * Talk time: each answer to the end of that conversation, summed (an agent's phone lost mid-call
     * re-queues the caller, whose next answer starts a new conversation). A conversation ends at the
     * agent's transfer, the loss of the agent's phone, the post-call survey (played after the agent
     * hung up: its menu or answer is not talk) or the end of the contact.
     */
    private static Duration talkTime(List<ContactEvent> events, Instant ended) {
        Duration total = Duration.ZERO;
        Instant talking = null;
        for (ContactEvent e : events) {
            if (talking == null && e instanceof AgentAnswered a) {
                talking = a.at();
            } else if (talking != null && endsTalk(e)) {
                total = total.plus(span(talking, e.at()));
                talking = null;
            }
        }
        if (talking != null) {
            total = total.plus(span(talking, ended));
        }
        return total;
    }

    private static boolean endsTalk(ContactEvent e) {
        return e instanceof TransferredByAgent || e instanceof AgentLost || e instanceof SurveyAnswered
                || e instanceof MenuEntered || e instanceof Ended;
    }

    private static Duration span(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static <E extends ContactEvent> E first(List<ContactEvent> events, Class<E> kind) {
        for (ContactEvent e : events) {
            if (kind.isInstance(e)) {
                return kind.cast(e);
            }
        }
        return null;
    }

    private static <E extends ContactEvent> E last(List<ContactEvent> events, Class<E> kind) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (kind.isInstance(events.get(i))) {
                return kind.cast(events.get(i));
            }
        }
        return null;
    }
}
