package fr.accueil.server.indicators;

import fr.accueil.server.indicators.internal.PendingRollups;
import java.time.Duration;
import java.util.Objects;
import org.springframework.context.SmartLifecycle;

/**
 * Folds the roll-up deltas of closed contacts into the roll-up tables every {@link #EVERY}, from
 * start-up (deltas a stopped or crashed process left are folded first), so that the pending table
 * stays small (decision 0029). Reports do not wait for it: they add the rows still pending to
 * the tables' sums.
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

    private final Ticker ticker;

    public RollupFolding(PendingRollups pending) {
        Objects.requireNonNull(pending, "pending");
        this.ticker = new Ticker("rollup-folding", EVERY, () -> pending.fold(EVERY));
    }

    @Override
    public void start() {
        ticker.start();
    }

    @Override
    public void stop() {
        ticker.stop();
    }

    @Override
    public boolean isRunning() {
        return ticker.isRunning();
    }
}
