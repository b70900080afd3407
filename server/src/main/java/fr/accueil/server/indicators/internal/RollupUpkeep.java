package fr.accueil.server.indicators.internal;

import fr.accueil.core.contact.Contact;
import fr.accueil.core.indicators.ContactFacts;
import fr.accueil.core.indicators.JournalFacts;
import fr.accueil.core.indicators.RollupAccumulator;
import fr.accueil.core.indicators.RuleSet;
import fr.accueil.server.contacts.ClosedContactsListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the roll-ups of the active rule set up to date as contacts end: the journal calls it inside
 * the transaction that closes a batch of contacts; it rolls the batch up in memory and adds one row
 * per touched quarter-hour bucket (and per touched day only for days already sealed: late contacts,
 * see {@link RollupStore}), so the roll-ups commit (or roll back) with the contacts.
 *
 * <p>Threading: called on the journal's writer thread. It takes the {@code writeLock} shared with
 * {@link Recomputation} so that a recompute and the upkeep never interleave in this process (a
 * recompute holds the journal's closes back while it runs). The journal commits after the lock is
 * released: until then the sealed-day watermark row, locked by {@link RollupStore#add}, keeps a
 * sealing from reading the batch's rows half-written.
 */
public final class RollupUpkeep implements ClosedContactsListener {
    private static final Logger log = LoggerFactory.getLogger(RollupUpkeep.class);

    private final RollupStore store;
    private final RuleSet rules;
    private final ReentrantLock writeLock;

    public RollupUpkeep(RollupStore store, RuleSet rules) {
        this.store = store;
        this.rules = rules;
        this.writeLock = store.writeLock();
    }

    @Override
    public void closed(Connection connection, List<Contact> closed) throws SQLException {
        if (closed.isEmpty()) {
            return;
        }
        RollupAccumulator batch = new RollupAccumulator(rules);
        for (Contact contact : closed) {
            ContactFacts facts = factsOf(contact);
            if (facts != null) {
                batch.add(facts);
            }
        }
        writeLock.lock();
        // The contacts matter more than their roll-ups: if the upsert fails, undo it alone (savepoint)
        // and let the contacts commit; the roll-ups are then short until a recompute, which the log says.
        Savepoint savepoint = connection.setSavepoint();
        try {
            store.add(connection, batch.rollups());
            connection.releaseSavepoint(savepoint);
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback(savepoint);
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
                throw e; // the connection itself is broken: the journal retries the whole batch
            }
            log.error("INDICATOR ROLL-UPS NOT UPDATED for {} closed contact(s) ({}); the contacts are kept. "
                    + "Run ./accueil recompute once the cause is fixed", closed.size(), e.toString(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** The facts of a closed contact, or null (logged) for one that belongs to no service. */
    static ContactFacts factsOf(Contact contact) {
        if (contact.administration() == null || contact.administration().isBlank()
                || contact.service() == null || contact.service().isBlank()) {
            log.warn("Contact {} has no administration or service; it is in no indicator", contact.id());
            return null;
        }
        return JournalFacts.of(contact);
    }
}
