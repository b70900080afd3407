package fr.accueil.telephony.call;

import fr.accueil.telephony.media.AudioClip;
import fr.accueil.telephony.media.PlaybackResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One inbound call as the call logic sees it: plain blocking methods, used from the single virtual
 * thread that runs the call's script. Every blocking method throws {@link CallEndedException} as
 * soon as the call is over (BYE, CANCEL, media time-out, shutdown), so a script never waits on a
 * dead call. DTMF from RFC 4733 events and from SIP INFO arrive in the same digit buffer.
 */
public interface Call extends Leg {

    CallInfo info();

    @Override
    default String callId() {
        return info().callId();
    }

    /** Sends 200 OK with our SDP answer and starts media. 488 has already been sent if no codec matched. */
    void answer() throws CallEndedException;

    /** Final negative answer before {@link #answer()}; ends the call. */
    void reject(Rejection rejection);

    /** Plays clips back to back at a 20 ms pace; with {@code interruptible}, a DTMF digit stops playback (the digit stays buffered). */
    PlaybackResult play(List<AudioClip> clips, boolean interruptible) throws CallEndedException;

    /** The next buffered or arriving digit (0-9, *, #), or empty after {@code timeout}. */
    Optional<Character> nextDigit(Duration timeout) throws CallEndedException;

    /** Forgets digits typed ahead (e.g. before a new menu when type-ahead is not wanted). */
    void flushDigits();

    /**
     * Blind transfer (RFC 3515 REFER with Refer-To the target). Returns true when the peer accepted
     * it (2xx); the call then ends with {@link EndCause#TRANSFERRED}. False when refused: the call goes on.
     */
    boolean transfer(String target) throws CallEndedException;

}
