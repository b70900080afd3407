package fr.accueil.server.wallboard;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes the wallboard's figures to every open wallboard page as server-sent events (event
 * {@code etat}, JSON {@link WallboardSnapshot}), every {@code refresh}. One snapshot is computed per
 * tick, only while someone listens, whatever the number of pages.
 *
 * <p>Threading: one named platform thread ticks and sends; subscribers are added from request
 * threads (copy-on-write list). A page that went away fails its next send and is dropped. Sends are
 * blocking writes, fine for the handful of supervisors a node has.
 */
public final class WallboardFeed implements SmartLifecycle {
    static final String EVENT = "etat";
    /** Browsers reconnect an EventSource by themselves when the server ends the stream. */
    private static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);
    private static final Logger log = LoggerFactory.getLogger(WallboardFeed.class);

    private final WallboardSnapshots snapshots;
    private final Duration refresh;
    private final List<SseEmitter> subscribers = new CopyOnWriteArrayList<>();
    private volatile ScheduledExecutorService ticker;

    public WallboardFeed(WallboardSnapshots snapshots, Duration refresh) {
        this.snapshots = snapshots;
        this.refresh = refresh;
    }

    /** A new stream, sent the current figures at once and then at every tick. */
    public SseEmitter subscribe() {
        SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        emitter.onCompletion(() -> subscribers.remove(emitter));
        emitter.onTimeout(() -> subscribers.remove(emitter));
        emitter.onError(e -> subscribers.remove(emitter));
        subscribers.add(emitter);
        send(emitter, snapshots.now());
        return emitter;
    }

    int subscribers() {
        return subscribers.size();
    }

    void tick() {
        if (subscribers.isEmpty()) {
            return;
        }
        try {
            WallboardSnapshot snapshot = snapshots.now();
            subscribers.forEach(emitter -> send(emitter, snapshot));
        } catch (RuntimeException e) {
            // A failed computation must not stop the ticker: the next tick tries again.
            log.warn("wallboard figures could not be computed: {}", e.toString());
        }
    }

    private void send(SseEmitter emitter, WallboardSnapshot snapshot) {
        try {
            emitter.send(SseEmitter.event().name(EVENT).data(snapshot, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            // The page went away (peer closed): routine, not worth more than DEBUG.
            log.debug("wallboard subscriber dropped: {}", e.toString());
            subscribers.remove(emitter);
            emitter.completeWithError(e);
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wallboard-feed");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::tick, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
        ticker = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = ticker;
        ticker = null;
        if (executor != null) {
            executor.shutdownNow();
        }
        subscribers.forEach(SseEmitter::complete);
        subscribers.clear();
    }

    @Override
    public boolean isRunning() {
        return ticker != null;
    }
}
