package fr.accueil.telephony.acd;

import fr.accueil.core.callback.CallbackRequest;
import fr.accueil.core.contact.ContactEvent;
import fr.accueil.core.contact.EndReason;
import fr.accueil.core.contact.Outcome;
import fr.accueil.core.contact.Side;
import fr.accueil.core.outbound.OutboundVerdict;
import fr.accueil.core.routing.AgentId;
import fr.accueil.core.routing.Assignment;
import fr.accueil.core.routing.QueueSetup;
import fr.accueil.telephony.call.Dial;
import fr.accueil.telephony.call.DialOutcome;
import fr.accueil.telephony.call.EndCause;
import fr.accueil.telephony.call.LegListener;
import fr.accueil.telephony.call.OutboundCall;
import fr.accueil.telephony.media.MediaBridge;
import fr.accueil.telephony.media.MediaClosedException;
import fr.accueil.telephony.media.MediaUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One callback attempt, on a virtual thread of its own, started when the distributor assigns the
 * pending callback to an agent: ring the agent, tell the agent "Rappel d'un usager", check the number
 * with the outbound policy, call the citizen through the trunk, bridge. Every attempt is recorded on the
 * original contact, which is closed when the callback is completed or given up.
 */
final class CallbackRun {
    private static final Logger log = LoggerFactory.getLogger(CallbackRun.class);

    private final ContactCentre centre;
    private final PendingCallback pending;
    private final Assignment assignment;
    private final BlockingQueue<Signal> mailbox = new LinkedBlockingQueue<>();

    CallbackRun(ContactCentre centre, PendingCallback pending, Assignment assignment) {
        this.centre = centre;
        this.pending = pending;
        this.assignment = assignment;
    }

    void run() {
        try {
            attempt();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("callback of contact {} failed", pending.recorder().id(), e);
            centre.distributor().leave(pending.recorder().id());
            centre.callbackAttemptFailed(pending, "failed");
        }
    }

