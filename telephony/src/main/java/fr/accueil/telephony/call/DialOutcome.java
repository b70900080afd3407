package fr.accueil.telephony.call;

/** How an outbound INVITE ended its ringing phase. */
public sealed interface DialOutcome {

    /** 2xx received, ACK sent, media flowing. */
    record Answered() implements DialOutcome {
    }

    /** A final negative answer: 486 busy, 603 decline, 480 unavailable, 404… */
    record Refused(int status, String reason) implements DialOutcome {
    }

    /** Nobody answered within the ring time-out; we sent CANCEL. */
    record NoAnswer() implements DialOutcome {
    }

    /** We gave up before an answer (hangUp from another thread: the caller left). */
    record Cancelled() implements DialOutcome {
    }

    /** Transport error, transaction time-out (408), unusable SDP answer, no media port. */
    record Failed(String reason) implements DialOutcome {
    }
}
