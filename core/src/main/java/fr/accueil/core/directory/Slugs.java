package fr.accueil.core.directory;

import java.util.regex.Pattern;

/** The one rule for identifiers written in the directory file: they end up in URLs and SIP logs. */
final class Slugs {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private Slugs() {
    }

    static void requireSlug(String value, String what) {
        if (value == null || !SLUG.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be 1-64 characters of a-z, 0-9, '-' or '_' (starting with a letter or digit), got '" + value + "'");
        }
    }
}
