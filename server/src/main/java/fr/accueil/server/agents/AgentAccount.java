package fr.accueil.server.agents;

import fr.accueil.core.routing.AgentProfile;
import fr.accueil.telephony.registrar.StoredCredentials;
import java.util.Objects;

/** An agent as configured: routing profile and SIP credentials (hashed). Immutable. */
public record AgentAccount(AgentProfile profile, StoredCredentials credentials) {

    public AgentAccount {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(credentials, "credentials");
    }

    public String username() {
        return credentials.username();
    }
}
