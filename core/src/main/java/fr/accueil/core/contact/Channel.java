package fr.accueil.core.contact;

/** How the citizen reached the service. */
public enum Channel {
    PHONE
}
