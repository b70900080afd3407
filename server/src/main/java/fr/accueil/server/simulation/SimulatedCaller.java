package fr.accueil.server.simulation;

import fr.accueil.telephony.call.Dial;
import fr.accueil.telephony.call.DialOutcome;
import fr.accueil.telephony.call.Dialer;
import fr.accueil.telephony.call.EndCause;
import fr.accueil.telephony.call.LegListener;
import fr.accueil.telephony.call.OutboundCall;
import fr.accueil.telephony.media.MediaClosedException;
import fr.accueil.telephony.media.MediaUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One simulated citizen's call, run on its own virtual thread: dials a demo number over SIP, listens
 * a moment, types the keys of its intent as RFC 4733 events and behaves as people do — hangs up after
 * the message, or waits in the queue until an agent picks up (the agent's phone signals it, see
 * {@link SimulatedAgents}) or its patience runs out; it may ask for a callback with the queue's callback
 * key, then confirm that the calling number is the one to call back.
 *
 * <p>Prompt lengths are real (the IVR plays them at their own pace): only the people's durations are
 * scaled.
 */
final class SimulatedCaller {
    /** Time to hear the welcome's first words before typing (the IVR takes keys during the welcome). */
    private static final Duration LISTEN = Duration.ofMillis(1500);
    private static final Duration BETWEEN_KEYS = Duration.ofMillis(1200);
    private static final Duration LONGEST_MESSAGE = Duration.ofSeconds(30);
    /** The IVR answers at once; a loaded machine (a capacity test) may take a while. */
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(20);
    /** After the callback key, the time to hear the start of "confirm your number" (keys typed earlier are flushed). */
    private static final Duration BEFORE_CONFIRM = Duration.ofMillis(1500);
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SimulatedCaller.class);

    /** How one simulated call ended, from the caller's side (counted by the simulator). */
    enum Result { NOT_ANSWERED, LEFT_IN_IVR, HEARD_MESSAGE, TALKED_TO_AGENT, ABANDONED_IN_QUEUE, ASKED_CALLBACK, ENDED_BY_SERVICE }

    private final Dialer dialer;
    private final String target;
    private final String callerNumber;
    private final DialledService service;
    private final CallerIntent intent;
    private final SimulatedTime time;
    private final SimulationSettings settings;
    private final CallbackAsking callbacks;

    SimulatedCaller(Dialer dialer, String target, String callerNumber, DialledService service, CallerIntent intent,
                    SimulatedTime time, SimulationSettings settings, CallbackAsking callbacks) {
        this.dialer = dialer;
        this.target = target;
        this.callerNumber = callerNumber;
        this.service = service;
        this.intent = intent;
        this.time = time;
        this.settings = settings;
        this.callbacks = callbacks;
    }

    Result call() throws InterruptedException, MediaUnavailableException {
        OutboundCall call = dialer.dial(Dial.to(target, callerNumber));
        CountDownLatch ended = new CountDownLatch(1);
        call.listen(new LegListener() {
            @Override
            public void ended(EndCause cause) {
                ended.countDown();
            }
        });
        try {
            DialOutcome answer = call.awaitAnswer(ANSWER_WAIT);
            if (!(answer instanceof DialOutcome.Answered)) {
                log.debug("simulated call to {} not answered: {}", target, answer);
                return Result.NOT_ANSWERED;
            }
            Optional<String> keys = service.keysFor(intent);
            if (intent == CallerIntent.HANG_UP_IN_IVR) {
                sleep(Duration.ofMillis(500 + time.random().nextLong(5_000)));
                return ended.getCount() == 0 ? Result.ENDED_BY_SERVICE : Result.LEFT_IN_IVR;
            }
            sleep(LISTEN);
            for (char key : keys.or(() -> service.keysFor(CallerIntent.SELF_SERVICE)).orElse("").toCharArray()) {
                if (ended.getCount() == 0) {
                    return Result.ENDED_BY_SERVICE;
                }
                call.media().sendDigit(key);
                sleep(BETWEEN_KEYS);
            }
            return switch (intent) {
                case QUEUE -> waitInQueue(call, ended);
                case INFORMATION -> ended.await(time.random().nextLong(3_000, 8_000), TimeUnit.MILLISECONDS)
                        ? Result.ENDED_BY_SERVICE : Result.HEARD_MESSAGE;
                default -> ended.await(LONGEST_MESSAGE.toMillis(), TimeUnit.MILLISECONDS) ? Result.HEARD_MESSAGE : Result.LEFT_IN_IVR;
            };
        } catch (MediaClosedException | IllegalStateException e) {
            return Result.ENDED_BY_SERVICE;  // the service hung up while we were typing
        } finally {
            call.hangUp();
        }
    }

    private Result waitInQueue(OutboundCall call, CountDownLatch ended) throws InterruptedException {
        Instant givesUpAt = Instant.now().plus(time.exponential(settings.meanPatience()));
        Instant asksCallbackAt = time.chance(callbacks.probability())
                ? Instant.now().plus(time.between(Duration.ofSeconds(30), Duration.ofSeconds(90))) : null;
        try {
            while (true) {
                Instant next = asksCallbackAt != null && asksCallbackAt.isBefore(givesUpAt) ? asksCallbackAt : givesUpAt;
                Duration wait = Duration.between(Instant.now(), next);
                Optional<Character> signal = call.media().nextDigit(wait.isNegative() ? Duration.ZERO : wait);
                if (signal.isPresent()) {
                    // a person answered: say so (the agent's talk starts), stay until the agent hangs up
                    call.media().sendDigit(SimulatedAgents.VOICE);
                    ended.await(Math.max(60_000, settings.meanHandlingTime().toMillis() * 10), TimeUnit.MILLISECONDS);
                    return Result.TALKED_TO_AGENT;
                }
                if (ended.getCount() == 0) {
                    return Result.ENDED_BY_SERVICE;
                }
                if (next == asksCallbackAt) {
                    asksCallbackAt = null;
                    call.media().sendDigit(callbacks.callbackKey());
                    // Taken: the centre asks to confirm the number, books, says so and hangs up. Not offered (no
                    // callback key, no trunk): both keys are ignored and we wait on.
                    if (ended.await(BEFORE_CONFIRM.toMillis(), TimeUnit.MILLISECONDS)) {
                        return Result.ENDED_BY_SERVICE;
                    }
                    call.media().sendDigit(callbacks.confirmKey());
                    if (ended.await(10, TimeUnit.SECONDS)) {
                        return Result.ASKED_CALLBACK;
                    }
                    continue;
                }
                return Result.ABANDONED_IN_QUEUE;
            }
        } catch (MediaClosedException e) {
            return Result.ENDED_BY_SERVICE;
        }
    }

    private static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }
}
