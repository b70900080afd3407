package fr.accueil.telephony.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RtpStatsTest {

    private static RtpStats.RtpEvent event(int code, boolean end, long timestamp) {
        return new RtpStats.RtpEvent(code, end, 10, 0, false, 0, timestamp);
    }

    @Test
    void digitsAreDeduplicatedOnTimestampNotOnValue() {
        List<RtpStats.RtpEvent> events = List.of(
                event(1, false, 100), event(1, true, 100), event(1, true, 100), event(1, true, 100),
                event(1, false, 900), event(1, true, 900), // same key again, new timestamp: a second press
                event(10, true, 1700), event(11, true, 2500));
        RtpStats stats = new RtpStats(8, Map.of(101, 8L), 0, 0, new long[0], 0, Optional.empty(), events);

        assertThat(stats.digits()).isEqualTo("11*#");
        assertThat(stats.audioPackets()).isZero();
        assertThat(stats.heardNonSilentAudio()).isFalse();
    }

    @Test
    void intervalAndJitterPercentiles() {
        long[] intervals = new long[100];
        for (int i = 0; i < 100; i++) {
            intervals[i] = 20_000_000L + (i == 99 ? 9_000_000L : (i % 2 == 0 ? 1_000_000L : -1_000_000L));
        }
        RtpStats stats = new RtpStats(101, Map.of(8, 101L), 0, 0, intervals, 500, Optional.empty(), List.of());

        assertThat(stats.intervalPercentileMillis(50)).isEqualTo(21.0); // 49 at 19 ms, 50 at 21 ms, one at 29 ms
        assertThat(stats.intervalPercentileMillis(100)).isEqualTo(29.0);
        assertThat(stats.jitterPercentileMillis(99)).isEqualTo(1.0);
        assertThat(stats.jitterPercentileMillis(100)).isEqualTo(9.0);
        assertThat(stats.heardNonSilentAudio()).isTrue();
        assertThat(new RtpStats(0, Map.of(), 0, 0, new long[0], 0, Optional.empty(), List.of())
                .intervalPercentileMillis(99)).isNaN();
    }
}
