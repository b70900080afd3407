package fr.accueil.server.contacts;

import fr.accueil.core.contact.Contact;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Told of the contacts a journal transaction closes, inside that transaction, before it commits: what
 * it writes on {@code connection} commits or rolls back with the contacts themselves, so derived data
 * (the indicator roll-ups) can never disagree with the journal after a crash.
 *
 * <p>Threading: called on the journal's single writer thread, or on the thread running
 * {@link fr.accueil.core.contact.ContactJournal#closeInterrupted}. The contacts carry their events
 * (the indicator facts of a queued contact come from them), their outcome and end time.
 */
@FunctionalInterface
public interface ClosedContactsListener {
    ClosedContactsListener NONE = (connection, closed) -> { };

    /**
     * Must not commit, roll back or close the connection. An exception rolls the batch back; the
     * journal then writes it again without telling (or retries as usual if the connection failed).
     */
    void closed(Connection connection, List<Contact> closed) throws SQLException;

    /**
     * Called once the transaction that called {@link #closed} has committed or failed (on the same
     * thread, before any rollback): a listener may hold a lock from {@code closed} until then, so that
     * nobody reads its uncommitted writes as missing. Must not throw.
     */
    default void completed() {
    }
}
