package fr.accueil.core.indicators;

/** A dimension indicators can be broken down by. */
public enum Dimension {
    ADMINISTRATION, SERVICE, NUMBER, CHANNEL
}
