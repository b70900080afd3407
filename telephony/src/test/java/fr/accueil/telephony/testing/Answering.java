package fr.accueil.telephony.testing;

import java.time.Duration;
import java.util.Optional;

/**
 * How a {@link TestPhone} acting as an agent's phone (or a trunk) answers the INVITEs it receives.
 *
 * @param ringFor     how long it rings (180) before its final answer; null rings until cancelled
 * @param status      the final answer: 200 answers with SDP, anything else refuses
 * @param toneHz      0 sends G.711 silence once answered, otherwise a sine of that frequency
 * @param sdpOverride a body sent instead of a real SDP answer (malformed-answer tests); null for none
 * @param digest      when present, INVITEs must carry digest credentials first (a trunk)
 * @param answerCrossingCancel a CANCEL is answered 200 but the INVITE gets 200 too, as when the
 *                    callee's answer crossed the CANCEL on the wire (RFC 3261 §9.1 race)
 */
public record Answering(Duration ringFor, int status, double toneHz, String sdpOverride, Optional<DigestCheck> digest,
                        boolean answerCrossingCancel) {

    /** Rings for {@code ring}, then answers 200 with an SDP answer and starts RTP. */
    public static Answering answerAfter(Duration ring) {
        return new Answering(ring, 200, 0, null, Optional.empty(), false);
    }

    /** Rings until the caller gives up (CANCEL). */
    public static Answering ringForever() {
        return new Answering(null, 200, 0, null, Optional.empty(), false);
    }

    /** Rings for {@code ring}, then refuses with {@code status} (486, 603…). */
    public static Answering refuse(int status, Duration ring) {
        return new Answering(ring, status, 0, null, Optional.empty(), false);
    }

    public Answering withTone(double hz) {
        return new Answering(ringFor, status, hz, sdpOverride, digest, answerCrossingCancel);
    }

    /** Answers 200 to the INVITE even after a CANCEL (the answer crossed the CANCEL). */
    public Answering crossingCancel() {
        return new Answering(ringFor, status, toneHz, sdpOverride, digest, true);
    }

    public Answering withSdp(String body) {
        return new Answering(ringFor, status, toneHz, body, digest, answerCrossingCancel);
    }

    public Answering requiring(DigestCheck check) {
        return new Answering(ringFor, status, toneHz, sdpOverride, Optional.of(check), answerCrossingCancel);
    }

    /**
     * Digest authentication a trunk demands (RFC 7616): challenge with {@code challengeStatus} (401 with
     * WWW-Authenticate, or 407 with Proxy-Authenticate) offering {@code algorithm} with qop=auth, and
     * answer {@code wrongStatus} (403, or 401/407 to challenge again) to credentials that do not verify.
     */
    public record DigestCheck(String realm, String username, String password, String algorithm, int challengeStatus,
                              int wrongStatus) {
        public static DigestCheck sha256(String realm, String username, String password) {
            return new DigestCheck(realm, username, password, "SHA-256", 401, 403);
        }

        public DigestCheck withAlgorithm(String name) {
            return new DigestCheck(realm, username, password, name, challengeStatus, wrongStatus);
        }

        public DigestCheck withStatuses(int challenge, int wrong) {
            return new DigestCheck(realm, username, password, algorithm, challenge, wrong);
        }
    }
}
