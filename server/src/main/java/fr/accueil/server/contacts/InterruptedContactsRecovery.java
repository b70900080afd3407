package fr.accueil.server.contacts;

import fr.accueil.core.callback.CallbackBook;
import fr.accueil.core.contact.ContactId;
import fr.accueil.core.contact.ContactJournal;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Closes, at start-up, the contacts the previous process left open (crash, kill): outcome
 * INTERRUPTED, events kept; except the contacts awaiting a callback still in the callback book, which
 * the queue runtime resumes (decision 0022). It runs before any call is taken, so that the count it logs is exactly
 * the previous run's loss (the journal also skips contacts it has open itself, as a safety net).
 *
 * <p>Ordering: this lifecycle runs in phase {@link #PHASE}; the telephony lifecycle (SIP listener)
 * must use a later phase, e.g. {@link #TELEPHONY_PHASE}. Spring starts lifecycles in ascending
 * phase order, and only after every singleton (journal, Flyway migration) is ready.
 */
public final class InterruptedContactsRecovery implements SmartLifecycle {
    /** Before the web server and telephony. */
    public static final int PHASE = Integer.MIN_VALUE + 1000;
    /** A phase for the telephony that starts after the recovery. */
    public static final int TELEPHONY_PHASE = 0;

    private static final Logger log = LoggerFactory.getLogger(InterruptedContactsRecovery.class);

    private final ContactJournal journal;
    private final CallbackBook callbacks;
    private final Clock clock;
    private volatile boolean running;
    private volatile int closed = -1;

    public InterruptedContactsRecovery(ContactJournal journal, Clock clock) {
        this(journal, null, clock);
    }

    /**
     * @param callbacks the callback book, or null: a contact awaiting its callback stays open when its
     *                  request is in the book (the queue runtime resumes it), and is closed as INTERRUPTED
     *                  when it is not (nobody would ever call back). Without a book, every awaiting
     *                  contact stays open.
     */
    public InterruptedContactsRecovery(ContactJournal journal, CallbackBook callbacks, Clock clock) {
        this.journal = journal;
        this.callbacks = callbacks;
        this.clock = clock;
    }

    @Override
    public void start() {
        if (callbacks == null) {
            closed = journal.closeInterrupted(clock.instant());
        } else {
            Set<ContactId> pending = new HashSet<>();
            callbacks.pending().forEach(r -> pending.add(r.contact()));
            closed = journal.closeInterrupted(clock.instant(), pending::contains);
        }
        if (closed > 0) {
            log.warn("{} contact(s) left open by the previous run closed (INTERRUPTED, or their callback's outcome)", closed);
        } else {
            log.info("No contact left open by the previous run");
        }
        running = true;
    }

    /** How many contacts the start-up closed; -1 before it ran. */
    public int closedAtStart() {
        return closed;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
