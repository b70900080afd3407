package fr.accueil.core.routing;

import fr.accueil.core.contact.ContactId;
import java.time.Instant;

/** What happened to an agent: one record per {@link AgentSession} transition. */
public sealed interface AgentEvent {
    AgentId agent();

    Instant at();

    record LoggedIn(AgentId agent, Instant at) implements AgentEvent {}

    record Paused(AgentId agent, String reason, Instant at) implements AgentEvent {}

    record Ready(AgentId agent, Instant at) implements AgentEvent {}

    record Offered(AgentId agent, ContactId contact, Instant at) implements AgentEvent {}

    record Answered(AgentId agent, ContactId contact, Instant at) implements AgentEvent {}

    /** The offer rang out (or was declined); the agent is now paused {@code "no answer"}. */
    record NoAnswer(AgentId agent, ContactId contact, Instant at) implements AgentEvent {}

    /** The caller left while the agent's phone rang; the agent is available again, keeping its idle time. */
    record OfferWithdrawn(AgentId agent, ContactId contact, Instant at) implements AgentEvent {}

    record HungUp(AgentId agent, ContactId contact, Instant at) implements AgentEvent {}

    record WrapUpEnded(AgentId agent, Instant at) implements AgentEvent {}

    record LoggedOut(AgentId agent, Instant at) implements AgentEvent {}
}
