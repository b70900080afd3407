package fr.accueil.server.indicators.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.accueil.core.contact.Channel;
import fr.accueil.core.indicators.Rollup;
import fr.accueil.core.indicators.RollupKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bytes of a pending row: every tally and key survives, and anything else is refused with a reason. */
class PendingRollupsCodecTest {
    @Test
    void a_batch_of_rollups_comes_back_equal_whatever_its_numbers_and_names() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<Rollup> batch = new ArrayList<>();
            for (int i = 0; i < random.nextInt(40); i++) {
                long[] values = new long[RollupStore.TALLY_COLUMNS.size()];
                for (int t = 0; t < values.length; t++) {
                    // Mostly 0 and small counts, sometimes durations in milliseconds and the extremes.
                    values[t] = switch (random.nextInt(6)) {
                        case 0, 1 -> 0;
                        case 2 -> random.nextInt(3);
                        case 3 -> random.nextLong(10_000_000_000L);
                        case 4 -> Long.MAX_VALUE;
                        default -> -1 - random.nextInt(5); // never written, but must not be mangled
                    };
                }
                Instant bucket = Instant.ofEpochSecond(1_699_999_200L + 900L * random.nextInt(100_000));
                batch.add(new Rollup(new RollupKey(bucket, "mairie-" + random.nextInt(9), "état-civil ☎ " + i,
                        "+3319900" + random.nextInt(10_000), Channel.values()[random.nextInt(Channel.values().length)]),
                        "2026-1", RollupStore.tallies(values)));
            }
            assertThat(PendingRollups.decode("2026-1", PendingRollups.encode("2026-1", batch))).isEqualTo(batch);
        }
    }

    @Test
    void a_light_load_batch_stays_small() {
        List<Rollup> batch = new ArrayList<>();
        long[] values = new long[RollupStore.TALLY_COLUMNS.size()];
        values[0] = 1;
        values[3] = 1;
        for (int i = 0; i < 20; i++) {
            batch.add(new Rollup(new RollupKey(Instant.parse("2026-11-27T08:00:00Z"), "admin-" + i / 4, "service-" + i,
                    "+33199000110", Channel.PHONE), "2026-1", RollupStore.tallies(values)));
        }
        assertThat(PendingRollups.encode("2026-1", batch)).as("under PostgreSQL's 2 kB TOAST threshold").hasSizeLessThan(2000);
    }

    @Test
    void bytes_that_are_not_a_batch_are_refused_with_the_reason() {
        byte[] good = PendingRollups.encode("2026-1", List.of(new Rollup(new RollupKey(Instant.parse("2026-11-27T08:00:00Z"),
                "mairie", "etat-civil", "+33199000100", Channel.PHONE), "2026-1", RollupStore.tallies(new long[21]))));
        byte[] otherFormat = good.clone();
        otherFormat[0] = 9;
        assertThatThrownBy(() -> PendingRollups.decode("2026-1", otherFormat)).hasMessageContaining("unknown format 9");
        byte[] otherTallies = good.clone();
        otherTallies[2] = 22;
        assertThatThrownBy(() -> PendingRollups.decode("2026-1", otherTallies))
                .hasMessageContaining("22 tallies per key, this version has 21");
        assertThatThrownBy(() -> PendingRollups.decode("2026-1", Arrays.copyOf(good, good.length - 3)))
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> PendingRollups.decode("2026-1", Arrays.copyOf(good, good.length + 2)))
                .hasMessageContaining("2 byte(s) after the last key");
        assertThatThrownBy(() -> PendingRollups.decode("2026-1", new byte[0])).hasMessageContaining("truncated");
        assertThatThrownBy(() -> PendingRollups.encode("2026-1", List.of(new Rollup(new RollupKey(Instant.EPOCH, "a", "s", "n",
                Channel.PHONE), "2026-2", RollupStore.tallies(new long[21]))))).hasMessageContaining("rule sets 2026-1 and 2026-2");
    }
}
