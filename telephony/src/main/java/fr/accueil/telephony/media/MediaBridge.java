package fr.accueil.telephony.media;

/**
 * Two media sessions connected both ways (the B2BUA's RTP relay): each packet received on one side
 * is sent at once from the other side's socket to that side's peer, re-stamped with the other
 * session's SSRC, sequence and timestamp, payload passed through when both sides use the same
 * codec and transcoded PCMA↔PCMU otherwise; RFC 4733 events are relayed when both sides
 * negotiated telephone-event. While connected, neither session's pacer sends silence and
 * {@code play} on either side throws {@link IllegalStateException}. {@link #close()} disconnects
 * and each session goes back to pacing silence (prompts can be played again, e.g. "votre
 * conseiller a été déconnecté"). Closing either session disconnects the bridge.
 *
 * <p>When one side sends nothing for ~60 ms (hold without music, lost phone), the other side's pacer
 * sends silence until relayed packets come back, so NAT bindings and jitter buffers stay fed. Digits
 * received while connected are relayed (RFC 4733), counted, but not buffered for {@code nextDigit}.
 * See docs/decisions/0012-relay-streams-and-digits.md.
 */
public interface MediaBridge extends AutoCloseable {

    /** Packets relayed so far, both directions. */
    long relayedPackets();

    /** Packets dropped (malformed, unknown payload type, send failure), both directions. */
    long droppedPackets();

    boolean connected();

    @Override
    void close();
}
