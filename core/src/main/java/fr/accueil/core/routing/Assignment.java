package fr.accueil.core.routing;

import fr.accueil.core.contact.ContactId;
import java.util.Objects;

/**
 * A routing decision: offer this contact to this agent. Nothing changes until the server calls
 * {@link RoutingEngine#offer}.
 *
 * @param preferredAgent whether the agent is the contact's preferred agent (dossier owner, last agent)
 */
public record Assignment(AgentId agent, ContactId contact, QueueId queue, boolean preferredAgent) {
    public Assignment {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(queue, "queue");
    }
}
