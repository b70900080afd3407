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
 * Used by one thread at a time: the call's own thread, then (for a callback) the thread that runs the
 * callback, never both at once. A journal failure is logged and does not break the call: the caller
 * is still served, and the error is loud in the logs.
 */
public final class ContactRecorder {
    private static final Logger log = LoggerFactory.getLogger(ContactRecorder.class);

    private final ContactJournal journal;
    private final Clock clock;
    private final ContactId id;
    private final String callId;
    private final Origin origin;
    private boolean closed;

    /**
     * What the contact knows of where it came from, kept so that a contact linked to it (agent transfer)
     * opens with the same caller and number.
     */
    public record Origin(String administration, String service, String dialled, String sipUser, String callerPseudonym) {
    }

    private ContactRecorder(ContactJournal journal, Clock clock, ContactId id, String callId, Origin origin) {
        this.journal = journal;
        this.clock = clock;
        this.id = id;
        this.callId = callId;
        this.origin = origin;
    }

    /** Opens a new contact in the journal (a phone call, a web callback request, a transferred call). */
    public static ContactRecorder open(ContactJournal journal, Clock clock, Channel channel, String callId, Instant startedAt,
                                       Origin origin) {
        ContactRecorder recorder = new ContactRecorder(journal, clock, ContactId.random(), callId, origin);
        try {
            journal.open(new ContactStart(recorder.id, channel, origin.administration(), origin.service(), origin.dialled(),
                    origin.callerPseudonym(), startedAt));
        } catch (RuntimeException e) {
            log.error("[{}] contact {} could not be opened in the journal", callId, recorder.id, e);
        }
        return recorder;
    }

    /** Goes on writing a contact opened earlier (a pending callback after a restart). */
    public static ContactRecorder resume(ContactJournal journal, Clock clock, ContactId id, Origin origin) {
        return new ContactRecorder(journal, clock, id, "callback-" + id, origin);
    }

    /**
     * Opens the contact that continues this one in another service (agent transfer): same caller, same
     * call; its first events are {@code Received} and {@code LinkedFrom} this contact.
     */
    public ContactRecorder linked(String administration, String service, String reason) {
        Instant now = now();
        Origin next = new Origin(administration, service, origin.dialled(), origin.sipUser(), origin.callerPseudonym());
        ContactRecorder linked = open(journal, clock, Channel.PHONE, callId, now, next);
        linked.record(new ContactEvent.Received(now, origin.dialled(), origin.sipUser()));
        linked.record(new ContactEvent.LinkedFrom(now, id.toString(), reason));
        return linked;
    }

    public ContactId id() {
        return id;
    }

    /** The SIP Call-ID of the inbound call, for logs. */
    public String callId() {
        return callId;
    }

    public Origin origin() {
        return origin;
    }

    public Instant now() {
        return clock.instant();
    }

    public boolean closed() {
        return closed;
    }

    public void record(ContactEvent event) {
        try {
            journal.append(id, event);
        } catch (RuntimeException e) {
            log.error("[{}] contact {}: event {} not journaled", callId, id, event.type(), e);
        }
    }

    public void close(Outcome outcome, EndReason reason, Side side) {
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
