package fr.accueil.server.indicators.internal;

import fr.accueil.core.contact.Contact;
import fr.accueil.core.indicators.ContactFacts;
import fr.accueil.core.indicators.JournalFacts;
import fr.accueil.core.indicators.RollupAccumulator;
import fr.accueil.core.indicators.RuleSet;
import fr.accueil.server.contacts.ClosedContactsListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the roll-ups of the active rule set up to date as contacts end: the journal calls it inside
 * the transaction that closes a batch of contacts; it rolls the batch up in memory and writes it as
 * one pending row ({@link PendingRollups}), which commits (or rolls back) with the contacts and is
 * folded into the roll-up tables within seconds ({@code RollupFolding}) or before the next report.
 * If the insert fails, the journal rolls the batch back and writes the contacts again without it.
 *
 * <p>Threading: called on the journal's writer thread. It holds {@link PendingRollups#batchesInFlight()}
 * shared from its insert until the journal's transaction is over ({@link #completed()}), so that a
 * {@link Recomputation}, which holds it exclusively, never deletes the pending rows and reads the
 * contacts while a batch's contacts and pending row are half-way to being committed; a recompute
 * therefore holds the journal's closes back while it runs. It never waits for a folding.
 */
public final class RollupUpkeep implements ClosedContactsListener {
    private static final Logger log = LoggerFactory.getLogger(RollupUpkeep.class);

    private final PendingRollups pending;
    private final RuleSet rules;
    private final ReentrantReadWriteLock inFlight;

    public RollupUpkeep(RollupStore store, RuleSet rules) {
        this.pending = store.pending();
        this.rules = rules;
        this.inFlight = store.pending().batchesInFlight();
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
        if (inFlight.getReadHoldCount() == 0) { // held once at most, whatever the caller's mistakes
            inFlight.readLock().lock();
        }
        try {
            pending.add(connection, batch.rollups());
        } catch (SQLException | RuntimeException e) {
            inFlight.readLock().unlock();
            log.error("INDICATOR ROLL-UPS FAILED for {} closed contact(s) ({}); the journal keeps the contacts. "
                    + "Run ./accueil recompute once the cause is fixed", closed.size(), e.toString());
            throw e;
        }
    }

    @Override
    public void completed() {
        if (inFlight.getReadHoldCount() > 0) {
            inFlight.readLock().unlock();
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
