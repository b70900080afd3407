package fr.accueil.core.directory;

/**
 * Which public holidays close a service. Alsace-Moselle (departments 57, 67, 68) keeps Good Friday
 * and 26 December under its local law.
 */
public enum HolidayRegime {
    FRANCE, ALSACE_MOSELLE, NONE
}
