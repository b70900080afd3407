package fr.accueil.core.contact;

/** Why the contact ended, as recorded in its final event. */
public enum EndReason {
    /** The caller hung up (BYE or CANCEL). */
    HANG_UP,
    /** The IVR finished the script (message played, goodbye said). */
    COMPLETED,
    /** The service was closed; the caller heard the next opening time. */
    CLOSED,
    /** Too many time-outs or invalid keys and the failure branch ended the call. */
    NO_INPUT,
    /** The call was handed to another number. */
    TRANSFERRED,
    /** Capacity was reached; the call was refused with 503. */
    CAPACITY,
    /** No media arrived for too long, or a signalling error broke the dialog. */
    MEDIA_TIMEOUT,
    /** The server failed while handling the call. */
    ERROR,
    /** The server stopped (crash, kill) while the call was in progress; set at restart. */
    INTERRUPTED,
    /** The agent hung up (BYE from the agent's phone). */
    AGENT_HANG_UP,
    /** The queue's overflow sent the caller elsewhere or played its message. */
    OVERFLOW,
    /**
     * The callback attempts ended (reached or given up). A contact whose caller asked for a callback
     * stays open after the caller hangs up, until its callback ends: the callback is counted on it.
     */
    CALLBACK_DONE
}
