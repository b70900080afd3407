package fr.accueil.core.indicators;

import fr.accueil.core.contact.Contact;
import fr.accueil.core.contact.Outcome;
import java.time.Duration;
import java.time.Instant;

/**
 * Reads the facts of an ended contact recorded by Accueil's telephone front door (the IVR), following
 * the outcome table of docs/indicators.md. The front door has no queues yet, so no contact is
 * presented to an agent; the queue fields stay false or empty until queues and agents record their
 * events. Stateless.
 */
public final class FrontDoorFacts {
    /** Source key prefix of contacts recorded by Accueil itself. */
    public static final String SOURCE = "accueil:";

    private FrontDoorFacts() {
    }

    /** @throws IllegalArgumentException if the contact is still in progress */
    public static ContactFacts of(Contact contact) {
        Outcome outcome = contact.outcome().orElseThrow(
                () -> new IllegalArgumentException("contact " + contact.id() + " is still in progress"));
        Instant ended = contact.endedAt().orElse(contact.startedAt());
        Duration inIvr = Duration.between(contact.startedAt(), ended);
        if (inIvr.isNegative()) {
            inIvr = Duration.ZERO;
        }
        var b = ContactFacts.builder(SOURCE + contact.id(), contact.administration(), contact.service(),
                contact.dialled() == null ? "" : contact.dialled(), contact.channel(), contact.startedAt());
        switch (outcome) {
            case CLOSED_HOURS -> b.outsideOpeningHours();
            case SELF_SERVICE_COMPLETED -> b.selfServiceCompleted();
            // NO_INPUT: the menu's failure branch hung up after the caller gave no valid choice; the
            // outcome table counts it as an IVR abandon.
            case ABANDONED_IN_IVR, NO_INPUT -> b.abandonedInIvr(inIvr);
            case REFUSED_AT_CAPACITY -> b.refusedAtCapacity();
            case TRANSFERRED -> b.transferred();
            // Technical failures: received in opening hours (they weigh on the global rate), nothing more.
            case FAILED, INTERRUPTED -> { }
        }
        return b.build();
    }
}
