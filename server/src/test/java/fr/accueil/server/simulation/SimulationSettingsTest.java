package fr.accueil.server.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimulationSettingsTest {

    private static SimulationSettings settings(double perMinute, double scale, double callback) {
        return new SimulationSettings(true, perMinute, scale, Duration.ofMinutes(3), Duration.ofMinutes(2), callback, '9', 0.8, 30000, 31999, 0);
    }

    @Test
    void refusesAZeroRateATimeScaleOutsideZeroToOneAndAProbabilityAboveOne() {
        assertThatThrownBy(() -> settings(0, 0.1, 0.3)).hasMessageContaining("accueil.simulation.calls-per-minute");
        assertThatThrownBy(() -> settings(20, 0, 0.3)).hasMessageContaining("accueil.simulation.time-scale");
        assertThatThrownBy(() -> settings(20, 2, 0.3)).hasMessageContaining("accueil.simulation.time-scale");
        assertThatThrownBy(() -> settings(20, 0.1, 1.5)).hasMessageContaining("accueil.simulation.callback-acceptance");
        assertThat(settings(20, 1, 1).timeScale()).isEqualTo(1);
    }

    @Test
    void refusesACitizenAnswerRateAboveOneAndAPrivilegedCitizensPort() {
        assertThatThrownBy(() -> new SimulationSettings(true, 20, 0.1, Duration.ofMinutes(3), Duration.ofMinutes(2), 0.3, '9',
                1.2, 30000, 31999, 0)).hasMessageContaining("accueil.simulation.callback-answer-rate");
        assertThatThrownBy(() -> new SimulationSettings(true, 20, 0.1, Duration.ofMinutes(3), Duration.ofMinutes(2), 0.3, '9',
                0.8, 30000, 31999, 80)).hasMessageContaining("accueil.simulation.citizens-port");
        assertThat(new SimulationSettings(true, 20, 0.1, Duration.ofMinutes(3), Duration.ofMinutes(2), 0.3, '9', 0, 30000, 31999,
                40000).citizensPort()).isEqualTo(40000);
    }

    @Test
    void arrivalsAndPatienceHaveTheirMeansAndTheScaleAppliesToPeopleOnly() {
        SimulatedTime time = new SimulatedTime(0.1, new Random(42));
        int n = 20_000;
        double gaps = 0;
        double patience = 0;
        double talk = 0;
        for (int i = 0; i < n; i++) {
            gaps += time.nextArrivalGap(20).toMillis();
            patience += time.exponential(Duration.ofMinutes(2)).toMillis();
            talk += time.lognormal(Duration.ofMinutes(3)).toMillis();
        }
        assertThat(gaps / n).as("mean gap at 20 calls/min, not scaled").isCloseTo(3_000, org.assertj.core.data.Percentage.withPercentage(3));
        assertThat(patience / n).as("mean patience 2 min × 0.1").isCloseTo(12_000, org.assertj.core.data.Percentage.withPercentage(3));
        assertThat(talk / n).as("mean talk 3 min × 0.1").isCloseTo(18_000, org.assertj.core.data.Percentage.withPercentage(3));
    }
}
