package fr.accueil.server;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.core.callback.CallbackBook;
import fr.accueil.core.callback.CallbackRequest;
import fr.accueil.core.contact.Channel;
import fr.accueil.core.contact.Contact;
import fr.accueil.core.contact.ContactEvent;
import fr.accueil.core.contact.ContactId;
import fr.accueil.core.contact.ContactJournal;
import fr.accueil.core.contact.ContactStart;
import fr.accueil.core.contact.EndReason;
import fr.accueil.core.contact.Outcome;
import fr.accueil.core.contact.Side;
import fr.accueil.core.routing.QueueId;
import fr.accueil.server.callbacks.JdbcCallbackBook;
import fr.accueil.server.contacts.InterruptedContactsRecovery;
import fr.accueil.server.contacts.internal.JdbcContactJournal;
import fr.accueil.server.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A contact left open by a previous run is closed as INTERRUPTED when the server starts; one awaiting
 * its callback stays open for the queue runtime to resume, if its request is in the callback book.
 */
class InterruptedAtStartupTest {
    @TempDir
    Path dataDir;

    @Test
    void the_server_closes_contacts_left_open_before_it_takes_calls() {
        ContactId open = ContactId.random();
        ContactId awaiting = ContactId.random();
        ContactId lostRequest = ContactId.random();
        Instant t0 = Instant.parse("2026-11-27T08:00:00Z");
        // A previous run: the contact is written but never closed.
        try (var dataSource = TestDatabases.h2(dataDir); var previous = new JdbcContactJournal(dataSource, 64, 10)) {
            previous.open(new ContactStart(open, Channel.PHONE, "caf-demoville", "caf-prestations", "+33199000100", "x", t0));
            previous.append(open, new ContactEvent.Received(t0, "+33199000100", "0199000100"));
            previous.append(open, new ContactEvent.MenuEntered(t0.plusSeconds(2), "main"));
            previous.open(new ContactStart(awaiting, Channel.PHONE, "caf-demoville", "caf-prestations", "+33199000100", "x", t0));
            previous.append(awaiting, new ContactEvent.Enqueued(t0.plusSeconds(3), "caf-prestations", 2));
            previous.append(awaiting, new ContactEvent.CallbackRequested(t0.plusSeconds(40), "caf-prestations", true));
            new JdbcCallbackBook(dataSource).save(new CallbackRequest(awaiting, new QueueId("caf-prestations"), "+33612345678",
                    t0.plusSeconds(3), t0.plusSeconds(40), 0, t0.plusSeconds(40)));
            // Asked for a callback, but the request never reached the book: nobody would call back.
            previous.open(new ContactStart(lostRequest, Channel.PHONE, "caf-demoville", "caf-prestations", "+33199000100", "x", t0));
            previous.append(lostRequest, new ContactEvent.Enqueued(t0.plusSeconds(3), "caf-prestations", 2));
            previous.append(lostRequest, new ContactEvent.CallbackRequested(t0.plusSeconds(50), "caf-prestations", true));
        }

        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AccueilApplication.class)
                .run("--server.port=0", "--accueil.data-dir=" + dataDir)) {
            assertThat(context.getBean(InterruptedContactsRecovery.class).closedAtStart()).isEqualTo(2);
            Contact contact = context.getBean(ContactJournal.class).find(open).orElseThrow();
            assertThat(contact.outcome()).contains(Outcome.INTERRUPTED);
            assertThat(contact.endedAt()).contains(t0.plusSeconds(2));
            assertThat(contact.events()).containsExactly(
                    new ContactEvent.Received(t0, "+33199000100", "0199000100"),
                    new ContactEvent.MenuEntered(t0.plusSeconds(2), "main"),
                    new ContactEvent.Ended(t0.plusSeconds(2), EndReason.INTERRUPTED, Side.SYSTEM));
            Contact waiting = context.getBean(ContactJournal.class).find(awaiting).orElseThrow();
            assertThat(waiting.inProgress()).as("awaiting its callback").isTrue();
            assertThat(waiting.events()).hasSize(2);
            assertThat(context.getBean(CallbackBook.class).find(awaiting)).isPresent();
            Contact lost = context.getBean(ContactJournal.class).find(lostRequest).orElseThrow();
            assertThat(lost.outcome()).contains(Outcome.INTERRUPTED);
            assertThat(lost.endedAt()).contains(t0.plusSeconds(50));
        }
    }
}
