package fr.accueil.telephony.acd;

/** The states an agent (or a supervisor) may ask for; ringing, on contact and wrap-up are reached by calls. */
public enum AgentTarget {
    /** Log in (from logged out), ready (from paused) or end the wrap-up early. */
    AVAILABLE,
    /** Paused, with a reason. */
    PAUSED,
    LOGGED_OUT
}
