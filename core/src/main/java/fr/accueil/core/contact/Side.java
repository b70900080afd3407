package fr.accueil.core.contact;

/** Which party ended a contact. */
public enum Side {
    CALLER, SYSTEM, AGENT
}
