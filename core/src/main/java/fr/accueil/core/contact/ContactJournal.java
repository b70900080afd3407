package fr.accueil.core.contact;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

    Optional<Contact> find(ContactId id);

    /** Contacts started in [from, to), newest first. {@code service} null means all. */
    List<Contact> search(Instant from, Instant to, String service, int offset, int limit);

    long count(Instant from, Instant to, String service);

    /**
     * Closes every contact still open (the previous process died with them) with outcome
     * {@link Outcome#INTERRUPTED}, keeping their events. Returns how many were closed.
     */
    int closeInterrupted(Instant now);
}
