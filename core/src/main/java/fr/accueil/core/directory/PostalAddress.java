package fr.accueil.core.directory;

import java.util.Objects;

/** A French postal address as printed on an acknowledgement of receipt (CRPA R112-5). */
public record PostalAddress(String street, String postalCode, String city) {
    public PostalAddress {
        Objects.requireNonNull(street, "street");
        Objects.requireNonNull(postalCode, "postalCode");
        Objects.requireNonNull(city, "city");
        if (!postalCode.matches("\\d{5}")) {
            throw new IllegalArgumentException("postal code must be 5 digits, got '" + postalCode + "'");
        }
    }
}
