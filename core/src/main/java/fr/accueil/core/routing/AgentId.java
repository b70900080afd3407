package fr.accueil.core.routing;

import java.util.Objects;

/** Identifies one agent (a person who answers contacts), e.g. its login. */
public record AgentId(String value) implements Comparable<AgentId> {
    public AgentId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("agent id must not be blank");
        }
    }

    @Override
    public int compareTo(AgentId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
