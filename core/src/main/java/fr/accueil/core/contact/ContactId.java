package fr.accueil.core.contact;

import java.util.Objects;
import java.util.UUID;

/** Identifies one contact (one call, one conversation) for its whole life. */
public record ContactId(UUID value) {
    public ContactId {
        Objects.requireNonNull(value, "value");
    }

    public static ContactId random() {
        return new ContactId(UUID.randomUUID());
    }

    public static ContactId parse(String text) {
        return new ContactId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
