package fr.accueil.core.directory;

/** Stable identifier of a service in the directory (lower-case slug). */
public record ServiceId(String value) {
    public ServiceId {
        Slugs.requireSlug(value, "service id");
    }

    @Override
    public String toString() {
        return value;
    }
}
