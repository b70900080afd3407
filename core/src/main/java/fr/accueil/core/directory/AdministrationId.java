package fr.accueil.core.directory;

/** Stable identifier of an administration in the directory (lower-case slug). */
public record AdministrationId(String value) {
    public AdministrationId {
        Slugs.requireSlug(value, "administration id");
    }

    @Override
    public String toString() {
        return value;
    }
}
