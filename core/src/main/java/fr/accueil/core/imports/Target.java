package fr.accueil.core.imports;

import java.util.Objects;

/**
 * Where an imported queue (or dialled extension) belongs in Accueil's directory.
 *
 * @param number the number the citizens dial for it, used when the source does not log the dialled number
 */
public record Target(String administration, String service, String number) {
    public Target {
        Objects.requireNonNull(administration, "administration");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(number, "number");
        if (administration.isBlank() || service.isBlank()) {
            throw new IllegalArgumentException("administration and service must not be blank");
        }
    }
}
