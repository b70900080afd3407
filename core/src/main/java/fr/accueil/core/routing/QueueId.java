package fr.accueil.core.routing;

import java.util.Objects;

/** Identifies one queue of waiting contacts. */
public record QueueId(String value) {
    public QueueId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("queue id must not be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
