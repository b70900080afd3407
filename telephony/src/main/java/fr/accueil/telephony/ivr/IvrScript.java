package fr.accueil.telephony.ivr;

import fr.accueil.core.contact.ContactEvent;
import fr.accueil.core.contact.EndReason;
import fr.accueil.core.contact.Outcome;
import fr.accueil.core.contact.Side;
import fr.accueil.core.directory.Menu;
import fr.accueil.core.directory.MenuAction;
import fr.accueil.core.directory.MenuId;
import fr.accueil.core.directory.PromptRef;
import fr.accueil.core.directory.Service;
import fr.accueil.core.routing.QueueId;
import fr.accueil.core.speech.FrenchSpeech;
import fr.accueil.telephony.call.Call;
import fr.accueil.telephony.call.CallEndedException;
import fr.accueil.telephony.call.EndCause;
import fr.accueil.telephony.media.AudioClip;
import fr.accueil.telephony.media.PlaybackResult;
import fr.accueil.telephony.media.Prompts;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's IVR, written as the sequence a caller hears: welcome, menu, key, message, goodbye.
 * Runs on the call's virtual thread; every blocking step throws {@link CallEndedException} when
 * the caller hangs up, which ends the script with the outcome the call had reached so far.
 *
 * <p>Outcome rules (docs/indicators.md): a call outside opening hours is CLOSED_HOURS; a caller
 * who heard at least one information message to its end completed self-service, whoever hangs up
 * afterwards; a caller who hangs up before that abandoned in the IVR; exhausting a menu's attempts
 * into a hang-up is NO_INPUT; an accepted transfer is TRANSFERRED.
 */
final class IvrScript {
    private static final Logger log = LoggerFactory.getLogger(IvrScript.class);

    private final Call call;
    private final Service service;
    private final Prompts prompts;
    private final ContactRecorder recorder;
    private final QueueEntrance queues;
    private boolean informed;

    IvrScript(Call call, Service service, Prompts prompts, ContactRecorder recorder) {
        this(call, service, prompts, recorder, QueueEntrance.NONE);
    }

    IvrScript(Call call, Service service, Prompts prompts, ContactRecorder recorder, QueueEntrance queues) {
        this.queues = queues;
        this.call = call;
        this.service = service;
        this.prompts = prompts;
        this.recorder = recorder;
    }

    void run() {
        try {
            call.answer();
            if (!service.hours().isOpen(recorder.now())) {
                closed();
                return;
            }
            Optional<PromptRef> welcome = service.welcomePrompt();
            if (welcome.isPresent()) {
                play(List.of(welcome.get()), true);
            }
            runMenus();
        } catch (CallEndedException ended) {
            endedBy(ended.endCause());
        } catch (RuntimeException e) {
            log.warn("[{}] IVR failed for service {}", call.info().callId(), service.id(), e);
            apologise();
            finish(Outcome.FAILED, EndReason.ERROR);
        }
    }

    private void closed() throws CallEndedException {
        Instant now = recorder.now();
        List<PromptRef> parts = new ArrayList<>();
        parts.add(service.closedMessage());
        Optional<ZonedDateTime> next = service.hours().nextOpening(now);
        if (next.isPresent()) {
            parts.add(SystemPrompts.REOPENS);
            parts.addAll(FrenchSpeech.when(now.atZone(service.hours().zone()), next.get()));
        } else {
            parts.add(SystemPrompts.NO_REOPENING);
        }
        parts.add(SystemPrompts.GOODBYE);
        play(parts, false);
        recorder.record(new ContactEvent.MessagePlayed(recorder.now(), service.closedMessage().name(), true));
        finish(Outcome.CLOSED_HOURS, EndReason.CLOSED);
    }

    private void runMenus() throws CallEndedException {
        MenuId current = service.rootMenu();
        while (true) {
            Menu menu = service.menu(current).orElseThrow(() -> new IllegalStateException("menu vanished"));
            recorder.record(new ContactEvent.MenuEntered(recorder.now(), menu.id().value()));
            Optional<MenuAction> choice = choose(menu);
            MenuAction action = choice.orElse(menu.onFailure());
            boolean failed = choice.isEmpty();
            switch (action) {
                case MenuAction.GoTo goTo -> current = goTo.menu();
                case MenuAction.Message message -> {
                    boolean complete = playMessage(message);
                    if (message.after() == MenuAction.AfterMessage.HANG_UP) {
                        goodbye(failed && !complete ? Outcome.NO_INPUT : outcomeSoFar());
                        return;
                    }
                }
                case MenuAction.Transfer transfer -> {
                    if (transfer(transfer)) {
                        return;
                    }
                }
                case MenuAction.HangUp hangUp -> {
                    goodbye(failed ? Outcome.NO_INPUT : outcomeSoFar());
                    return;
                }
                case MenuAction.Queue queue -> {
                    // The queue runtime takes the call and its record from here, and closes the record.
                    queues.serve(call, recorder, service, new QueueId(queue.queue()));
                    return;
                }
            }
        }
    }

