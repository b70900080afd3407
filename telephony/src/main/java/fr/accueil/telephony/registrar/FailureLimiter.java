package fr.accueil.telephony.registrar;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed authentications per source address; after {@code maxFailures} within the window the
 * address is refused for {@code blockFor}. Thread-safe (per-address state changes inside
 * {@link ConcurrentHashMap#compute}); the table is swept of idle addresses when it grows, so that
 * spoofed UDP sources cannot grow it without bound. Public so that the agents' web login uses the same rule.
 */
public final class FailureLimiter {
    private static final int SWEEP_ABOVE = 10_000;

    private static final class State {
        final Deque<Instant> failures = new ArrayDeque<>();
        Instant blockedUntil = Instant.MIN;
    }

    private final ConcurrentHashMap<InetAddress, State> bySource = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Duration blockFor;

    public FailureLimiter(Clock clock, int maxFailures, Duration window, Duration blockFor) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
        this.blockFor = blockFor;
    }

    public boolean isBlocked(InetAddress source) {
        State state = bySource.get(source);
        return state != null && clock.instant().isBefore(state.blockedUntil);
    }

    /** Records a failure; true when this failure starts a block. */
    public boolean recordFailure(InetAddress source) {
        Instant now = clock.instant();
        boolean[] blocked = {false};
        bySource.compute(source, (address, state) -> {
            State s = state == null ? new State() : state;
            s.failures.addLast(now);
            while (!s.failures.isEmpty() && !s.failures.peekFirst().isAfter(now.minus(window))) {
                s.failures.removeFirst();
            }
            if (s.failures.size() >= maxFailures && !now.isBefore(s.blockedUntil)) {
                s.blockedUntil = now.plus(blockFor);
                s.failures.clear();
                blocked[0] = true;
            }
            return s;
        });
        if (bySource.size() > SWEEP_ABOVE) {
            sweep(now);
        }
        return blocked[0];
    }

    private void sweep(Instant now) {
        bySource.entrySet().removeIf(e -> !now.isBefore(e.getValue().blockedUntil)
                && (e.getValue().failures.isEmpty() || !e.getValue().failures.peekLast().isAfter(now.minus(window))));
    }
}
