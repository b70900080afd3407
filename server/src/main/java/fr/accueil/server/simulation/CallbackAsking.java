package fr.accueil.server.simulation;

/**
 * How simulated callers waiting in a queue ask for a callback: with this probability, the queue's
 * callback key, then the contact centre's key confirming the calling number.
 *
 * @param probability share of queued callers who ask (0: none)
 * @param callbackKey the queue's callback key (directory {@code callback.key})
 * @param confirmKey  the centre's confirm key ({@code accueil.contact-centre.callbacks.confirm-key})
 */
record CallbackAsking(double probability, char callbackKey, char confirmKey) {
    CallbackAsking {
        if (probability < 0 || probability > 1) {
            throw new IllegalArgumentException("callback probability must be within 0..1, got " + probability);
        }
    }
}
