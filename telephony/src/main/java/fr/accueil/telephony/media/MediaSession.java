package fr.accueil.telephony.media;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The RTP side of one call: one local port, G.711 (PCMA or PCMU) at ptime 20 and RFC 4733
 * telephone-events. Sending is paced by the engine's pacer threads; while nothing plays the
 * session sends silence so that NAT bindings stay open and the far end's jitter buffer stays fed.
 *
 * <p>Threading: {@link #play} and {@link #nextDigit} are called from the call's one virtual thread;
 * {@link #injectDigit} and {@link #close} from any thread. After {@link #close}, blocked and later
 * calls throw {@link MediaClosedException}; the port is back in the pool.
 */
public interface MediaSession extends AutoCloseable {

    int localPort();

    /** Applies a remote offer (initial or re-INVITE, including hold) and returns our SDP answer. */
    String answer(String offerSdp) throws NegotiationException;

    /** Our offer, for an INVITE that came without SDP (the answer arrives in the ACK). */
    String offer();

    void acceptAnswer(String answerSdp) throws NegotiationException;

    PlaybackResult play(List<AudioClip> clips, boolean interruptible) throws MediaClosedException;

    Optional<Character> nextDigit(Duration timeout) throws MediaClosedException;

    void flushDigits();

    /**
     * Sends one digit to the far end as an RFC 4733 telephone-event (a start packet, then the end packet
     * three times, RFC 4733 §2.5.1.4), between two audio frames. For simulated callers and agents; the
     * IVR itself never sends digits.
     *
     * @throws MediaClosedException     if the session is closed
     * @throws IllegalStateException    if the far end did not negotiate telephone-event, or no media yet
     * @throws IllegalArgumentException if {@code digit} is not 0-9, *, #, A-D
     */
    default void sendDigit(char digit) throws MediaClosedException {
        throw new UnsupportedOperationException("this media session cannot send digits");
    }

    /** A digit from signalling (SIP INFO application/dtmf-relay). */
    void injectDigit(char digit);

    /**
     * Connects this session to {@code other} both ways (see {@link MediaBridge}).
     *
     * @throws IllegalStateException if either session is closed or already connected
     */
    MediaBridge connect(MediaSession other);

    /** When the last RTP packet arrived, or the session's start if none yet. */
    Instant lastPacketReceivedAt();

    @Override
    void close();
}
