package fr.accueil.core.callback;

import fr.accueil.core.contact.ContactId;
import fr.accueil.core.routing.QueueId;
import java.time.Instant;
import java.util.Objects;

/**
 * A pending callback: the contact it belongs to (counted on it), the queue it waits in with its original
 * arrival time (the place is kept), the number to call in E.164 ({@code +33…}), and the attempts so far.
 * The number is personal data: it lives only in the callback book and is erased when the callback ends.
 */
public record CallbackRequest(ContactId contact, QueueId queue, String number, Instant enqueuedAt,
                              Instant requestedAt, int attempts, Instant notBefore) {
    public CallbackRequest {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(enqueuedAt, "enqueuedAt");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(notBefore, "notBefore");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
    }

    /** After a failed attempt: one more attempt counted, next one not before {@code next}. */
    public CallbackRequest afterAttempt(Instant next) {
        return new CallbackRequest(contact, queue, number, enqueuedAt, requestedAt, attempts + 1, next);
    }

    @Override
    public String toString() {
        return "CallbackRequest[contact=" + contact + ", queue=" + queue + ", attempts=" + attempts + "]";
    }
}
