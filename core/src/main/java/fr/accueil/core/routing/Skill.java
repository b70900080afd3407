package fr.accueil.core.routing;

import java.util.Objects;

/** A competence an agent may hold and a queue may require, e.g. "état civil" or "langue:en". */
public record Skill(String name) {
    public Skill {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("skill name must not be blank");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