    private void attempt() throws InterruptedException {
        AgentId agent = assignment.agent();
        CallbackRequest request = pending.request();
        int attempt = request.attempts() + 1;
        QueueSetup setup = centre.setup(request.queue()).orElseThrow();
        var recorder = pending.recorder();
        recorder.record(new ContactEvent.Offered(recorder.now(), request.queue().value(), agent.value()));
        String display = pending.serviceName();
        Ringing ringing = Ringing.start(centre.dialer(), centre.agentDials(agent, recorder.id(), centre.callbackFromNumber(), display),
                setup.rules().ringTimeout(), mailbox::add);
        Optional<Ringing.Result> result = ringing.immediateResult();
        while (result.isEmpty()) {
            if (mailbox.take() instanceof Signal.DialDone done) {
                result = ringing.onDone(done);
            }
        }
        if (result.get() instanceof Ringing.Result.NotAnswered notAnswered) {
            recorder.record(new ContactEvent.CallbackAttempt(recorder.now(), attempt, agent.value(), "agent-no-answer"));
            // The callback keeps its place; the distributor offers it to the next agent.
            centre.distributor().noAnswer(agent, recorder.id());
            log.debug("callback {}: agent {} did not answer ({})", recorder.id(), agent, notAnswered.reason());
            return;
        }
        OutboundCall agentLeg = ((Ringing.Result.Answered) result.get()).leg();
        centre.distributor().answered(agent, recorder.id());
        Instant answeredAt = recorder.now();
        agentLeg.listen(new LegListener() {
            @Override
            public void ended(EndCause cause) {
                mailbox.add(new Signal.LegEnded(agentLeg, cause));
            }
        });
        try {
            agentLeg.media().play(centre.clips(List.of(QueuePrompts.CALLBACK_FOR_AGENT)), false);
        } catch (MediaClosedException e) {
            agentGone(agent, answeredAt, setup);
            return;
        }
        Optional<String> number = centre.policy().check(request.number()) instanceof OutboundVerdict.Allowed allowed
                ? Optional.of(allowed.e164()) : Optional.empty();
        if (number.isEmpty() || centre.trunk().isEmpty()) {
            String why = number.isEmpty() ? "refused-by-policy" : "no-trunk";
            recorder.record(new ContactEvent.CallbackAttempt(recorder.now(), attempt, agent.value(), why));
            agentLeg.hangUp();
            centre.agentFinished(agent, setup, Duration.between(answeredAt, recorder.now()));
            centre.callbackGivenUp(pending, attempt, why);
            return;
        }
        Dial dial = centre.trunk().get().dialTo(number.get(), display);
        OutboundCall citizen;
        try {
            citizen = centre.dialer().dial(dial);
        } catch (MediaUnavailableException e) {
            recorder.record(new ContactEvent.CallbackAttempt(recorder.now(), attempt, agent.value(), "failed"));
            agentLeg.hangUp();
            centre.agentFinished(agent, setup, Duration.between(answeredAt, recorder.now()));
            centre.callbackAttemptFailed(pending, "failed");
            return;
        }
        Thread.ofVirtual().name("callback-ring-" + citizen.callId()).start(() ->
                mailbox.add(new Signal.DialDone(null, citizen, citizen.awaitAnswer(centre.callbackRules().ringTimeout()))));
        DialOutcome outcome = null;
        boolean agentLeft = false;
        while (outcome == null) {
            Signal signal = mailbox.take();
            if (signal instanceof Signal.LegEnded ended && ended.leg() == agentLeg && !agentLeft) {
                // The agent hung up while the citizen's phone rang: stop ringing, this attempt does not count.
                agentLeft = true;
                citizen.hangUp();
            } else if (signal instanceof Signal.DialDone done && done.leg() == citizen) {
                outcome = done.outcome();
            }
        }
        if (agentLeft) {
            if (outcome instanceof DialOutcome.Answered) {
                citizen.hangUp();
            }
            agentGone(agent, answeredAt, setup);
            return;
        }
        if (!(outcome instanceof DialOutcome.Answered)) {
            String why = switch (outcome) {
                case DialOutcome.NoAnswer n -> "no-answer";
                case DialOutcome.Refused refused when refused.status() == 486 || refused.status() == 600 -> "busy";
                default -> "failed";
            };
            recorder.record(new ContactEvent.CallbackAttempt(recorder.now(), attempt, agent.value(), why));
            agentLeg.hangUp();
            centre.agentFinished(agent, setup, Duration.between(answeredAt, recorder.now()));
            centre.callbackAttemptFailed(pending, why);
            return;
        }
        recorder.record(new ContactEvent.CallbackAttempt(recorder.now(), attempt, agent.value(), "reached"));
        recorder.record(new ContactEvent.AgentAnswered(recorder.now(), request.queue().value(), agent.value()));
        citizen.listen(new LegListener() {
            @Override
            public void ended(EndCause cause) {
                mailbox.add(new Signal.LegEnded(citizen, cause));
            }
        });
        MediaBridge bridge = null;
        try {
            bridge = citizen.media().connect(agentLeg.media());
        } catch (IllegalStateException e) {
            log.debug("callback {}: bridge not connected: {}", recorder.id(), e.toString());
        }
        Side side = null;
        while (side == null) {
            if (mailbox.take() instanceof Signal.LegEnded ended) {
                if (ended.leg() == citizen) {
                    side = Side.CALLER;
                } else if (ended.leg() == agentLeg) {
                    side = Side.AGENT;
                }
            }
        }
        if (bridge != null) {
            bridge.close();
        }
        citizen.hangUp();
        agentLeg.hangUp();
        centre.agentFinished(agent, setup, Duration.between(answeredAt, recorder.now()));
        centre.rememberLastAgent(recorder.origin().callerPseudonym(), agent);
        recorder.record(new ContactEvent.CallbackCompleted(recorder.now(), agent.value()));
        centre.callbackEnded(pending);
        recorder.close(Outcome.CALLBACK_COMPLETED, EndReason.CALLBACK_DONE, side);
    }

    /** The agent's phone went away before the citizen was reached: the callback goes back to its place. */
    private void agentGone(AgentId agent, Instant answeredAt, QueueSetup setup) {
        var recorder = pending.recorder();
        recorder.record(new ContactEvent.CallbackAttempt(recorder.now(), pending.request().attempts() + 1, agent.value(),
                "agent-no-answer"));
        centre.agentFinished(agent, setup, Duration.between(answeredAt, recorder.now()));
        centre.requeueCallback(pending);
    }
}
