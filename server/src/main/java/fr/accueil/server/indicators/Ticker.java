package fr.accueil.server.indicators;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A task run on a daemon thread of its own, at once and then with a fixed delay, for the roll-up
 * chores ({@link DaySealing}, {@link RollupFolding}). Stopped without interrupting a run in progress:
 * H2 closes its database file when a thread is interrupted in the middle of its I/O, which would fail
 * the contact journal's last batches at shutdown.
 */
final class Ticker {
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final String threadName;
    private final Duration every;
    private final Runnable task;
    private volatile ScheduledExecutorService executor;

    Ticker(String threadName, Duration every, Runnable task) {
        this.threadName = threadName;
        this.every = every;
        this.task = task;
    }

    void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        started.scheduleWithFixedDelay(task, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        executor = started;
    }

    void stop() {
        ScheduledExecutorService stopping = executor;
        executor = null;
        if (stopping == null) {
            return;
        }
        stopping.shutdown();
        try {
            if (!stopping.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                stopping.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isRunning() {
        return executor != null;
    }
}
