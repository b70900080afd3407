package fr.accueil.core.callback;

import fr.accueil.core.contact.ContactId;
import java.util.List;
import java.util.Optional;

/**
 * The durable list of pending callbacks (port; the server stores it next to the contact journal).
 * Survives restarts: at start the queue runtime re-enqueues every pending request at its original place.
 * Thread-safe.
 */
public interface CallbackBook {

    /** Adds or replaces the request of its contact. Durable on return. */
    void save(CallbackRequest request);

    Optional<CallbackRequest> find(ContactId contact);

    /** Every pending request, oldest arrival first. */
    List<CallbackRequest> pending();

    /** The callback ended (reached or given up): the request and its number are erased. Durable on return. */
    void remove(ContactId contact);
}
