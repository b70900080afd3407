package fr.accueil.server.indicators;

import fr.accueil.server.indicators.internal.PendingRollups;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Folds the roll-up deltas of closed contacts into the roll-up tables every {@link #EVERY}, from
 * start-up (deltas a stopped or crashed process left are folded first), so that the pending table
 * stays small and a reader's own folding is short (decision 0029). Reports do not wait for it: they
 * fold before reading.
 *
 * <p>Threading: its own daemon thread {@code rollup-folding}; the folding takes the roll-up write
 * lock, waiting at most one period for it. A failed folding is logged and the rows wait for the next.
 */
public final class RollupFolding implements SmartLifecycle {
    /**
     * A quarter-hour row is written once per period instead of once per journal batch: longer saves
     * more at light load, shorter keeps the pending table and readers' foldings smaller.
     */
    public static final Duration EVERY = Duration.ofSeconds(5);

    private final PendingRollups pending;
    private volatile ScheduledExecutorService ticker;

    public RollupFolding(PendingRollups pending) {
        this.pending = Objects.requireNonNull(pending, "pending");
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rollup-folding");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> pending.fold(EVERY), 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
        ticker = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = ticker;
        ticker = null;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return ticker != null;
    }
}
