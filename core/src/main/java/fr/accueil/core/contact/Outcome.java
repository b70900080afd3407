package fr.accueil.core.contact;

/**
 * How a contact ended, as the indicators count it (see docs/indicators.md). The agent-related
 * outcomes arrive with the queues-and-agents feature.
 */
public enum Outcome {
    /** The IVR fully answered the caller (information message heard to its end). */
    SELF_SERVICE_COMPLETED,
    /** The caller hung up in the IVR before reaching an answer or a queue. */
    ABANDONED_IN_IVR,
    /** Called outside opening hours. */
    CLOSED_HOURS,
    /** Refused because the platform was at capacity (SIP 503). */
    REFUSED_AT_CAPACITY,
    /** Sent to another number. */
    TRANSFERRED,
    /** No valid choice after the allowed attempts. */
    NO_INPUT,
    /** The call failed for a technical reason on our side or the network's. */
    FAILED,
    /** In progress when the server stopped; closed at restart. */
    INTERRUPTED
}
