package fr.accueil.server.agents;

import fr.accueil.core.routing.AgentId;
import fr.accueil.core.routing.AgentState;
import java.util.Optional;

/**
 * What the agents' web page needs from whoever owns the agents' states: today {@link AgentStates};
 * once queues run, the contact centre (an adapter maps {@link AgentStates.Target} to its own targets).
 * Kept this small so that the switch touches one bean, not the page.
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
    boolean changeState(AgentId agent, AgentStates.Target target, String reason);
}
