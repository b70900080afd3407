package fr.accueil.core.routing;

/**
 * A transition that the agent's current state does not allow, e.g. {@code answer} while
 * {@code AVAILABLE}. The server answers it with 409 Conflict and this message.
 */
public final class IllegalAgentTransitionException extends IllegalStateException {
    private final transient AgentId agent;
    private final transient AgentState current;
    private final String requested;

    public IllegalAgentTransitionException(AgentId agent, AgentState current, String requested) {
        super("agent " + agent + " cannot go from " + current.label() + " to " + requested);
        this.agent = agent;
        this.current = current;
        this.requested = requested;
    }

    public AgentId agent() {
        return agent;
    }

    public AgentState current() {
        return current;
    }

    /** The requested state's label, e.g. {@code ON_CONTACT}. */
    public String requested() {
        return requested;
    }
}
