package fr.accueil.telephony.call;

/**
 * The call logic plugged into the SIP endpoint. {@link #handle} runs on a virtual thread of its own,
 * one per call, and owns the call until it returns; the endpoint hangs the call up if it is still
 * up when {@code handle} returns, and releases its media on every path.
 */
public interface CallHandler {

    void handle(Call call);

    /** Called (on a SIP thread, must not block) for a call refused with 503 because the endpoint is full. */
    void refusedAtCapacity(CallInfo info);
}
