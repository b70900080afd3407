package fr.accueil.telephony.acd;

import fr.accueil.core.routing.AgentId;
import fr.accueil.telephony.registrar.Binding;
import fr.accueil.telephony.registrar.Registrations;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** An agent's phones as the registrar knows them: the live bindings of the agent's SIP username. */
public final class RegisteredPhones implements AgentPhones {
    private final Registrations registrations;
    private final Function<AgentId, Optional<String>> usernameOf;

    /** For deployments where the SIP username is the agent id. */
    public RegisteredPhones(Registrations registrations) {
        this(registrations, agent -> Optional.of(agent.value()));
    }

    /** @param usernameOf the agent account's SIP username; empty for an unknown agent (no phones) */
    public RegisteredPhones(Registrations registrations, Function<AgentId, Optional<String>> usernameOf) {
        this.registrations = Objects.requireNonNull(registrations, "registrations");
        this.usernameOf = Objects.requireNonNull(usernameOf, "usernameOf");
    }

    @Override
    public List<String> contactUris(AgentId agent, Instant now) {
        return usernameOf.apply(agent)
                .map(username -> registrations.current(username, now).stream().map(Binding::contactUri).toList())
                .orElse(List.of());
    }
}
