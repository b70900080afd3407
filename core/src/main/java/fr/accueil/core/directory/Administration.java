package fr.accueil.core.directory;

import java.util.Objects;

/** A public body that receives calls: a ministry's network, a CAF, a town hall. */
public record Administration(AdministrationId id, String name, AdministrationKind kind, PostalAddress address,
                             String email, String website) {
    public Administration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(address, "address");
    }
}
