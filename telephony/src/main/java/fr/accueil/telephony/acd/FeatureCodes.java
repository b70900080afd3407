package fr.accueil.telephony.acd;

import fr.accueil.core.directory.PromptRef;
import fr.accueil.core.routing.AgentId;
import fr.accueil.core.routing.IllegalAgentTransitionException;
import fr.accueil.telephony.call.Call;
import fr.accueil.telephony.call.CallEndedException;
import fr.accueil.telephony.call.CallHandler;
import fr.accueil.telephony.call.CallInfo;
import fr.accueil.telephony.call.Rejection;
import fr.accueil.telephony.media.Prompts;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feature codes dialled from an agent's phone: {@code *1} log in (or ready), {@code *2} pause (reason
 * « Pause »), {@code *3} ready, {@code *9} log out. The agent hears a short confirmation, then the call
 * ends. Every other call goes to {@code next} (the IVR).
 *
 * <p>The SIP endpoint lets an INVITE to {@code *…} through only with an agent account's digest
 * credentials ({@link CallInfo#authenticatedUser()}); the agent acted on is that account's, never one
 * named by the From header. A {@code *} call without an authenticated account is refused here too
 * (404), so that a handler wired behind another endpoint cannot be fooled.
 */
public final class FeatureCodes implements CallHandler {
    private static final Logger log = LoggerFactory.getLogger(FeatureCodes.class);
    static final String PAUSE_REASON = "Pause";
    static final PromptRef AVAILABLE = PromptRef.of("agent/disponible");
    static final PromptRef PAUSED = PromptRef.of("agent/en-pause");
    static final PromptRef LOGGED_OUT = PromptRef.of("agent/deconnecte");
    static final PromptRef REFUSED = PromptRef.of("agent/changement-impossible");

    private final CallHandler next;
    private final ContactCentre centre;
    private final Function<String, Optional<AgentId>> agentOfAccount;
    private final Prompts prompts;

    /**
     * @param next           the handler of every other call
     * @param agentOfAccount the agent whose registrar (digest) username this is
     */
    public FeatureCodes(CallHandler next, ContactCentre centre, Function<String, Optional<AgentId>> agentOfAccount, Prompts prompts) {
        this.next = Objects.requireNonNull(next, "next");
        this.centre = Objects.requireNonNull(centre, "centre");
        this.agentOfAccount = Objects.requireNonNull(agentOfAccount, "agentOfAccount");
        this.prompts = Objects.requireNonNull(prompts, "prompts");
    }

    @Override
    public void handle(Call call) {
        CallInfo info = call.info();
        if (!CallInfo.isFeatureCode(info.requestUser())) {
            next.handle(call);
            return;
        }
        Optional<AgentTarget> target = targetOf(info.requestUser());
        Optional<AgentId> agent = info.authenticatedUser().flatMap(agentOfAccount);
        if (target.isEmpty() || agent.isEmpty()) {
            log.info("[{}] feature code {} refused: {}", info.callId(), info.requestUser(),
                    target.isEmpty() ? "unknown code" : "no agent for this account");
            call.reject(Rejection.notFound());
            return;
        }
        PromptRef confirmation = change(info, agent.get(), target.get());
        try {
            call.answer();
            call.play(List.of(prompts.clip(confirmation)), false);
        } catch (CallEndedException gone) {
            // The agent hung up before the end of the confirmation: the change stands.
        }
        call.hangUp();
    }

    @Override
    public void refusedAtCapacity(CallInfo info) {
        if (!CallInfo.isFeatureCode(info.requestUser())) {
            next.refusedAtCapacity(info);
        }
    }

    private PromptRef change(CallInfo info, AgentId agent, AgentTarget target) {
        try {
            centre.changeState(agent, target, target == AgentTarget.PAUSED ? PAUSE_REASON : null);
            log.info("[{}] agent {} is now {} (feature code {})", info.callId(), agent.value(), target, info.requestUser());
            return switch (target) {
                case AVAILABLE -> AVAILABLE;
                case PAUSED -> PAUSED;
                case LOGGED_OUT -> LOGGED_OUT;
            };
        } catch (IllegalAgentTransitionException | IllegalArgumentException | NoSuchElementException e) {
            log.info("[{}] agent {} feature code {} refused: {}", info.callId(), agent.value(), info.requestUser(), e.getMessage());
            return REFUSED;
        }
    }

    /** {@code *1} and {@code *3} both make the agent available: log in from logged out, ready from a pause. */
    static Optional<AgentTarget> targetOf(String code) {
        return switch (code) {
            case "*1", "*3" -> Optional.of(AgentTarget.AVAILABLE);
            case "*2" -> Optional.of(AgentTarget.PAUSED);
            case "*9" -> Optional.of(AgentTarget.LOGGED_OUT);
            default -> Optional.empty();
        };
    }
}
