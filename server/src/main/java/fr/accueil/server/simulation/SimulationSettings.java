package fr.accueil.server.simulation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything under {@code accueil.simulation} (docs/configuration.md): the traffic simulator that
 * {@code ./accueil demo --simulate} turns on. Durations are the real-life ones; {@code timeScale}
 * compresses the people's side of them (handling times, patience, rings, wrap-up waits), not the
 * prompts, which play at their own length.
 *
 * @param enabled          start simulated agents and callers with the server
 * @param callsPerMinute   mean rate of the Poisson arrivals
 * @param timeScale        factor applied to handling time, patience and ring time (1 = real time,
 *                         0.1 = ten times faster); 0 &lt; timeScale ≤ 1
 * @param meanHandlingTime mean of the agents' (lognormal) talk time
 * @param meanPatience     mean of the callers' (exponential) patience in a queue
 * @param callbackAcceptance probability that a queued caller types the callback key when offered one
 * @param callbackKey      the queue's callback key (directory {@code callback.key})
 * @param rtpPortMin       first RTP port of the simulator's own media engine (apart from the server's)
 * @param rtpPortMax       last one
 */
@ConfigurationProperties("accueil.simulation")
public record SimulationSettings(@DefaultValue("false") boolean enabled,
                                 @DefaultValue("20") double callsPerMinute,
                                 @DefaultValue("0.1") double timeScale,
                                 @DefaultValue("3m") Duration meanHandlingTime,
                                 @DefaultValue("2m") Duration meanPatience,
                                 @DefaultValue("0.3") double callbackAcceptance,
                                 @DefaultValue("9") char callbackKey,
                                 @DefaultValue("30000") int rtpPortMin,
                                 @DefaultValue("31999") int rtpPortMax) {

    public SimulationSettings {
        require(callsPerMinute > 0 && callsPerMinute <= 60_000,
                "accueil.simulation.calls-per-minute must be within 0..60000 (exclusive of 0), got " + callsPerMinute);
        require(timeScale > 0 && timeScale <= 1, "accueil.simulation.time-scale must be within 0..1 (exclusive of 0), got " + timeScale);
        require(!meanHandlingTime.isNegative() && !meanHandlingTime.isZero(), "accueil.simulation.mean-handling-time must be positive");
        require(!meanPatience.isNegative() && !meanPatience.isZero(), "accueil.simulation.mean-patience must be positive");
        require(callbackAcceptance >= 0 && callbackAcceptance <= 1,
                "accueil.simulation.callback-acceptance must be within 0..1, got " + callbackAcceptance);
        require(rtpPortMin >= 1024 && rtpPortMax <= 65535 && rtpPortMax - rtpPortMin >= 3,
                "accueil.simulation.rtp-port-min/max must be within 1024..65535 with at least 4 ports, got "
                        + rtpPortMin + ".." + rtpPortMax);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
