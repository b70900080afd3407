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
 * @param callbackAnswerRate probability that a simulated citizen answers a callback attempt; the others
 *                         are declined busy (486) or left ringing until the centre gives up
 * @param rtpPortMin       first RTP port of the simulator's own media engine (apart from the server's)
 * @param rtpPortMax       last one
 * @param citizensPort     SIP port of the simulated citizens' phones, the stand-in trunk; set by
 *                         {@link SimulatedCitizensTrunk} when no trunk is configured; 0: no simulated citizens
 */
@ConfigurationProperties("accueil.simulation")
public record SimulationSettings(@DefaultValue("false") boolean enabled,
                                 @DefaultValue("20") double callsPerMinute,
                                 @DefaultValue("0.1") double timeScale,
                                 @DefaultValue("3m") Duration meanHandlingTime,
                                 @DefaultValue("2m") Duration meanPatience,
                                 @DefaultValue("0.3") double callbackAcceptance,
                                 @DefaultValue("9") char callbackKey,
                                 @DefaultValue("0.8") double callbackAnswerRate,
                                 @DefaultValue("30000") int rtpPortMin,
                                 @DefaultValue("31999") int rtpPortMax,
                                 @DefaultValue("0") int citizensPort) {

    public SimulationSettings {
        require(callsPerMinute > 0 && callsPerMinute <= 60_000,
                "accueil.simulation.calls-per-minute must be within 0..60000 (exclusive of 0), got " + callsPerMinute);
        require(timeScale > 0 && timeScale <= 1, "accueil.simulation.time-scale must be within 0..1 (exclusive of 0), got " + timeScale);
        require(!meanHandlingTime.isNegative() && !meanHandlingTime.isZero(), "accueil.simulation.mean-handling-time must be positive");
        require(!meanPatience.isNegative() && !meanPatience.isZero(), "accueil.simulation.mean-patience must be positive");
        require(callbackAcceptance >= 0 && callbackAcceptance <= 1,
                "accueil.simulation.callback-acceptance must be within 0..1, got " + callbackAcceptance);
        require(callbackAnswerRate >= 0 && callbackAnswerRate <= 1,
                "accueil.simulation.callback-answer-rate must be within 0..1, got " + callbackAnswerRate);
        require(citizensPort == 0 || citizensPort >= 1024 && citizensPort <= 65535,
                "accueil.simulation.citizens-port must be 0 or within 1024..65535, got " + citizensPort);
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
