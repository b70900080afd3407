package fr.accueil.telephony.acd;

import fr.accueil.core.callback.CallbackRequest;
import fr.accueil.core.contact.ContactEvent;
import fr.accueil.core.contact.EndReason;
import fr.accueil.core.contact.Outcome;
import fr.accueil.core.contact.Side;
import fr.accueil.core.directory.PromptRef;
import fr.accueil.core.directory.Service;
import fr.accueil.core.outbound.OutboundVerdict;
import fr.accueil.core.routing.AgentId;
import fr.accueil.core.routing.Assignment;
import fr.accueil.core.routing.EnqueueResult;
import fr.accueil.core.routing.Overflow;
import fr.accueil.core.routing.QueueDefinition;
import fr.accueil.core.routing.QueueRules;
import fr.accueil.core.routing.QueueSetup;
import fr.accueil.core.routing.WaitingContact;
import fr.accueil.telephony.call.Call;
import fr.accueil.telephony.call.CallEndedException;
import fr.accueil.telephony.call.EndCause;
import fr.accueil.telephony.call.LegListener;
import fr.accueil.telephony.call.OutboundCall;
import fr.accueil.telephony.ivr.ContactRecorder;
import fr.accueil.telephony.media.MediaBridge;
import fr.accueil.telephony.media.PlaybackResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One queued caller's life, on the caller's own virtual thread (decision 0008): join the queue, wait with
 * music and announcements, ring the agent the distributor chose while the music goes on, bridge, and end
 * (or overflow, book a callback, be re-queued after a lost agent, be transferred by the agent). Everything
 * other threads learn arrives in {@link #mailbox}; this thread is the only one that acts on the call and
 * writes the contact record.
 */
final class QueuedCaller {
    private static final Logger log = LoggerFactory.getLogger(QueuedCaller.class);
    /** Music is played in pieces this long, so that the thread can act between pieces (an agent answered). */
    static final Duration SLICE = Duration.ofMillis(400);
    private static final Duration KEY_TIMEOUT = Duration.ofSeconds(6);
    private static final Duration DIGIT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SURVEY_TIMEOUT = Duration.ofSeconds(8);
    private static final int MAX_OVERFLOW_MOVES = 3;
    /** A contact put back at the head after its agent was lost: the highest contact priority. */
    private static final int HEAD_PRIORITY = QueueDefinition.MAX_PRIORITY;

    private enum Next { WAIT_AGAIN, DONE }

    private final ContactCentre centre;
    private final Call call;
    private final BlockingQueue<Signal> mailbox = new LinkedBlockingQueue<>();
    private ContactRecorder recorder;
    private Service service;
    private QueueSetup setup;
    private Instant enqueuedAt;
    private Instant joinedQueueAt;
    private int priority;
    private boolean handled;
    private boolean handedOver;
    private boolean callerListened;
    private boolean callbackOffered;
    private int overflowMoves;
    private Ringing ringing;
    private AgentId ringingAgent;
    private AgentId lostAgent;
    private Music music;

    QueuedCaller(ContactCentre centre, Call call, ContactRecorder recorder, Service service, QueueSetup setup) {
        this.centre = centre;
        this.call = call;
        this.recorder = recorder;
        this.service = service;
        this.setup = setup;
    }

    void run() {
        try {
            enqueuedAt = recorder.now();
            if (!join()) {
                return;
            }
            while (waitForAgent() == Next.WAIT_AGAIN) {
                // re-queued (agent lost) or moved (overflow to a queue, agent transfer): wait again
            }
        } catch (CallEndedException ended) {
            callerLeft(ended.endCause());
        } catch (RuntimeException e) {
            log.warn("[{}] queue {} failed", call.callId(), setup.id(), e);
            stopRinging();
            centre.distributor().leave(recorder.id());
            if (!handedOver) {
                apologise();
                call.hangUp();
                recorder.close(handled ? Outcome.HANDLED_BY_AGENT : Outcome.FAILED, EndReason.ERROR, Side.SYSTEM);
            }
        }
    }

    // ------------------------------------------------------------------ joining and overflow

    /** Enqueues in the current queue; false when the contact is over (overflowed to a goodbye, callback booked). */
    private boolean join() throws CallEndedException {
        joinedQueueAt = recorder.now();
        music = centre.music(rules().music());
        callbackOffered = false;
        EnqueueResult result = centre.distributor().enqueue(waiting(), this::assigned);
        if (result instanceof EnqueueResult.QueueFull) {
            return overflow("queue-full");
        }
        int position = ((EnqueueResult.Accepted) result).position();
        recorder.record(new ContactEvent.Enqueued(recorder.now(), setup.id().value(), position));
        if (centre.distributor().read(engine -> engine.staffedAgents(setup.id())) == 0) {
            switch (rules().whenNoAgents()) {
                case OVERFLOW -> {
                    return overflow("no-agents");
                }
                case OFFER_CALLBACK -> {
                    play(List.of(QueuePrompts.NO_AGENTS), false);
                    if (centre.callbacksPossible() && askCallback()) {
                        return false;
                    }
                    return overflow("no-agents");
                }
                case WAIT -> {
                }
            }
        }
        return true;
    }

    private WaitingContact waiting() {
        WaitingContact waiting = WaitingContact.of(recorder.id(), setup.id(), priority, enqueuedAt);
        Optional<AgentId> last = centre.lastAgent(recorder.origin().callerPseudonym());
        // Not the agent whose phone was just lost: the caller would wait for a phone that is gone.
        return last.filter(centre.distributor()::knowsAgent).filter(agent -> !agent.equals(lostAgent))
                .map(waiting::withPreferredAgent).orElse(waiting);
    }

    /** Goes to the queue's overflow target; true when the contact goes on waiting in another queue. */
    private boolean overflow(String reason) throws CallEndedException {
        centre.distributor().leave(recorder.id());
        String queue = setup.id().value();
        Optional<Overflow> target = rules().overflow();
        if (target.isPresent() && target.get() instanceof Overflow.ToQueue toQueue && overflowMoves < MAX_OVERFLOW_MOVES) {
            Optional<QueueSetup> next = centre.setup(toQueue.queue());
            if (next.isPresent()) {
                overflowMoves++;
                recorder.record(new ContactEvent.Overflowed(recorder.now(), queue, "queue:" + toQueue.queue(), reason));
                setup = next.get();
                // The contact keeps its arrival time, hence its place among the target queue's contacts.
                return join();
            }
            log.warn("[{}] overflow queue {} of {} is not configured", call.callId(), toQueue.queue(), queue);
        }
        switch (target.orElse(null)) {
            case Overflow.ToNumber toNumber -> {
                Optional<String> uri = centre.trunkUri(toNumber.number());
                if (uri.isPresent()) {
                    recorder.record(new ContactEvent.Overflowed(recorder.now(), queue, "number:" + toNumber.number(), reason));
                    play(List.of(QueuePrompts.TRANSFER_TO_NUMBER), false);
                    if (call.transfer(uri.get())) {
                        recorder.close(Outcome.OVERFLOWED, EndReason.TRANSFERRED, Side.SYSTEM);
                        return false;
                    }
                    play(List.of(QueuePrompts.TRANSFER_FAILED, QueuePrompts.GOODBYE), false);
                    finish(Outcome.OVERFLOWED, EndReason.OVERFLOW);
                    return false;
                }
                log.warn("[{}] overflow number of queue {} refused by the outbound policy or no trunk", call.callId(), queue);
                recorder.record(new ContactEvent.Overflowed(recorder.now(), queue, "goodbye", reason));
                play(List.of(QueuePrompts.OVERFLOW, QueuePrompts.GOODBYE), false);
            }
            case Overflow.Message message -> {
                recorder.record(new ContactEvent.Overflowed(recorder.now(), queue, "message:" + message.prompt().name(), reason));
                play(List.of(message.prompt(), QueuePrompts.GOODBYE), false);
            }
            case null, default -> {
                recorder.record(new ContactEvent.Overflowed(recorder.now(), queue, "goodbye", reason));
                play(List.of(QueuePrompts.OVERFLOW, QueuePrompts.GOODBYE), false);
            }
        }
        finish(Outcome.OVERFLOWED, EndReason.OVERFLOW);
        return false;
    }

    // ------------------------------------------------------------------ waiting

    private void assigned(Assignment assignment) {
        mailbox.add(new Signal.Offered(assignment));
    }

    /** Waits (music, announcements, callback key) until an agent answers or the contact leaves the queue. */
    private Next waitForAgent() throws CallEndedException {
        Instant deadline = joinedQueueAt.plus(setup.definition().maxWait());
        Duration every = rules().announceEvery();
        Instant nextAnnouncement = every.isZero() ? Instant.MAX : recorder.now();
        while (true) {
            Signal signal;
            while ((signal = mailbox.poll()) != null) {
                Optional<Next> next = onSignalWhileWaiting(signal);
                if (next.isPresent()) {
                    return next.get();
                }
            }
            Instant now = recorder.now();
            if (ringing == null) {
                if (!now.isBefore(deadline)) {
                    return overflow("max-wait") ? Next.WAIT_AGAIN : Next.DONE;
                }
                if (!now.isBefore(nextAnnouncement)) {
                    nextAnnouncement = now.plus(every);
                    if (announce()) {
                        return Next.DONE;
                    }
                    continue;
                }
            }
            PlaybackResult result = call.play(List.of(music.next()), true);
            if (result == PlaybackResult.INTERRUPTED_BY_DIGIT) {
                Optional<Character> key = call.nextDigit(Duration.ZERO);
                if (ringing == null && key.isPresent() && key.equals(rules().callbackKey()) && centre.callbacksPossible()) {
                    if (askCallback()) {
                        return Next.DONE;
                    }
                }
            }
        }
    }

    private Optional<Next> onSignalWhileWaiting(Signal signal) throws CallEndedException {
        switch (signal) {
            case Signal.Offered offered -> {
                // An offer made before the contact left its queue (overflow, callback, re-queue) is stale.
                if (ringing == null && centre.distributor().isOffered(offered.assignment())) {
                    startRinging(offered.assignment());
                }
            }
            case Signal.DialDone done -> {
                if (ringing != null) {
                    Optional<Ringing.Result> result = ringing.onDone(done);
                    if (result.isPresent()) {
                        return rung(result.get());
                    }
                } else if (done.outcome() instanceof fr.accueil.telephony.call.DialOutcome.Answered) {
                    done.leg().hangUp();
                }
            }
            default -> {
                // leg signals of an earlier bridge: nothing to do any more
            }
        }
        return Optional.empty();
    }

    private void startRinging(Assignment assignment) throws CallEndedException {
        ringingAgent = assignment.agent();
        recorder.record(new ContactEvent.Offered(recorder.now(), setup.id().value(), assignment.agent().value()));
        ringing = Ringing.start(centre.dialer(), centre.agentDials(assignment.agent(), recorder.id(),
                recorder.origin().dialled(), service.name()), rules().ringTimeout(), mailbox::add);
        // No phone to ring (none registered, no media port): not answered at once.
        ringing.immediateResult().ifPresent(this::notAnswered);
    }

    /** The ringing is decided: bridge (then the contact is over or waits again), or back to waiting. */
    private Optional<Next> rung(Ringing.Result result) throws CallEndedException {
        AgentId agent = ringingAgent;
        ringing = null;
        ringingAgent = null;
        return switch (result) {
            case Ringing.Result.Answered answered -> Optional.of(bridge(agent, answered.leg()));
            case Ringing.Result.NotAnswered notAnswered -> {
                recorder.record(new ContactEvent.AgentNoAnswer(recorder.now(), agent.value(), notAnswered.reason()));
                centre.distributor().noAnswer(agent, recorder.id());
                yield Optional.empty();
            }
        };
    }

    private void notAnswered(Ringing.Result result) {
        try {
            rung(result);
        } catch (CallEndedException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * Says the position and the estimated wait, and offers a callback when the estimate passes the
     * queue's threshold. True when the caller booked a callback (the contact is over for this thread).
     */
    private boolean announce() throws CallEndedException {
        var position = centre.distributor().position(recorder.id());
        Optional<Duration> estimate = centre.distributor().estimatedWait(recorder.id());
        if (position.isEmpty()) {
            return false;
        }
        List<PromptRef> words = new java.util.ArrayList<>(QueuePrompts.position(position.getAsInt()));
        estimate.ifPresent(wait -> words.addAll(QueuePrompts.estimate(wait)));
        play(words, true);
        Optional<Duration> above = rules().callbackAbove();
        if (!callbackOffered && above.isPresent() && estimate.isPresent() && estimate.get().compareTo(above.get()) > 0
                && centre.callbacksPossible()) {
            callbackOffered = true;
            char key = rules().callbackKey().orElse(centre.callbackRules().confirmKey());
            call.flushDigits();
            play(QueuePrompts.callbackOffer(key), true);
            Optional<Character> pressed = call.nextDigit(KEY_TIMEOUT);
            if (pressed.isPresent() && pressed.get() == key) {
                return askCallback();
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ callback

    /**
     * Asks for the number to call back (the calling one, or ten typed digits accepted by the outbound
     * policy), books the callback at this contact's place and says goodbye. The contact stays open:
     * the callback desk acts for it from now on. False if no valid number was given.
     */
    private boolean askCallback() throws CallEndedException {
        Optional<String> number = Optional.empty();
        boolean sameNumber = false;
        for (int attempt = 0; attempt < 3 && number.isEmpty(); attempt++) {
            call.flushDigits();
            play(List.of(QueuePrompts.CALLBACK_CONFIRM_NUMBER), true);
            Optional<Character> key = call.nextDigit(KEY_TIMEOUT);
            if (key.isEmpty()) {
                continue;
            }
            if (key.get() == centre.callbackRules().confirmKey()) {
                number = allowed(call.info().callerNumber());
                sameNumber = number.isPresent();
                if (number.isEmpty()) {
                    play(List.of(QueuePrompts.CALLBACK_INVALID_NUMBER), false);
                    number = typedNumber();
                }
            } else {
                number = typedNumber();
            }
        }
        if (number.isEmpty()) {
            return false;
        }
        Instant now = recorder.now();
        CallbackRequest request = new CallbackRequest(recorder.id(), setup.id(), number.get(), enqueuedAt, now, 0, now);
        centre.book().save(request);
        recorder.record(new ContactEvent.CallbackRequested(now, setup.id().value(), sameNumber));
        handedOver = true;
        centre.handOverToCallbackDesk(request, recorder, service);
        try {
            play(List.of(QueuePrompts.CALLBACK_SAVED), false);
            call.hangUp();
        } catch (CallEndedException gone) {
            // The caller hung up during the confirmation: the callback is booked all the same.
        }
        return true;
    }

    /** Ten digits typed by the caller, accepted by the outbound policy; up to three tries. */
    private Optional<String> typedNumber() throws CallEndedException {
        for (int attempt = 0; attempt < 3; attempt++) {
            call.flushDigits();
            play(List.of(QueuePrompts.CALLBACK_TYPE_NUMBER), true);
            StringBuilder digits = new StringBuilder();
            while (digits.length() < 10) {
                Optional<Character> digit = call.nextDigit(DIGIT_TIMEOUT);
                if (digit.isEmpty() || !Character.isDigit(digit.get())) {
                    break;
                }
                digits.append(digit.get());
            }
            Optional<String> number = digits.length() == 10 ? allowed(digits.toString()) : Optional.empty();
            if (number.isPresent()) {
                return number;
            }
            play(List.of(QueuePrompts.CALLBACK_INVALID_NUMBER), false);
        }
        return Optional.empty();
    }

    private Optional<String> allowed(String number) {
        if (number == null || number.isBlank()) {
            return Optional.empty();
        }
        return centre.policy().check(number) instanceof OutboundVerdict.Allowed allowed
                ? Optional.of(allowed.e164()) : Optional.empty();
    }

    // ------------------------------------------------------------------ bridge

    /** Caller and agent talk until either hangs up, the agent's phone is lost, or the agent transfers. */
    private Next bridge(AgentId agent, OutboundCall leg) throws CallEndedException {
        // Listen first: an agent may REFER as soon as the call is answered (a REFER with no listener is refused).
        leg.listen(new LegListener() {
            @Override
            public void ended(EndCause cause) {
                mailbox.add(new Signal.LegEnded(leg, cause));
            }

            @Override
            public boolean transferRequested(String referTo) {
                return centre.transferDestination(referTo).isPresent();
            }

            @Override
            public void transferAccepted(String referTo) {
                // After the NOTIFY: handling the signal hangs the agent's leg up.
                centre.transferDestination(referTo).ifPresent(d -> mailbox.add(new Signal.TransferAsked(leg, d)));
            }

            @Override
            public void holdChanged(boolean onHold) {
                mailbox.add(new Signal.HoldChanged(leg, onHold));
            }
        });
        centre.distributor().answered(agent, recorder.id());
        recorder.record(new ContactEvent.AgentAnswered(recorder.now(), setup.id().value(), agent.value()));
        handled = true;
        centre.rememberLastAgent(recorder.origin().callerPseudonym(), agent);
        Instant answeredAt = recorder.now();
        if (!callerListened) {
            callerListened = true;
            call.listen(new LegListener() {
                @Override
                public void ended(EndCause cause) {
                    mailbox.add(new Signal.LegEnded(call, cause));
                }
            });
        }
        MediaBridge bridge;
        try {
            bridge = call.media().connect(leg.media());
        } catch (IllegalStateException e) {
            // One side's media is already closed: whichever leg ended will say so in the mailbox.
            log.debug("[{}] bridge not connected: {}", call.callId(), e.toString());
            bridge = null;
        }
        Duration lostAfter = rules().agentLostTimeout();
        boolean onHold = false;
        try {
            while (true) {
                Signal signal = onHold ? mailbox.take() : mailbox.poll(untilSilenceTooLong(leg, lostAfter), TimeUnit.MILLISECONDS);
                if (signal == null) {
                    if (!onHold && silentFor(leg).compareTo(lostAfter) >= 0) {
                        closeBridge(bridge);
                        leg.hangUp();
                        return agentLost(agent, "no-rtp");
                    }
                    continue;
                }
                switch (signal) {
                    case Signal.LegEnded ended when ended.leg() == call -> {
                        closeBridge(bridge);
                        leg.hangUp();
                        agentDone(agent, answeredAt);
                        recorder.close(Outcome.HANDLED_BY_AGENT, EndReason.HANG_UP, Side.CALLER);
                        return Next.DONE;
                    }
                    case Signal.LegEnded ended when ended.leg() == leg -> {
                        closeBridge(bridge);
                        if (ended.cause() == EndCause.MEDIA_TIMEOUT || ended.cause() == EndCause.SIGNALLING_ERROR) {
                            return agentLost(agent, ended.cause() == EndCause.MEDIA_TIMEOUT ? "media-timeout" : "signalling-error");
                        }
                        agentDone(agent, answeredAt);
                        survey();
                        call.hangUp();
                        recorder.close(Outcome.HANDLED_BY_AGENT, EndReason.AGENT_HANG_UP, Side.AGENT);
                        return Next.DONE;
                    }
                    case Signal.TransferAsked transfer when transfer.leg() == leg -> {
                        closeBridge(bridge);
                        leg.hangUp();
                        agentDone(agent, answeredAt);
                        return transferred(agent, transfer.destination());
                    }
                    case Signal.HoldChanged hold when hold.leg() == leg -> onHold = hold.onHold();
                    case Signal.DialDone late when late.outcome() instanceof fr.accueil.telephony.call.DialOutcome.Answered ->
                            late.leg().hangUp();
                    default -> {
                        // signals about earlier legs
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeBridge(bridge);
            leg.hangUp();
            agentDone(agent, answeredAt);
            throw new CallEndedException(EndCause.SHUTDOWN);
        }
    }

    private static Duration silentFor(OutboundCall leg) {
        Duration silent = Duration.between(leg.media().lastPacketReceivedAt(), Instant.now());
        return silent.isNegative() ? Duration.ZERO : silent;
    }

    private static long untilSilenceTooLong(OutboundCall leg, Duration lostAfter) {
        return Math.max(50, lostAfter.minus(silentFor(leg)).toMillis());
    }

    private static void closeBridge(MediaBridge bridge) {
        if (bridge != null) {
            bridge.close();
        }
    }

    private void agentDone(AgentId agent, Instant answeredAt) {
        Duration talk = Duration.between(answeredAt, recorder.now());
        centre.agentFinished(agent, setup, talk);
    }

    /** The agent's phone went away mid-call: tell the caller and put them back at the head of the queue. */
    private Next agentLost(AgentId agent, String reason) throws CallEndedException {
        recorder.record(new ContactEvent.AgentLost(recorder.now(), agent.value(), reason));
        centre.distributor().phoneLost(agent);
        lostAgent = agent;
        play(List.of(QueuePrompts.AGENT_LOST), false);
        // Really the head: the highest contact priority, and the original arrival time.
        priority = HEAD_PRIORITY;
        EnqueueResult result = centre.distributor().enqueue(waiting(), this::assigned);
        if (result instanceof EnqueueResult.Accepted accepted) {
            recorder.record(new ContactEvent.Enqueued(recorder.now(), setup.id().value(), accepted.position()));
            joinedQueueAt = recorder.now();
            return Next.WAIT_AGAIN;
        }
        play(List.of(QueuePrompts.OVERFLOW, QueuePrompts.GOODBYE), false);
        finish(Outcome.HANDLED_BY_AGENT, EndReason.ERROR);
        return Next.DONE;
    }

    /** After the agent hung up: "Globalement, êtes-vous satisfait…", 1 to 5, if the service wants it. */
    private void survey() {
        if (!rules().survey()) {
            return;
        }
        try {
            call.flushDigits();
            play(List.of(QueuePrompts.SURVEY_QUESTION), true);
            Optional<Character> key = call.nextDigit(SURVEY_TIMEOUT);
            if (key.isPresent() && key.get() >= '1' && key.get() <= '5') {
                recorder.record(new ContactEvent.SurveyAnswered(recorder.now(), key.get() - '0'));
                play(List.of(QueuePrompts.SURVEY_THANKS), false);
            } else {
                play(List.of(QueuePrompts.GOODBYE), false);
            }
        } catch (CallEndedException gone) {
            // The caller hung up instead of answering: no score.
        }
    }

    /**
     * The agent's REFER was accepted. To a queue: this contact ends (handled by the agent) and a new one,
     * linked to it, waits in the target queue on the same call. To a number: a blind transfer of the
     * caller's leg through the trunk (REFER to the caller's side), so no media stays on our relay.
     */
    private Next transferred(AgentId agent, TransferDestination destination) throws CallEndedException {
        switch (destination) {
            case TransferDestination.ToQueue toQueue -> {
                QueueSetup target = centre.setup(toQueue.queue()).orElseThrow();
                Optional<Service> known = centre.service(target.definition().service());
                Service targetService = known.orElse(service);
                // The new contact belongs to the target queue's service, even if the directory does not know it.
                ContactRecorder next = recorder.linked(known.map(s -> s.administration().value()).orElse(recorder.origin().administration()),
                        target.definition().service(), "agent-transfer");
                recorder.record(new ContactEvent.TransferredByAgent(recorder.now(), agent.value(), "queue:" + toQueue.queue(),
                        next.id().toString()));
                recorder.close(Outcome.HANDLED_BY_AGENT, EndReason.TRANSFERRED, Side.AGENT);
                recorder = next;
                service = targetService;
                setup = target;
                handled = false;
                priority = 0;
                overflowMoves = 0;
                enqueuedAt = recorder.now();
                play(List.of(QueuePrompts.TRANSFER_TO_SERVICE), false);
                return join() ? Next.WAIT_AGAIN : Next.DONE;
            }
            case TransferDestination.ToNumber toNumber -> {
                recorder.record(new ContactEvent.TransferredByAgent(recorder.now(), agent.value(), "number:" + toNumber.e164(), null));
                play(List.of(QueuePrompts.TRANSFER_TO_NUMBER), false);
                String uri = centre.trunkUri(toNumber.e164()).orElseThrow();
                if (call.transfer(uri)) {
                    recorder.close(Outcome.HANDLED_BY_AGENT, EndReason.TRANSFERRED, Side.AGENT);
                } else {
                    play(List.of(QueuePrompts.TRANSFER_FAILED, QueuePrompts.GOODBYE), false);
                    finish(Outcome.HANDLED_BY_AGENT, EndReason.COMPLETED);
                }
                return Next.DONE;
            }
        }
    }

    // ------------------------------------------------------------------ endings

    private void callerLeft(EndCause cause) {
        stopRinging();
        if (handedOver || recorder.closed()) {
            return;
        }
        Optional<WaitingContact> left = centre.distributor().leave(recorder.id());
        if (left.isPresent()) {
            long waited = Duration.between(enqueuedAt, recorder.now()).toMillis();
            recorder.record(new ContactEvent.Abandoned(recorder.now(), setup.id().value(), Math.max(0, waited)));
        }
        Outcome outcome = handled ? Outcome.HANDLED_BY_AGENT : Outcome.ABANDONED_IN_QUEUE;
        switch (cause) {
            case REMOTE_BYE, REMOTE_CANCEL, LOCAL_HANGUP, TRANSFERRED -> recorder.close(outcome, EndReason.HANG_UP, Side.CALLER);
            case MEDIA_TIMEOUT -> recorder.close(handled ? outcome : Outcome.FAILED, EndReason.MEDIA_TIMEOUT, Side.SYSTEM);
            case SIGNALLING_ERROR -> recorder.close(handled ? outcome : Outcome.FAILED, EndReason.ERROR, Side.SYSTEM);
            case SHUTDOWN -> recorder.close(Outcome.INTERRUPTED, EndReason.INTERRUPTED, Side.SYSTEM);
        }
    }

    private void stopRinging() {
        if (ringing != null) {
            ringing.cancel();
            ringing = null;
        }
    }

    private void finish(Outcome outcome, EndReason reason) {
        call.hangUp();
        recorder.close(outcome, reason, Side.SYSTEM);
    }

    private void apologise() {
        try {
            play(List.of(QueuePrompts.TECHNICAL_ERROR), false);
        } catch (CallEndedException | RuntimeException ignored) {
            // nothing more to say
        }
    }

    private QueueRules rules() {
        return setup.rules();
    }

    private PlaybackResult play(List<PromptRef> parts, boolean interruptible) throws CallEndedException {
        return call.play(centre.clips(parts), interruptible);
    }
}
