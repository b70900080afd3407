package fr.accueil.core.contact;

/**
 * How a contact ended, as the indicators count it (see docs/indicators.md). The agent-related
 * outcomes are decided by the queue runtime (telephony.acd).
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
    INTERRUPTED,
    /** An agent answered and talked with the caller (transferred on by the agent or not). */
    HANDLED_BY_AGENT,
    /** The caller hung up while waiting in a queue (or while an agent's phone rang). */
    ABANDONED_IN_QUEUE,
    /** The queue sent the caller elsewhere (max wait, full, no agents) and nobody answered here. */
    OVERFLOWED,
    /** A callback reached the citizen and an agent handled it. */
    CALLBACK_COMPLETED,
    /** Every callback attempt failed. */
    CALLBACK_FAILED
}
