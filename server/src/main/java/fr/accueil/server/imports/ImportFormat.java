package fr.accueil.server.imports;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The files Accueil imports (docs/indicators-rules.md, "Contacts importés"), by their command-line name. */
public enum ImportFormat {
    /** Asterisk queue_log; needs a queue map. */
    QUEUE_LOG("queue-log", true),
    /** Asterisk CDR Master.csv; needs a map of dialled extensions. */
    CDR("cdr", true),
    /** FreeSWITCH mod_callcenter events as JSON lines; needs a queue map. */
    FREESWITCH("freeswitch", true),
    /** Accueil's generic CSV; administrations and services are in the file. */
    CSV("csv", false);

    private final String id;
    private final boolean needsMap;

    ImportFormat(String id, boolean needsMap) {
        this.id = id;
        this.needsMap = needsMap;
    }

    public String id() {
        return id;
    }

    public boolean needsMap() {
        return needsMap;
    }

    public static Optional<ImportFormat> of(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id == null ? null : id.toLowerCase(Locale.ROOT))).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(ImportFormat::id).collect(Collectors.joining(", "));
    }
}
