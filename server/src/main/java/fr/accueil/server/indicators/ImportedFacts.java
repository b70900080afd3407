package fr.accueil.server.indicators;

import fr.accueil.core.indicators.ContactFacts;
import fr.accueil.core.indicators.RollupAccumulator;
import fr.accueil.core.indicators.RuleSet;
import fr.accueil.server.indicators.internal.ImportedRecordTable;
import fr.accueil.server.indicators.internal.RollupStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where imported records go: stored by source key in {@code imported_record} (a key already stored, or
 * seen earlier in the same batch, is a duplicate and adds nothing) and rolled up, in one transaction
 * per batch, so an import that stops half-way leaves whole batches and can simply be run again.
 *
 * <p>Threading: batches are serialised by the roll-up write lock (shared with the contact upkeep and
 * the recompute), which also makes the "already stored?" check and the insert atomic in this process.
 */
public final class ImportedFacts {
    private final RollupStore store;
    private final RuleSet rules;
    private final ReentrantLock writeLock;
    private final Clock clock;

    /** What a batch did: facts stored and rolled up, and duplicates skipped. */
    public record BatchResult(int added, int duplicates) {
    }

    public ImportedFacts(RollupStore store, RuleSet rules, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.writeLock = store.writeLock();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Seals the day roll-ups through yesterday: called once an import is over, so that the past days it
     * filled are read from day rows at once rather than at the next periodic sealing.
     *
     * @return how many days were sealed now
     */
    public int sealCompletedDays() {
        return store.sealThrough(rules.version(), store.yesterday(clock));
    }

    /** Stores and rolls up the facts whose source key is new; one transaction. */
    public BatchResult add(String format, List<ContactFacts> facts) {
        if (facts.isEmpty()) {
            return new BatchResult(0, 0);
        }
        writeLock.lock();
        try (Connection connection = store.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                // Keys repeated within the batch count once (the first occurrence).
                Set<String> inBatch = new HashSet<>();
                List<ContactFacts> unique = new ArrayList<>(facts.size());
                for (ContactFacts f : facts) {
                    if (inBatch.add(f.sourceKey())) {
                        unique.add(f);
                    }
                }
                List<ContactFacts> fresh;
                if (store.dialect() == RollupStore.Dialect.POSTGRESQL) {
                    // ON CONFLICT DO NOTHING RETURNING: no look-up whose plan degrades as the table grows.
                    Set<String> inserted = ImportedRecordTable.insertNew(connection, format, clock.instant(), unique);
                    fresh = unique.stream().filter(f -> inserted.contains(f.sourceKey())).toList();
                } else {
                    Set<String> stored = ImportedRecordTable.existing(connection, unique.stream().map(ContactFacts::sourceKey).toList());
                    fresh = unique.stream().filter(f -> !stored.contains(f.sourceKey())).toList();
                    ImportedRecordTable.insert(connection, format, clock.instant(), fresh);
                }
                RollupAccumulator rollups = new RollupAccumulator(rules);
                fresh.forEach(rollups::add);
                store.add(connection, rollups.rollups());
                connection.commit();
                return new BatchResult(fresh.size(), facts.size() - fresh.size());
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store imported records: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }
}
