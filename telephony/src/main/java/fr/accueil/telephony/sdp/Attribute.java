package fr.accueil.telephony.sdp;

import java.util.Objects;

/** One {@code a=} line: {@code a=name} (a property) or {@code a=name:value}. RFC 4566 §5.13. */
public record Attribute(String name, String value) {
    public Attribute {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("attribute name is empty");
        }
    }

    public static Attribute property(String name) {
        return new Attribute(name, null);
    }

    public static Attribute of(String name, String value) {
        return new Attribute(name, value);
    }

    /** The text after {@code a=}. */
    public String text() {
        return value == null ? name : name + ":" + value;
    }
}
