package fr.accueil.telephony.ivr;

import fr.accueil.core.contact.Channel;
import fr.accueil.core.contact.ContactEvent;
import fr.accueil.core.contact.ContactId;
import fr.accueil.core.contact.ContactJournal;
import fr.accueil.core.contact.ContactStart;
import fr.accueil.core.contact.EndReason;
import fr.accueil.core.contact.Outcome;
import fr.accueil.core.contact.Side;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one contact's life to the journal: opened once, events in order, closed exactly once.
 * Used from the call's own thread only. A journal failure is logged and does not break the call:
 * the caller is still served, and the error is loud in the logs.
 */
final class ContactRecorder {
    private static final Logger log = LoggerFactory.getLogger(ContactRecorder.class);

    private final ContactJournal journal;
    private final Clock clock;
    private final ContactId id;
    private final String callId;
    private boolean closed;

    private ContactRecorder(ContactJournal journal, Clock clock, ContactId id, String callId) {
        this.journal = journal;
        this.clock = clock;
        this.id = id;
        this.callId = callId;
    }

    static ContactRecorder open(ContactJournal journal, Clock clock, String callId, Instant startedAt, String administration,
                                String service, String dialled, String callerPseudonym) {
        ContactRecorder recorder = new ContactRecorder(journal, clock, ContactId.random(), callId);
        try {
            journal.open(new ContactStart(recorder.id, Channel.PHONE, administration, service, dialled, callerPseudonym, startedAt));
        } catch (RuntimeException e) {
            log.error("[{}] contact {} could not be opened in the journal", callId, recorder.id, e);
        }
        return recorder;
    }

    ContactId id() {
        return id;
    }

    Instant now() {
        return clock.instant();
    }

    void record(ContactEvent event) {
        try {
            journal.append(id, event);
        } catch (RuntimeException e) {
            log.error("[{}] contact {}: event {} not journaled", callId, id, event.type(), e);
        }
    }

    void close(Outcome outcome, EndReason reason, Side side) {
        if (closed) {
            return;
        }
        closed = true;
        Instant at = clock.instant();
        record(new ContactEvent.Ended(at, reason, side));
        try {
            journal.close(id, outcome, at);
        } catch (RuntimeException e) {
            log.error("[{}] contact {} could not be closed in the journal (outcome {})", callId, id, outcome, e);
        }
    }
}
