package fr.accueil.server.indicators;

import fr.accueil.core.indicators.RuleSet;
import fr.accueil.server.indicators.internal.RollupStore;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Seals the day roll-ups of the active rule set through yesterday in the publication zone: once at
 * start-up, then every {@link #EVERY} (a day is sealed within minutes of midnight; a sealing with
 * nothing new to do is two short statements). Contacts of today only write quarter-hour rows, so
 * without it reports would read more and more quarter hours (see {@link RollupStore}).
 *
 * <p>Threading: runs on its own daemon thread {@code day-sealing}; the sealing itself takes the
 * roll-up write lock and the watermark row, so it never interleaves with other roll-up writers. A
 * failed sealing is logged and tried again at the next tick.
 */
public final class DaySealing implements SmartLifecycle {
    public static final Duration EVERY = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(DaySealing.class);

    private final RollupStore store;
    private final RuleSet rules;
    private final Clock clock;
    private final Ticker ticker = new Ticker("day-sealing", EVERY, this::sealOnce);

    public DaySealing(RollupStore store, RuleSet rules, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Seals through yesterday by the clock; returns how many days were sealed now, or -1 when it failed (logged). */
    public int sealOnce() {
        LocalDate yesterday = store.yesterday(clock);
        try {
            int sealed = store.sealThrough(rules.version(), yesterday);
            if (sealed > 0) {
                log.info("Day roll-ups of rule set {} sealed through {} ({} day(s))", rules.version(), yesterday, sealed);
            }
            return sealed;
        } catch (RuntimeException e) {
            // Reports stay exact (they read quarter hours for unsealed days); only slower.
            log.warn("Day roll-ups of rule set {} could not be sealed through {}: {}", rules.version(), yesterday, e.toString());
            return -1;
        }
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
