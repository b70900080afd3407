package fr.accueil.telephony.call;

import java.time.Duration;

/**
 * An INVITE we placed. The INVITE is sent when {@link Dialer#dial} returns; {@link #awaitAnswer}
 * blocks the calling (virtual) thread until the far end answers, refuses, or the ring time-out passes.
 * Media starts at the answer; a {@link LegListener} learns of BYE, REFER and hold afterwards.
 */
public interface OutboundCall extends Leg {

    Dial dial();

    /**
     * Waits for the final answer. On time-out sends CANCEL and returns {@link DialOutcome.NoAnswer};
     * if {@link #hangUp()} is called meanwhile returns {@link DialOutcome.Cancelled}. Idempotent: later
     * calls return the same outcome at once.
     */
    DialOutcome awaitAnswer(Duration ringTimeout);

    /** True once a 180/183 arrived. */
    boolean ringing();
}
