package fr.accueil.server.simulation;

import fr.accueil.telephony.call.Call;
import fr.accueil.telephony.call.CallEndedException;
import fr.accueil.telephony.call.CallHandler;
import fr.accueil.telephony.call.CallInfo;
import fr.accueil.telephony.call.EndCause;
import fr.accueil.telephony.call.LegListener;
import fr.accueil.telephony.call.Rejection;
import fr.accueil.telephony.media.AudioClip;
import fr.accueil.telephony.media.MediaClosedException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated citizens' phones behind the demo's stand-in trunk (see {@link SimulatedCitizensTrunk}):
 * every INVITE the contact centre places to a citizen (a callback attempt) rings a short while and, with
 * probability {@code callback-answer-rate}, is answered; the citizen then talks (a murmur, real RTP, and a
 * '*' every second that starts the agent's talk time, see {@link SimulatedAgents}) for a lognormal time
 * around the mean handling time and hangs up, unless the agent hangs up first. An
 * unanswered attempt is, one time in two, declined busy (486, RFC 3261 §21.4.24) after the ring, or left
 * ringing until the centre's ring time-out cancels it: both count as failed attempts, so retries and
 * given-up callbacks appear in the demo too.
 *
 * <p>Threading: {@link #handle} runs on the call's own virtual thread (one per INVITE); the counters are
 * the only shared state.
 */
final class SimulatedCitizens implements CallHandler {
    private static final Logger log = LoggerFactory.getLogger(SimulatedCitizens.class);
    /** Safety bound on a phone left ringing, should the centre never cancel: then 480 (RFC 3261 §21.4.18). */
    private static final Duration LONGEST_RING = Duration.ofMinutes(3);
    /** What a citizen says: a 200 Hz murmur with pauses, so that the agent's side receives real audio. */
    private static final AudioClip VOICE = voice();

    private final SimulatedTime time;
    private final Duration meanHandlingTime;
    private final double answerRate;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong declined = new AtomicLong();
    private final AtomicLong leftRinging = new AtomicLong();

    SimulatedCitizens(SimulatedTime time, Duration meanHandlingTime, double answerRate) {
        this.time = time;
        this.meanHandlingTime = meanHandlingTime;
        this.answerRate = answerRate;
    }

    long answered() {
        return answered.get();
    }

    long declined() {
        return declined.get();
    }

    long leftRinging() {
        return leftRinging.get();
    }

    @Override
    public void handle(Call call) {
        CountDownLatch ended = new CountDownLatch(1);
        call.listen(new LegListener() {
            @Override
            public void ended(EndCause cause) {
                ended.countDown();
            }
        });
        try {
            boolean answers = time.chance(answerRate);
            if (!answers && time.chance(0.5)) {
                leftRinging.incrementAndGet();
                if (!ended.await(LONGEST_RING.toMillis(), TimeUnit.MILLISECONDS)) {
                    call.reject(Rejection.temporarilyUnavailable());
                }
                return;
            }
            // The phone rings; the citizen reaches for it, or looks at the screen and declines.
            if (ended.await(time.between(Duration.ofSeconds(3), Duration.ofSeconds(15)).toMillis(), TimeUnit.MILLISECONDS)) {
                return;  // the centre cancelled first (its agent hung up)
            }
            if (!answers) {
                declined.incrementAndGet();
                call.reject(Rejection.busyHere());
                return;
            }
            call.answer();
            answered.incrementAndGet();
            Instant end = Instant.now().plus(time.lognormal(meanHandlingTime));
            log.debug("simulated citizen answered callback {} until {}", call.callId(), end);
            while (Instant.now().isBefore(end)) {
                // Every second: tells the agent's phone that the citizen is there (its talk time starts; the bridge may
                // connect after our 200 OK, so one signal could be lost), then a second of murmur.
                call.media().sendDigit(SimulatedAgents.VOICE);
                call.play(List.of(VOICE), false);  // throws once the agent hung up
                call.flushDigits();  // the agent's phone signals '#' through the bridge: nothing for a citizen
            }
            call.hangUp();
        } catch (CallEndedException | MediaClosedException e) {
            // the agent hung up first, or the centre gave up
        } catch (IllegalStateException e) {
            log.debug("simulated citizen call {} could not go on: {}", call.callId(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void refusedAtCapacity(CallInfo info) {
        log.debug("simulated citizens' phones full: {} refused", info.callId());
    }

    private static AudioClip voice() {
        short[] samples = new short[AudioClip.SAMPLE_RATE];  // one second: 600 ms of murmur, 400 ms of pause
        for (int i = 0; i < AudioClip.SAMPLE_RATE * 6 / 10; i++) {
            double t = (double) i / AudioClip.SAMPLE_RATE;
            samples[i] = (short) (4000 * Math.sin(2 * Math.PI * 200 * t) * Math.sin(Math.PI * t / 0.6));
        }
        return AudioClip.ofPcm16("simulated-citizen-voice", samples);
    }
}
