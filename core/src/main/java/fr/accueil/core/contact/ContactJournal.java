package fr.accueil.core.contact;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The durable record of every contact (port; the server implements it).
 *
 * <p>Contract: {@link #open} and {@link #append} may return before the write is durable (the
 * implementation batches them); {@link #close} returns only once the contact, all its events and
 * its outcome are durable, so a completed contact survives any later crash. Calls for one contact
 * come from one thread, in order. Implementations are thread-safe across contacts.
 */
public interface ContactJournal {

    void open(ContactStart start);

    void append(ContactId id, ContactEvent event);

    /** Durable on return. */
    void close(ContactId id, Outcome outcome, Instant endedAt);

    /**
     * Returns once everything written before the call is durable and visible to {@link #find}: for a
     * contact that stays open but was promised to someone (a web callback answered 202 with its address).
     * A journal that writes synchronously has nothing to wait for.
     */
    default void flush() {
    }

    Optional<Contact> find(ContactId id);

    /** Contacts started in [from, to), newest first. {@code service} null means all. */
    List<Contact> search(Instant from, Instant to, String service, int offset, int limit);

    long count(Instant from, Instant to, String service);

    /**
     * Closes every contact still open (the previous process died with them) with outcome
     * {@link Outcome#INTERRUPTED}, keeping their events. Returns how many were closed.
     *
     * <p>Except: a contact {@linkplain Contact#awaitingCallback() awaiting its callback} stays open (the
     * queue runtime {@linkplain #resume resumes} it from the callback book), and one whose callback had
     * ended before the stop is closed with the callback's outcome ({@link Outcome#CALLBACK_COMPLETED} or
     * {@link Outcome#CALLBACK_FAILED}, {@link EndReason#CALLBACK_DONE}), counted like any other.
     */
    int closeInterrupted(Instant now);

    /**
     * As {@link #closeInterrupted(Instant)}, except that a contact awaiting its callback stays open only
     * when {@code callbackPending} says its callback is still pending (in the callback book); one whose
     * request is gone (the process died before saving it) will never be called back, and is closed as
     * {@link Outcome#INTERRUPTED} like the others. This default keeps every awaiting contact open.
     */
    default int closeInterrupted(Instant now, Predicate<ContactId> callbackPending) {
        return closeInterrupted(now);
    }

    /**
     * Takes over a contact that a previous process left open (a contact awaiting its callback), so that
     * this journal accepts {@link #append} and {@link #close} for it from now on. Returns the contact with
     * its events; empty when it is unknown or already ended (then there is nothing to resume).
     *
     * @throws IllegalStateException if the contact is already open in this journal
     */
    default Optional<Contact> resume(ContactId id) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot resume contacts");
    }
}
