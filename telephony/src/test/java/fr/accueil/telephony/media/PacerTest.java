package fr.accueil.telephony.media;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pacer's schedule on a fake clock: no sleeping, exact numbers. */
class PacerTest {
    static final long MS = 1_000_000L;

    /** Wakes each park {@code lateness[k]} after the due time asked for; stops the pacer after the list. */
    static final class FakeClock implements Pacer.TickClock {
        final List<Long> dues = new ArrayList<>();
        final long[] lateness;
        Pacer pacer;
        long now = 5_000 * MS;

        FakeClock(long... lateness) {
            this.lateness = lateness;
        }

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void parkUntil(long due) {
            int k = dues.size();
            dues.add(due);
            if (k >= lateness.length) {
                pacer.stop();
                return;
            }
            now = Math.max(now, due + lateness[k]);
        }
    }

    private static Pacer run(FakeClock clock) {
        Pacer pacer = new Pacer(clock);
        clock.pacer = pacer;
        pacer.run();
        return pacer;
    }

    @Test
    void dueTimesStayOnTheAbsoluteGridWhateverTheWakeUpDelay() {
        FakeClock clock = new FakeClock(1 * MS, 1_900_000, 0, 1 * MS, 1_500_000, 0);
        Pacer pacer = run(clock);
        long start = 5_000 * MS;
        // Late wake-ups do not push the next tick back: tick k is due at start + k·20 ms.
        assertThat(clock.dues).containsExactly(start + 20 * MS, start + 40 * MS, start + 60 * MS, start + 80 * MS,
                start + 100 * MS, start + 120 * MS, start + 140 * MS);
        assertThat(pacer.counters.lateTicks).isZero();
        assertThat(pacer.counters.skippedTicks).isZero();
    }

    @Test
    void lateTicksAreCountedAndALongStallSkipsAheadInsteadOfBursting() {
        FakeClock clock = new FakeClock(0, 5 * MS, 0, 130 * MS, 0);
        Pacer pacer = run(clock);
        long start = 5_000 * MS;
        assertThat(pacer.counters.lateTicks).isEqualTo(2);
        // woke 130 ms after tick 4's due time: 6 periods skipped, the next due is tick 11
        assertThat(pacer.counters.skippedTicks).isEqualTo(6);
        assertThat(clock.dues).containsExactly(start + 20 * MS, start + 40 * MS, start + 60 * MS, start + 80 * MS,
                start + 220 * MS, start + 240 * MS);
    }
}
