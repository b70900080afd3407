package fr.accueil.core.contact;

/** How the citizen reached the service. */
public enum Channel {
    PHONE,
    /** A callback requested from a web contact form ({@code POST /api/v1/callbacks}). */
    WEB
}
