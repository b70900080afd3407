package fr.accueil.telephony.acd;

import fr.accueil.telephony.call.Dial;
import fr.accueil.telephony.call.DialOutcome;
import fr.accueil.telephony.call.Dialer;
import fr.accueil.telephony.call.OutboundCall;
import fr.accueil.telephony.media.MediaUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's phones ringing in parallel (every registered contact): the first to answer wins and the
 * others are cancelled. Each INVITE is watched by a virtual thread that reports its final answer to the
 * contact's mailbox; the contact's thread feeds those reports to {@link #onDone} and keeps doing its own
 * work (music) meanwhile. Not thread-safe: used by the contact's thread only.
 */
final class Ringing {
    private static final Logger log = LoggerFactory.getLogger(Ringing.class);

    /** How the ringing ended. */
    sealed interface Result {
        record Answered(OutboundCall leg) implements Result {
        }

        /** {@code reason}: {@code no-answer}, {@code busy}, {@code declined} or {@code unreachable}. */
        record NotAnswered(String reason) implements Result {
        }
    }

    private final List<OutboundCall> legs = new ArrayList<>();
    private int pending;
    private boolean noAnswer;
    private boolean busy;
    private boolean declined;
    private boolean decided;

    private Ringing() {
    }

    /** Sends every INVITE; {@link #immediateResult} says if none could be sent. */
    static Ringing start(Dialer dialer, List<Dial> dials, Duration ringTimeout, Consumer<Signal> mailbox) {
        Ringing ringing = new Ringing();
        for (Dial dial : dials) {
            OutboundCall leg;
            try {
                leg = dialer.dial(dial);
            } catch (MediaUnavailableException | RuntimeException e) {
                log.warn("could not dial {}: {}", dial.requestUri(), e.toString());
                continue;
            }
            ringing.legs.add(leg);
            ringing.pending++;
            Thread.ofVirtual().name("ring-" + leg.callId()).start(
                    () -> mailbox.accept(new Signal.DialDone(ringing, leg, leg.awaitAnswer(ringTimeout))));
        }
        return ringing;
    }

    /** Not answered at once when no INVITE could be sent at all (no registered phone, no media port). */
    Optional<Result> immediateResult() {
        if (pending == 0 && !decided) {
            decided = true;
            return Optional.of(new Result.NotAnswered("unreachable"));
        }
        return Optional.empty();
    }

    /** Takes one INVITE's final answer; returns the result once the ringing is decided. */
    Optional<Result> onDone(Signal.DialDone done) {
        if (done.ringing() != this) {
            return Optional.empty();
        }
        if (decided) {
            // A phone answered after another one won (or after cancel): release it.
            if (done.outcome() instanceof DialOutcome.Answered) {
                done.leg().hangUp();
            }
            return Optional.empty();
        }
        pending--;
        switch (done.outcome()) {
            case DialOutcome.Answered answered -> {
                decided = true;
                for (OutboundCall other : legs) {
                    if (other != done.leg()) {
                        other.hangUp();
                    }
                }
                return Optional.of(new Result.Answered(done.leg()));
            }
            case DialOutcome.NoAnswer n -> noAnswer = true;
            case DialOutcome.Refused refused -> {
                if (refused.status() == 486 || refused.status() == 600) {
                    busy = true;
                } else {
                    declined = true;
                }
            }
            case DialOutcome.Cancelled c -> {
            }
            case DialOutcome.Failed f -> {
            }
        }
        if (pending > 0) {
            return Optional.empty();
        }
        decided = true;
        String reason = noAnswer ? "no-answer" : busy ? "busy" : declined ? "declined" : "unreachable";
        return Optional.of(new Result.NotAnswered(reason));
    }

    /** Stops ringing every phone (the caller left). */
    void cancel() {
        decided = true;
        legs.forEach(OutboundCall::hangUp);
    }
}
