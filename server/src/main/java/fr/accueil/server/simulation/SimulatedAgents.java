package fr.accueil.server.simulation;

import fr.accueil.telephony.call.Call;
import fr.accueil.telephony.call.CallEndedException;
import fr.accueil.telephony.call.CallHandler;
import fr.accueil.telephony.call.CallInfo;
import fr.accueil.telephony.media.MediaClosedException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated agents' phones: every INVITE the contact centre sends them rings for a short while,
 * is answered, lasts a lognormal talk time and is hung up by the agent (the centre then runs the
 * queue's wrap-up and offers the next caller). While on the call, the phone sends a '#' every second:
 * relayed through the bridge, it tells the simulated caller that a person picked up (a caller has no
 * ears to tell the agent's voice from the queue's music). The talk time starts when the other party
 * answers with a '*' ({@link #VOICE}): at once for a queued caller, after the citizen's phone rang
 * for a callback, so that an agent does not hang up on a citizen's ringing phone. A party that never
 * signals (a person calling the demo) is talked to after {@link #LONGEST_SILENCE}.
 */
final class SimulatedAgents implements CallHandler {
    private static final Logger log = LoggerFactory.getLogger(SimulatedAgents.class);
    static final char PICKED_UP = '#';
    /** What simulated callers and citizens send back once they hear the agent: the talk starts. */
    static final char VOICE = '*';
    /** Longer than any callback ring time-out: the centre hangs up first when the citizen does not answer. */
    private static final Duration LONGEST_SILENCE = Duration.ofSeconds(60);
    private static final Duration SIGNAL_EVERY = Duration.ofSeconds(1);

    private final SimulatedTime time;
    private final Duration meanHandlingTime;
    private final AtomicLong answered = new AtomicLong();

    SimulatedAgents(SimulatedTime time, Duration meanHandlingTime) {
        this.time = time;
        this.meanHandlingTime = meanHandlingTime;
    }

    long answered() {
        return answered.get();
    }

    @Override
    public void handle(Call call) {
        try {
            sleep(time.between(Duration.ofSeconds(2), Duration.ofSeconds(8)));  // the phone rings; the agent reaches for it
            call.answer();
            answered.incrementAndGet();
            Instant silentUntil = Instant.now().plus(LONGEST_SILENCE);
            while (Instant.now().isBefore(silentUntil)) {
                call.media().sendDigit(PICKED_UP);
                if (call.nextDigit(SIGNAL_EVERY).filter(d -> d == VOICE).isPresent()) {  // throws once the call ended
                    break;
                }
            }
            Instant end = Instant.now().plus(time.lognormal(meanHandlingTime));
            log.debug("simulated agent {} took a call until {}", call.info().requestUser(), end);
            while (Instant.now().isBefore(end)) {
                call.media().sendDigit(PICKED_UP);
                Duration left = Duration.between(Instant.now(), end);
                call.nextDigit(left.compareTo(SIGNAL_EVERY) < 0 ? left : SIGNAL_EVERY);  // throws once the caller hung up
            }
            call.hangUp();
        } catch (CallEndedException | MediaClosedException e) {
            // the caller hung up first, or the centre withdrew the offer (another agent, caller gone)
        } catch (IllegalStateException e) {
            log.debug("simulated agent call {} could not go on: {}", call.callId(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void refusedAtCapacity(CallInfo info) {
        log.debug("simulated agents' phone full: {} refused", info.callId());
    }

    static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }
}
