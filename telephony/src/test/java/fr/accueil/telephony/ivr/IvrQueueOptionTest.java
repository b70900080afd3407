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
import fr.accueil.core.directory.Menu;
import fr.accueil.core.directory.MenuAction;
import fr.accueil.core.directory.MenuId;
import fr.accueil.core.directory.NumberRoute;
import fr.accueil.core.directory.OpeningHours;
import fr.accueil.core.directory.PostalAddress;
import fr.accueil.core.directory.PromptRef;
import fr.accueil.core.directory.Service;
import fr.accueil.core.directory.ServiceId;
import fr.accueil.telephony.media.AudioClip;
import fr.accueil.telephony.media.Prompts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A menu option that leads to a queue hands the call and its record to the queue runtime. */
class IvrQueueOptionTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
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

    private static Directory directory() {
        var admin = new Administration(new AdministrationId("caf"), "CAF de Démoville", AdministrationKind.SOCIAL_SECURITY,
                new PostalAddress("12 rue des Lilas", "01000", "Démoville"), "contact@caf.example", "https://caf.example");
        var main = new Menu(new MenuId("main"), PromptRef.of("menu"), Map.of('4', new MenuAction.Queue("accueil")),
                Duration.ofSeconds(5), 3, new MenuAction.HangUp());
        var service = new Service(new ServiceId("prestations"), admin.id(), "Prestations", "",
                OpeningHours.always(ZoneId.of("Europe/Paris")), null, PromptRef.of("closed"), main.id(), Map.of(main.id(), main));
        var route = new NumberRoute(DialledNumber.parse("01 99 00 01 00"), "0199000100", service.id());
        return new DirectoryValidator(Set.of("accueil")).build(List.of(admin), List.of(service), List.of(route));
    }

    @Test
    void theQueueOptionHandsTheCallToTheQueueRuntimeWhichClosesTheRecord() {
        AtomicReference<String> served = new AtomicReference<>();
        QueueEntrance queues = (call, recorder, service, queue) -> {
            served.set(queue.value() + "/" + service.id().value() + "/" + recorder.origin().sipUser());
            recorder.record(new ContactEvent.Enqueued(recorder.now(), queue.value(), 1));
            recorder.close(Outcome.ABANDONED_IN_QUEUE, EndReason.HANG_UP, Side.CALLER);
        };
        var handler = new IvrCallHandler(IvrQueueOptionTest::directory, journal, prompts,
                new CallerPseudonym("0123456789abcdef0123".getBytes()), Clock.fixed(NOW, ZoneOffset.UTC), queues);
        var call = new ScriptedCall("0199000100").keys("4");
        handler.handle(call);

        assertThat(served.get()).isEqualTo("accueil/prestations/0199000100");
        Contact contact = journal.single();
        assertThat(contact.outcome()).contains(Outcome.ABANDONED_IN_QUEUE);
        assertThat(contact.events()).extracting(ContactEvent::type).containsExactly("received", "menu", "key", "enqueued", "ended");
        assertThat(journal.closeCount(contact.id())).isEqualTo(1);
    }

    @Test
    void withoutAQueueRuntimeTheCallerHearsTheApologyAndTheContactFails() {
        var handler = new IvrCallHandler(IvrQueueOptionTest::directory, journal, prompts,
                new CallerPseudonym("0123456789abcdef0123".getBytes()), Clock.fixed(NOW, ZoneOffset.UTC));
        var call = new ScriptedCall("0199000100").keys("4");
        handler.handle(call);

        assertThat(call.played()).endsWith("systeme/erreur-technique");
        assertThat(journal.single().outcome()).contains(Outcome.FAILED);
    }
}
