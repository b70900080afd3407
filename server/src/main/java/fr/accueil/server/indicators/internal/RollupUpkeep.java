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
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the roll-ups of the active rule set up to date as contacts end: the journal calls it inside
 * the transaction that closes a batch of contacts; it rolls the batch up in memory and adds one row
 * per touched quarter-hour bucket (and per touched day only for days already sealed: late contacts,
 * see {@link RollupStore}), so the roll-ups commit (or roll back) with the contacts. If the upsert
 * fails, the journal rolls the batch back and writes the contacts again without the roll-ups.
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
        try {
            store.add(connection, batch.rollups());
        } catch (SQLException | RuntimeException e) {
            // The journal then writes the batch again without the roll-ups (no savepoint here: on
            // PostgreSQL it cost a subtransaction and two round trips per batch, a sixth of the upkeep).
            log.error("INDICATOR ROLL-UPS FAILED for {} closed contact(s) ({}); the journal keeps the contacts. "
                    + "Run ./accueil recompute once the cause is fixed", closed.size(), e.toString());
            throw e;
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
