package fr.accueil.telephony.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.core.contact.CallerPseudonym;
import fr.accueil.core.contact.Contact;
import fr.accueil.core.contact.ContactEvent;
import fr.accueil.core.contact.EndReason;
import fr.accueil.core.contact.Outcome;
import fr.accueil.core.contact.Side;
import fr.accueil.core.directory.Administration;
import fr.accueil.core.directory.AdministrationId;
import fr.accueil.core.directory.AdministrationKind;
import fr.accueil.core.directory.DialledNumber;
import fr.accueil.core.directory.Directory;
import fr.accueil.core.directory.DirectoryValidator;
import fr.accueil.core.directory.HolidayRegime;
import fr.accueil.core.directory.Menu;
import fr.accueil.core.directory.MenuAction;
import fr.accueil.core.directory.MenuAction.AfterMessage;
import fr.accueil.core.directory.MenuId;
import fr.accueil.core.directory.NumberRoute;
import fr.accueil.core.directory.OpeningHours;
import fr.accueil.core.directory.PostalAddress;
import fr.accueil.core.directory.PromptRef;
import fr.accueil.core.directory.Service;
import fr.accueil.core.directory.ServiceId;
import fr.accueil.core.directory.TimeRange;
import fr.accueil.core.directory.WeeklySlot;
import fr.accueil.telephony.media.AudioClip;
import fr.accueil.telephony.media.Prompts;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IvrCallHandlerTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** Wednesday 25 November 2026, 11:00 in Paris: inside the weekday hours below. */
    private static final Instant OPEN = Instant.parse("2026-11-25T10:00:00Z");
    /** Wednesday 25 November 2026, 20:00 in Paris. */
    private static final Instant EVENING = Instant.parse("2026-11-25T19:00:00Z");

    private final RecordingJournal journal = new RecordingJournal();
    private final Prompts prompts = new Prompts() {
        @Override
        public AudioClip clip(PromptRef prompt) {
            return AudioClip.ofPcm16(prompt.name(), new short[160]);
        }

        @Override
        public boolean has(PromptRef prompt) {
            return true;
        }
    };

    private IvrCallHandler handlerAt(Instant now) {
        return new IvrCallHandler(IvrCallHandlerTest::directory, journal, prompts,
                new CallerPseudonym("0123456789abcdef0123".getBytes()), Clock.fixed(now, ZoneOffset.UTC));
    }

    static Directory directory() {
        var admin = new Administration(new AdministrationId("caf"), "CAF de Démoville", AdministrationKind.SOCIAL_SECURITY,
                new PostalAddress("12 rue des Lilas", "01000", "Démoville"), "contact@caf.example", "https://caf.example");
        var weekdays = Arrays.stream(DayOfWeek.values()).filter(d -> d.getValue() <= 5)
                .map(d -> new WeeklySlot(d, new TimeRange(LocalTime.of(8, 30), LocalTime.of(12, 0)))).toList();
        var hours = new OpeningHours(PARIS, weekdays, Set.of(), Map.of(), HolidayRegime.FRANCE);
        var main = new Menu(new MenuId("main"), PromptRef.of("menu"), Map.of(
                '1', new MenuAction.Message(PromptRef.of("info"), AfterMessage.BACK),
                '2', new MenuAction.GoTo(new MenuId("sub")),
                '3', new MenuAction.Message(PromptRef.of("final"), AfterMessage.HANG_UP),
                '0', new MenuAction.Transfer(DialledNumber.parse("+33199000200"))),
                Duration.ofSeconds(5), 3, new MenuAction.HangUp());
        var sub = new Menu(new MenuId("sub"), PromptRef.of("sub-menu"), Map.of(
                '1', new MenuAction.Message(PromptRef.of("sub-info"), AfterMessage.HANG_UP),
                '*', new MenuAction.GoTo(new MenuId("main"))),
                Duration.ofSeconds(5), 2, new MenuAction.Message(PromptRef.of("sorry"), AfterMessage.HANG_UP));
        var service = new Service(new ServiceId("prestations"), admin.id(), "Prestations", "", hours,
                PromptRef.of("welcome"), PromptRef.of("closed"), main.id(), Map.of(main.id(), main, sub.id(), sub));
        var route = new NumberRoute(DialledNumber.parse("01 99 00 01 00"), "0199000100", service.id());
        return new DirectoryValidator(Set.of()).build(List.of(admin), List.of(service), List.of(route));
    }

    private static List<String> types(Contact contact) {
        return contact.events().stream().map(e -> e instanceof ContactEvent.KeyPressed k ? "key:" + k.key() : e.type()).toList();
    }

    @Test
    void unknownNumberIsRefusedWith404AndIsNoContact() {
        var call = new ScriptedCall("0199999999");
        handlerAt(OPEN).handle(call);
        assertThat(call.rejection().status()).isEqualTo(404);
        assertThat(call.answered()).isFalse();
        assertThat(journal.size()).isZero();
    }

    @Test
    void submenuMessageEndsAsSelfServiceCompleted() {
        var call = new ScriptedCall("0199000100").keys("21");
        handlerAt(OPEN).handle(call);

        assertThat(call.played()).containsExactly("welcome", "menu", "sub-menu", "sub-info", "systeme/au-revoir");
        Contact contact = journal.single();
        assertThat(contact.outcome()).contains(Outcome.SELF_SERVICE_COMPLETED);
        assertThat(contact.service()).isEqualTo("prestations");
        assertThat(contact.administration()).isEqualTo("caf");
        assertThat(contact.dialled()).isEqualTo("+33199000100");
        assertThat(contact.caller()).hasSize(32).doesNotContain("612345678");
        assertThat(types(contact)).containsExactly("received", "menu", "key:2", "menu", "key:1", "message", "ended");
        assertThat(contact.events().getLast()).isEqualTo(new ContactEvent.Ended(OPEN, EndReason.COMPLETED, Side.SYSTEM));
        assertThat(call.endCause()).isPresent();
        assertThat(journal.closeCount(contact.id())).isEqualTo(1);
    }

    @Test
    void informationThenBackThenCallerHangsUpStillCountsAsSelfService() {
        var call = new ScriptedCall("0199000100").keys("1!");
        handlerAt(OPEN).handle(call);

        assertThat(call.played()).containsExactly("welcome", "menu", "info", "menu");
        Contact contact = journal.single();
        assertThat(contact.outcome()).contains(Outcome.SELF_SERVICE_COMPLETED);
        assertThat(contact.events().getLast()).isEqualTo(new ContactEvent.Ended(OPEN, EndReason.HANG_UP, Side.CALLER));
    }

    @Test
    void hangingUpBeforeAnyAnswerIsAnAbandonInTheIvr() {
        var call = new ScriptedCall("0199000100").keys("2!");
        handlerAt(OPEN).handle(call);

        Contact contact = journal.single();
        assertThat(contact.outcome()).contains(Outcome.ABANDONED_IN_IVR);
        assertThat(types(contact)).containsExactly("received", "menu", "key:2", "menu", "ended");
    }

    @Test
    void hangingUpDuringTheWelcomeIsAnAbandon() {
        var call = new ScriptedCall("0199000100").hangUpDuringPlay(0);
        handlerAt(OPEN).handle(call);

        assertThat(journal.single().outcome()).contains(Outcome.ABANDONED_IN_IVR);
    }

    @Test
    void timeoutsAndInvalidKeysRepeatTheMenuThenTakeTheFailureBranch() {
        var call = new ScriptedCall("0199000100").keys("~7~");
        handlerAt(OPEN).handle(call);

        assertThat(call.played()).containsExactly("welcome", "menu", "systeme/pas-de-saisie", "menu",
                "systeme/choix-invalide", "menu", "systeme/au-revoir");
        Contact contact = journal.single();
        assertThat(contact.outcome()).contains(Outcome.NO_INPUT);
        assertThat(types(contact)).containsExactly("received", "menu", "input-failed", "input-failed", "input-failed", "ended");
        assertThat(((ContactEvent.InputFailed) contact.events().get(3)).reason()).isEqualTo("invalid key 7");
    }

    @Test
    void failureBranchCanBeAMessage() {
        var call = new ScriptedCall("0199000100").keys("2~~");
        handlerAt(OPEN).handle(call);

        assertThat(call.played()).endsWith("sub-menu", "systeme/pas-de-saisie", "sub-menu", "sorry", "systeme/au-revoir");
        // The caller heard the fallback message to its end: that is an answer, not a failure.
        assertThat(journal.single().outcome()).contains(Outcome.SELF_SERVICE_COMPLETED);
    }

    @Test
    void starGoesBackToTheMainMenu() {
        var call = new ScriptedCall("0199000100").keys("2*3");
        handlerAt(OPEN).handle(call);

        assertThat(call.played()).containsExactly("welcome", "menu", "sub-menu", "menu", "final", "systeme/au-revoir");
        assertThat(journal.single().outcome()).contains(Outcome.SELF_SERVICE_COMPLETED);
    }

    @Test
    void acceptedTransferEndsTheContactAsTransferred() {
        var call = new ScriptedCall("0199000100").keys("0").transferAccepted(true);
        handlerAt(OPEN).handle(call);

        Contact contact = journal.single();
        assertThat(contact.outcome()).contains(Outcome.TRANSFERRED);
        assertThat(contact.events()).anySatisfy(e -> assertThat(e).isEqualTo(new ContactEvent.TransferRequested(OPEN, "+33199000200")));
        assertThat(contact.events().getLast()).isEqualTo(new ContactEvent.Ended(OPEN, EndReason.TRANSFERRED, Side.SYSTEM));
    }

    @Test
    void refusedTransferTellsTheCallerAndReturnsToTheMenu() {
        var call = new ScriptedCall("0199000100").keys("0!").transferAccepted(false);
        handlerAt(OPEN).handle(call);

        assertThat(call.played()).containsExactly("welcome", "menu", "systeme/transfert", "systeme/transfert-impossible", "menu");
        assertThat(journal.single().outcome()).contains(Outcome.ABANDONED_IN_IVR);
    }

    @Test
    void refusedAtCapacityIsRecordedWithItsOutcome() throws Exception {
        var call = new ScriptedCall("0199000100");
        handlerAt(OPEN).refusedAtCapacity(call.info());
        for (int i = 0; i < 200 && journal.size() == 0; i++) {
            Thread.sleep(10);
        }
        Thread.sleep(50);
        Contact contact = journal.single();
        assertThat(contact.outcome()).contains(Outcome.REFUSED_AT_CAPACITY);
        assertThat(types(contact)).containsExactly("received", "ended");
    }

    @Test
    void outsideHoursTheCallerHearsTheNextOpeningAndTheContactIsClosedHours() {
        var call = new ScriptedCall("0199000100");
        handlerAt(EVENING).handle(call);

        assertThat(call.played()).containsExactly(
                "closed+systeme/reouverture+parole/demain+parole/a+parole/nombre/8+parole/heures+parole/nombre/30+systeme/au-revoir");
        Contact contact = journal.single();
        assertThat(contact.outcome()).contains(Outcome.CLOSED_HOURS);
        assertThat(contact.events().getLast()).isEqualTo(new ContactEvent.Ended(EVENING, EndReason.CLOSED, Side.SYSTEM));
    }

    @Test
    void onAPublicHolidayTheServiceIsClosed() {
        // Wednesday 11 November 2026 (Armistice), 11:00 in Paris: a weekday inside the slots, but a holiday.
        var call = new ScriptedCall("0199000100");
        handlerAt(Instant.parse("2026-11-11T10:00:00Z")).handle(call);

        assertThat(call.played().getFirst()).contains("parole/demain");
        assertThat(journal.single().outcome()).contains(Outcome.CLOSED_HOURS);
    }
}
