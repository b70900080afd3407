package fr.accueil.telephony.acd;

import fr.accueil.core.routing.AgentId;
import fr.accueil.telephony.registrar.Binding;
import fr.accueil.telephony.registrar.Registrations;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** An agent's phones as the registrar knows them: its bindings (SIP username = agent id) not yet expired. */
public final class RegisteredPhones implements AgentPhones {
    private final Registrations registrations;

    public RegisteredPhones(Registrations registrations) {
        this.registrations = Objects.requireNonNull(registrations, "registrations");
    }

    @Override
    public List<String> contactUris(AgentId agent, Instant now) {
        return registrations.current(agent.value(), now).stream().map(Binding::contactUri).toList();
    }
}
