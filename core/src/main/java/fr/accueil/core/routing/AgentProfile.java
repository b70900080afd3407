package fr.accueil.core.routing;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What routing needs to know about an agent: its skills with levels and the services whose queues it
 * serves. Immutable; to change a profile, remove the agent (logged out) and add it again.
 */
public record AgentProfile(AgentId id, String name, Map<Skill, SkillLevel> skills, Set<String> services) {
    public AgentProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        skills = Map.copyOf(Objects.requireNonNull(skills, "skills"));
        services = Set.copyOf(Objects.requireNonNull(services, "services"));
        if (services.isEmpty()) {
            throw new IllegalArgumentException("agent " + id + " must serve at least one service");
        }
    }

    /** Whether this agent may take contacts of the queue's service with these skill requirements. */
    public boolean qualifiesFor(String service, SkillRequirements requirements) {
        return services.contains(service) && requirements.metBy(skills);
    }
}
