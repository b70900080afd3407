package fr.accueil.telephony.acd;

import fr.accueil.core.routing.AgentId;
import java.time.Instant;
import java.util.Optional;

/**
 * One agent, live.
 *
 * @param since            when the agent entered its current state (empty if it never changed since start)
 * @param pauseReason      the reason while paused
 * @param registeredPhones how many of its phones are registered now
 */
public record AgentStatus(AgentId agent, String name, String state, Optional<Instant> since, Optional<String> pauseReason,
                          int registeredPhones) {
}