    /** Plays the menu until a valid key, up to its attempts; empty when they are exhausted. */
    private Optional<MenuAction> choose(Menu menu) throws CallEndedException {
        for (int attempt = 1; attempt <= menu.maxAttempts(); attempt++) {
            play(List.of(menu.prompt()), true);
            Optional<Character> key = call.nextDigit(menu.timeout());
            if (key.isEmpty()) {
                recorder.record(new ContactEvent.InputFailed(recorder.now(), menu.id().value(), "timeout"));
                if (attempt < menu.maxAttempts()) {
                    play(List.of(SystemPrompts.NO_INPUT), true);
                }
                continue;
            }
            Optional<MenuAction> action = menu.option(key.get());
            if (action.isPresent()) {
                recorder.record(new ContactEvent.KeyPressed(recorder.now(), menu.id().value(), key.get()));
                return action;
            }
            recorder.record(new ContactEvent.InputFailed(recorder.now(), menu.id().value(), "invalid key " + key.get()));
            // A wrong key cancels whatever else the caller typed ahead: they are lost, start clean.
            call.flushDigits();
            if (attempt < menu.maxAttempts()) {
                play(List.of(SystemPrompts.INVALID_CHOICE), false);
            }
        }
        return Optional.empty();
    }

    private boolean playMessage(MenuAction.Message message) throws CallEndedException {
        // A message that ends the call is not cut short by a key: the caller would lose the answer.
        boolean interruptible = message.after() == MenuAction.AfterMessage.BACK;
        PlaybackResult result = play(List.of(message.prompt()), interruptible);
        boolean complete = result == PlaybackResult.COMPLETED;
        informed |= complete;
        recorder.record(new ContactEvent.MessagePlayed(recorder.now(), message.prompt().name(), complete));
        return complete;
    }

    private boolean transfer(MenuAction.Transfer transfer) throws CallEndedException {
        play(List.of(SystemPrompts.TRANSFER), false);
        recorder.record(new ContactEvent.TransferRequested(recorder.now(), transfer.target().value()));
        if (call.transfer(transfer.target().value())) {
            finish(Outcome.TRANSFERRED, EndReason.TRANSFERRED);
            return true;
        }
        play(List.of(SystemPrompts.TRANSFER_FAILED), false);
        return false;
    }

    private Outcome outcomeSoFar() {
        return informed ? Outcome.SELF_SERVICE_COMPLETED : Outcome.ABANDONED_IN_IVR;
    }

    private void goodbye(Outcome outcome) throws CallEndedException {
        play(List.of(SystemPrompts.GOODBYE), false);
        finish(outcome, outcome == Outcome.NO_INPUT ? EndReason.NO_INPUT : EndReason.COMPLETED);
    }

    private void finish(Outcome outcome, EndReason reason) {
        call.hangUp();
        recorder.close(outcome, reason, Side.SYSTEM);
    }

    private void endedBy(EndCause cause) {
        switch (cause) {
            case REMOTE_BYE, REMOTE_CANCEL -> recorder.close(outcomeSoFar(), EndReason.HANG_UP, Side.CALLER);
            case TRANSFERRED -> recorder.close(Outcome.TRANSFERRED, EndReason.TRANSFERRED, Side.SYSTEM);
            case LOCAL_HANGUP -> recorder.close(outcomeSoFar(), EndReason.COMPLETED, Side.SYSTEM);
            case MEDIA_TIMEOUT -> recorder.close(Outcome.FAILED, EndReason.MEDIA_TIMEOUT, Side.SYSTEM);
            case SIGNALLING_ERROR -> recorder.close(Outcome.FAILED, EndReason.ERROR, Side.SYSTEM);
            case SHUTDOWN -> recorder.close(Outcome.INTERRUPTED, EndReason.INTERRUPTED, Side.SYSTEM);
        }
    }

    private void apologise() {
        try {
            play(List.of(SystemPrompts.TECHNICAL_ERROR), false);
        } catch (CallEndedException | RuntimeException ignored) {
            // The caller is gone or the prompt is broken too: nothing more to say.
        }
    }

    private PlaybackResult play(List<PromptRef> parts, boolean interruptible) throws CallEndedException {
        List<AudioClip> clips = parts.stream().map(prompts::clip).toList();
        return call.play(clips, interruptible);
    }
}
