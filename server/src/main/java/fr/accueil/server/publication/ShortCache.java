package fr.accueil.server.publication;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Keeps each value for a short while so that a burst of visitors costs one computation, not one per
 * request. When a value expires, one thread recomputes it while the others keep serving the previous
 * one (no stampede of identical computations under load); only the very first request of a key waits.
 * Values are therefore at most {@code freshness} old, plus one computation.
 *
 * <p>Thread-safe: a concurrent map, and one lock held while recomputing (a lock rather than
 * {@code synchronized}, since the computation may block on database I/O on a virtual thread).
 */
final class ShortCache<V> {
    /** Arbitrary keys (slugs from URLs) must not grow the cache without bound. */
    static final int MAX_KEYS = 1000;

    private final Clock clock;
    private final Duration freshness;
    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final ReentrantLock refreshing = new ReentrantLock();

    ShortCache(Clock clock, Duration freshness) {
        this.clock = clock;
        this.freshness = freshness;
    }

    V get(String key, Supplier<V> compute) {
        Entry<V> hit = entries.get(key);
        if (hit != null && clock.instant().isBefore(hit.until())) {
            return hit.value();
        }
        if (hit != null) {
            if (!refreshing.tryLock()) {
                return hit.value();
            }
        } else {
            refreshing.lock();
        }
        try {
            Entry<V> again = entries.get(key);
            if (again != null && again != hit && clock.instant().isBefore(again.until())) {
                return again.value();
            }
            V value = compute.get();
            if (entries.size() >= MAX_KEYS) {
                entries.clear();
            }
            entries.put(key, new Entry<>(value, clock.instant().plus(freshness)));
            return value;
        } finally {
            refreshing.unlock();
        }
    }

    private record Entry<V>(V value, Instant until) {
    }
}
