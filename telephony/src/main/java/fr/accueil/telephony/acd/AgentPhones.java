package fr.accueil.telephony.acd;

import fr.accueil.core.routing.AgentId;
import java.time.Instant;
import java.util.List;

/** Where an agent's phones can be reached (port; the server implements it from the registrar). Thread-safe. */
public interface AgentPhones {

    /** The SIP URIs of the agent's phones registered and not expired at {@code now}; empty if none. */
    List<String> contactUris(AgentId agent, Instant now);
}
