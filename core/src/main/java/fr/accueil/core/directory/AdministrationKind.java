package fr.accueil.core.directory;

/** The three families of public bodies; state services may not use surtaxed numbers (loi ESSOC art. 28). */
public enum AdministrationKind {
    STATE, SOCIAL_SECURITY, LOCAL_AUTHORITY
}
