package fr.accueil.core.directory;

/** Identifier of a menu, unique within its service. */
public record MenuId(String value) {
    public MenuId {
        Slugs.requireSlug(value, "menu id");
    }

    @Override
    public String toString() {
        return value;
    }
}
