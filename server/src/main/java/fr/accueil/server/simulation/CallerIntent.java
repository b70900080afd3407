package fr.accueil.server.simulation;

/** What a simulated caller wants, drawn for each call (see {@link CallerMix}). */
enum CallerIntent {
    /** Asks for a person: the menu's queue key, then waits with a patience of its own. */
    QUEUE,
    /** Gets the answer from a recorded message that ends the call. */
    SELF_SERVICE,
    /** Listens to an information message, then hangs up. */
    INFORMATION,
    /** Hangs up during the welcome or the menu. */
    HANG_UP_IN_IVR
}
