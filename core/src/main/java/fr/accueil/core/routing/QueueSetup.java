package fr.accueil.core.routing;

import java.util.Objects;

/** One configured queue: its routing order ({@link QueueDefinition}) and how it treats callers ({@link QueueRules}). */
public record QueueSetup(QueueDefinition definition, QueueRules rules) {
    public QueueSetup {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(rules, "rules");
        if (!definition.id().equals(rules.queue())) {
            throw new IllegalArgumentException("rules of queue " + rules.queue() + " given for queue " + definition.id());
        }
    }

    public QueueId id() {
        return definition.id();
    }
}
