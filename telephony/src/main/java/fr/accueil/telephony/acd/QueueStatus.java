package fr.accueil.telephony.acd;

import fr.accueil.core.routing.QueueId;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One queue, live: for {@code GET /api/v1/queues} and the wallboard.
 *
 * @param agentsByState qualified agents of the queue counted by state label ({@code AVAILABLE},
 *                      {@code PAUSED(lunch)}, {@code ON_CONTACT}…); logged-out agents included
 */
public record QueueStatus(QueueId queue, String service, int waiting, Optional<Duration> longestWait,
                          Optional<Duration> estimatedWait, Map<String, Integer> agentsByState) {
    public QueueStatus {
        agentsByState = Map.copyOf(agentsByState);
    }
}
