package fr.accueil.server.agents;

import fr.accueil.core.routing.AgentId;
import fr.accueil.core.routing.AgentState;
import fr.accueil.telephony.acd.AgentTarget;
import java.util.Optional;

/**
 * What the agents' page and API need from the owner of the agents' states: the contact centre (queue
 * runtime) in the application. Kept this small so that web tests can stand in a plain state machine.
 */
public interface AgentStateChanger {

    /** The agent's state, empty for an unknown agent. */
    Optional<AgentState> stateOf(AgentId agent);

    /**
     * Moves the agent towards {@code target} ({@code reason} required for a pause).
     *
     * @return false for an unknown agent
     * @throws fr.accueil.core.routing.IllegalAgentTransitionException when the current state forbids it
     * @throws IllegalArgumentException                                 for a pause without a reason
     */
    boolean changeState(AgentId agent, AgentTarget target, String reason);
}
