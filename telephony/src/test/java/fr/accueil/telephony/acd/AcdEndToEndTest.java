package fr.accueil.telephony.acd;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.core.contact.CallerPseudonym;
import fr.accueil.core.contact.ContactEvent;
import fr.accueil.core.contact.ContactId;
import fr.accueil.core.contact.Outcome;
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
import fr.accueil.core.routing.AgentId;
import fr.accueil.core.routing.AgentProfile;
import fr.accueil.core.routing.Overflow;
import fr.accueil.core.routing.QueueDefinition;
import fr.accueil.core.routing.QueueId;
import fr.accueil.core.routing.QueueRules;
import fr.accueil.core.routing.QueueSetup;
import fr.accueil.telephony.call.Call;
import fr.accueil.telephony.call.CallHandler;
import fr.accueil.telephony.call.CallInfo;
import fr.accueil.telephony.ivr.IvrCallHandler;
import fr.accueil.telephony.media.MediaEngine;
import fr.accueil.telephony.media.MediaSettings;
import fr.accueil.telephony.registrar.Registrar;
import fr.accueil.telephony.registrar.RegistrarSettings;
import fr.accueil.telephony.registrar.Registrations;
import fr.accueil.telephony.registrar.StoredCredentials;
import fr.accueil.telephony.sip.SipEndpoint;
import fr.accueil.telephony.sip.SipSettings;
import fr.accueil.telephony.testing.Answering;
import fr.accueil.telephony.testing.CallOptions;
import fr.accueil.telephony.testing.Dialog;
import fr.accueil.telephony.testing.IncomingCall;
import fr.accueil.telephony.testing.TestPhone;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The queue runtime over real SIP and RTP: a caller (test phone) dials a service, presses the queue option,
 * waits, and is bridged to an agent whose test phone registered with digest authentication; the trunk is a
 * test phone too. Every scenario checks the contact record's events and outcome.
 */
class AcdEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String REALM = "accueil.test";
    private static final QueueId ACCUEIL = new QueueId("accueil");
    private static final QueueId ETAT_CIVIL = new QueueId("etat-civil");

    private final Registrations registrations = new Registrations();
    private final RecordingJournal journal = new RecordingJournal();
    private final MemoryCallbackBook book = new MemoryCallbackBook();
    private final List<TestPhone> phones = new ArrayList<>();
    private MediaEngine media;
    private SipEndpoint endpoint;
    private ContactCentre centre;
    private TestPhone trunk;

    private static Directory directory() {
        var admin = new Administration(new AdministrationId("caf"), "CAF de Démoville", AdministrationKind.SOCIAL_SECURITY,
                new PostalAddress("12 rue des Lilas", "01000", "Démoville"), "contact@caf.example", "https://caf.example");
        var main = new Menu(new MenuId("main"), PromptRef.of("menu"), Map.of('4', new MenuAction.Queue("accueil")),
                Duration.ofSeconds(5), 3, new MenuAction.HangUp());
        var service = new Service(new ServiceId("prestations"), admin.id(), "Prestations", "",
                OpeningHours.always(ZoneId.of("Europe/Paris")), null, PromptRef.of("closed"), main.id(), Map.of(main.id(), main));
        var route = new NumberRoute(DialledNumber.parse("01 99 00 01 00"), "0199000100", service.id());
        return new DirectoryValidator(Set.of("accueil", "etat-civil")).build(List.of(admin), List.of(service), List.of(route));
    }

    private void start(QueueRules accueilRules, QueueDefinition accueil) throws Exception {
        // Away from 20000-22000, the default RTP range that a benchmark running on the same machine may hold.
        int base = 2 * ThreadLocalRandom.current().nextInt(12_000, 15_000);
        media = new MediaEngine(new MediaSettings(InetAddress.getLoopbackAddress(), "127.0.0.1", base, base + 199, 2));
        Map<String, StoredCredentials> accounts = Map.of(
                "alice", StoredCredentials.fromPassword("alice", REALM, "secret-alice"),
                "bob", StoredCredentials.fromPassword("bob", REALM, "secret-bob"),
                "eve", StoredCredentials.fromPassword("eve", REALM, "secret-eve"));
        Registrar registrar = new Registrar(RegistrarSettings.defaults(REALM),
                (username, realm) -> Optional.ofNullable(accounts.get(username)), registrations, Clock.systemUTC());
        // The endpoint is the contact centre's dialer and the IVR (hence the centre) is the endpoint's handler:
        // the endpoint starts first with a handler that delegates to the IVR built once the trunk is known.
        AtomicReference<IvrCallHandler> ivr = new AtomicReference<>();
        CallHandler handler = new CallHandler() {
            @Override
            public void handle(Call call) {
                ivr.get().handle(call);
            }

            @Override
            public void refusedAtCapacity(CallInfo info) {
                ivr.get().refusedAtCapacity(info);
            }
        };
        endpoint = new SipEndpoint(SipSettings.defaults("127.0.0.1", 0), media, handler, Clock.systemUTC(), registrar);
        endpoint.start();
        trunk = TestPhone.udp(server());
        phones.add(trunk);
        OutboundTrunk outbound = new OutboundTrunk("sip:{number}@127.0.0.1:" + trunk.localAddress().getPort(), "+33199000100",
                Optional.empty());
        centre = new ContactCentre(endpoint, new RegisteredPhones(registrations), new FakePrompts(), book, new FrenchNumbersPolicy(),
                Optional.of(outbound), CallbackRules.defaults(), new CallerPseudonym("0123456789abcdef".getBytes()),
                Duration.ofMinutes(30), journal, Clock.systemUTC());
        ivr.set(new IvrCallHandler(AcdEndToEndTest::directory, journal, new FakePrompts(),
                new CallerPseudonym("0123456789abcdef".getBytes()), Clock.systemUTC(), centre));
        centre.configure(List.of(new QueueSetup(accueil, accueilRules),
                        new QueueSetup(QueueDefinition.of(ETAT_CIVIL, "etat-civil"), AcdHarness.rules(ETAT_CIVIL))),
                List.of(profile("alice", "prestations"), profile("bob", "prestations"), profile("eve", "etat-civil")), directory());
    }

    private static AgentProfile profile(String id, String service) {
        return new AgentProfile(new AgentId(id), id, Map.of(), Set.of(service));
    }

    private InetSocketAddress server() {
        return new InetSocketAddress("127.0.0.1", endpoint.port());
    }

    /** A registered agent phone, logged in, answering as told. */
    private TestPhone agentPhone(String agent, Answering answering) {
        TestPhone phone = TestPhone.udp(server());
        phones.add(phone);
        assertThat(phone.register(agent, "secret-" + agent, 600, WAIT).status()).isEqualTo(200);
        phone.answerIncoming(answering);
        centre.changeState(new AgentId(agent), AgentTarget.AVAILABLE, null);
        return phone;
    }

    /** A caller who dials the service, presses 4 for the queue, and sends a 440 Hz tone. */
    private Dialog callQueue(String callerNumber) {
        TestPhone phone = TestPhone.udp(server());
        phones.add(phone);
        Dialog call = phone.call("0199000100", CallOptions.defaults().withCaller(callerNumber).withTone(440));
        assertThat(call.status()).as(call.transcript().toString()).isEqualTo(200);
        call.sendDtmf('4');
        return call;
    }

    private ContactId contactOf(IncomingCall agentCall) {
        return ContactId.parse(agentCall.invite().header("X-Accueil-Contact").orElseThrow());
    }

    @AfterEach
    void stop() {
        phones.forEach(TestPhone::close);
        if (centre != null) {
            centre.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
        if (media != null) {
            media.close();
        }
    }

    @Test
    void callerReachesARegisteredAgentAndTheyHearEachOther() throws Exception {
        start(AcdHarness.rules(ACCUEIL), QueueDefinition.of(ACCUEIL, "prestations"));
        TestPhone alice = agentPhone("alice", Answering.answerAfter(Duration.ofMillis(200)).withTone(1000));

        Dialog caller = callQueue("0612345678");
        IncomingCall agentCall = alice.awaitIncoming(WAIT);
        ContactId contact = contactOf(agentCall);
        await(() -> journal.types(contact).contains("answered"), "answered");
        agentCall.rtp().awaitPackets(100, WAIT);
        caller.rtp().awaitPackets(150, WAIT);
        Thread.sleep(500);
        assertThat(agentCall.rtp().stats().heardNonSilentAudio()).as("the agent hears the caller's tone").isTrue();
        assertThat(caller.rtp().stats().heardNonSilentAudio()).as("the caller hears the agent's tone").isTrue();

        assertThat(caller.bye().status()).isEqualTo(200);
        agentCall.awaitRemoteBye(WAIT);
        assertThat(journal.awaitOutcome(contact, WAIT)).isEqualTo(Outcome.HANDLED_BY_AGENT);
        assertThat(journal.types(contact)).containsExactly("received", "menu", "key", "enqueued", "offered", "answered", "ended");
    }

    @Test
    void ringNoAnswerMovesTheCallerToTheNextAgent() throws Exception {
        start(AcdHarness.rules(ACCUEIL), QueueDefinition.of(ACCUEIL, "prestations"));
        TestPhone alice = agentPhone("alice", Answering.ringForever());
        Thread.sleep(10);
        TestPhone bob = agentPhone("bob", Answering.answerAfter(Duration.ofMillis(100)));

        Dialog caller = callQueue("0612345678");
        IncomingCall ringing = alice.awaitIncoming(WAIT);
        ContactId contact = contactOf(ringing);
        ringing.awaitCancel(WAIT);
        IncomingCall answered = bob.awaitIncoming(WAIT);
        await(() -> journal.types(contact).contains("answered"), "bob answers");
        assertThat(journal.events(contact, ContactEvent.Offered.class)).extracting(ContactEvent.Offered::agent)
                .containsExactly("alice", "bob");
        assertThat(centre.stateOf(new AgentId("alice")).orElseThrow().label()).isEqualTo("PAUSED(no answer)");
        assertThat(answered.invite().header("X-Accueil-Contact")).contains(contact.toString());

        answered.bye();
        caller.awaitRemoteBye(WAIT);
        assertThat(journal.awaitOutcome(contact, WAIT)).isEqualTo(Outcome.HANDLED_BY_AGENT);
    }

    @Test
    void theCallersLastAgentIsOfferedFirstOnTheNextCall() throws Exception {
        start(AcdHarness.rules(ACCUEIL), QueueDefinition.of(ACCUEIL, "prestations"));
        TestPhone alice = agentPhone("alice", Answering.answerAfter(Duration.ofMillis(100)));
        Dialog first = callQueue("0612345678");
        IncomingCall firstCall = alice.awaitIncoming(WAIT);
        ContactId firstContact = contactOf(firstCall);
        await(() -> journal.types(firstContact).contains("answered"), "alice answers");
        TestPhone bob = agentPhone("bob", Answering.answerAfter(Duration.ofMillis(100))); // idle from now on
        assertThat(first.bye().status()).isEqualTo(200);
        assertThat(journal.awaitOutcome(firstContact, WAIT)).isEqualTo(Outcome.HANDLED_BY_AGENT);
        await(() -> centre.stateOf(new AgentId("alice")).orElseThrow().label().equals("AVAILABLE"), "alice's wrap-up ends");

        Dialog again = callQueue("0612345678");
        IncomingCall secondCall = alice.awaitIncoming(WAIT);
        ContactId secondContact = contactOf(secondCall);
        await(() -> journal.types(secondContact).contains("answered"), "alice answers again");
        assertThat(journal.events(secondContact, ContactEvent.Offered.class)).extracting(ContactEvent.Offered::agent)
                .containsExactly("alice");
        assertThat(bob.incomingCalls()).isEmpty();
        assertThat(again.bye().status()).isEqualTo(200);
        assertThat(journal.awaitOutcome(secondContact, WAIT)).isEqualTo(Outcome.HANDLED_BY_AGENT);
    }

    @Test
    void aLostAgentPhoneSendsTheCallerBackToTheHeadForTheNextAgent() throws Exception {
        start(AcdHarness.rules(ACCUEIL), QueueDefinition.of(ACCUEIL, "prestations")); // agent lost after 1 s without RTP
        TestPhone alice = agentPhone("alice", Answering.answerAfter(Duration.ofMillis(100)));
        Dialog caller = callQueue("0612345678");
        IncomingCall alicesCall = alice.awaitIncoming(WAIT);
        ContactId contact = contactOf(alicesCall);
        await(() -> journal.types(contact).contains("answered"), "alice answers");

        alice.close(); // the phone vanishes: no BYE, no more RTP
        await(() -> journal.types(contact).contains("agent-lost"), "the agent is lost");
        assertThat(centre.stateOf(new AgentId("alice")).orElseThrow().label()).isEqualTo("PAUSED(phone lost)");
        TestPhone bob = agentPhone("bob", Answering.answerAfter(Duration.ofMillis(100)));
        IncomingCall bobsCall = bob.awaitIncoming(WAIT);
        assertThat(contactOf(bobsCall)).isEqualTo(contact);
        await(() -> journal.events(contact, ContactEvent.AgentAnswered.class).size() == 2, "bob answers");
        assertThat(journal.events(contact, ContactEvent.Enqueued.class).get(1).position()).isEqualTo(1);

        assertThat(caller.bye().status()).isEqualTo(200);
        assertThat(journal.awaitOutcome(contact, WAIT)).isEqualTo(Outcome.HANDLED_BY_AGENT);
        assertThat(journal.types(contact)).containsExactly("received", "menu", "key", "enqueued", "offered", "answered",
                "agent-lost", "enqueued", "offered", "answered", "ended");
    }

    @Test
    void theAgentsReferSendsTheCallerToAnotherQueueAsALinkedContact() throws Exception {
        start(AcdHarness.rules(ACCUEIL), QueueDefinition.of(ACCUEIL, "prestations"));
        TestPhone alice = agentPhone("alice", Answering.answerAfter(Duration.ofMillis(100)));
        TestPhone eve = agentPhone("eve", Answering.answerAfter(Duration.ofMillis(100)));

        Dialog caller = callQueue("0612345678");
        IncomingCall alicesCall = alice.awaitIncoming(WAIT);
        ContactId first = contactOf(alicesCall);
        await(() -> journal.types(first).contains("answered"), "alice answers");
        assertThat(alicesCall.refer("sip:etat-civil@127.0.0.1").status()).isEqualTo(202);
        // RFC 3515 §2.4.4: the NOTIFY ending the implicit subscription, before Accueil hangs alice's leg up.
        assertThat(alicesCall.awaitRequest("NOTIFY", WAIT).bodyText()).startsWith("SIP/2.0 200");
        alicesCall.awaitRemoteBye(WAIT);

        IncomingCall evesCall = eve.awaitIncoming(WAIT);
        ContactId linked = contactOf(evesCall);
        assertThat(journal.awaitOutcome(first, WAIT)).isEqualTo(Outcome.HANDLED_BY_AGENT);
        await(() -> journal.types(linked).contains("answered"), "eve answers");
        assertThat(journal.types(linked)).containsExactly("received", "linked-from", "enqueued", "offered", "answered");
        assertThat(caller.bye().status()).isEqualTo(200);
        assertThat(journal.awaitOutcome(linked, WAIT)).isEqualTo(Outcome.HANDLED_BY_AGENT);
    }

    @Test
    void maxWaitOverflowsToTheQueuesMessage() throws Exception {
        QueueRules rules = AcdHarness.rules(ACCUEIL);
        start(new QueueRules(ACCUEIL, rules.ringTimeout(), Optional.of(new Overflow.Message(PromptRef.of("horaires"))),
                        rules.announceEvery(), rules.music(), rules.callbackAbove(), rules.callbackKey(), rules.whenNoAgents(),
                        rules.wrapUp(), rules.agentLostTimeout(), false),
                new QueueDefinition(ACCUEIL, "prestations", fr.accueil.core.routing.SkillRequirements.NONE, 0, 10,
                        Duration.ofSeconds(1), Duration.ofSeconds(20), Duration.ofSeconds(30)));

        Dialog caller = callQueue("0612345678");
        caller.awaitRemoteBye(WAIT);
        ContactId contact = journal.opened.getFirst();
        assertThat(journal.awaitOutcome(contact, WAIT)).isEqualTo(Outcome.OVERFLOWED);
        assertThat(journal.types(contact)).containsExactly("received", "menu", "key", "enqueued", "overflowed", "ended");
    }

    @Test
    void aBookedCallbackCallsTheAgentThenTheCitizenThroughTheTrunk() throws Exception {
        QueueRules rules = AcdHarness.rules(ACCUEIL);
        start(new QueueRules(ACCUEIL, rules.ringTimeout(), rules.overflow(), rules.announceEvery(), rules.music(),
                        rules.callbackAbove(), Optional.of('9'), rules.whenNoAgents(), rules.wrapUp(), rules.agentLostTimeout(), false),
                QueueDefinition.of(ACCUEIL, "prestations"));
        Dialog caller = callQueue("0612345678");
        await(() -> !journal.opened.isEmpty() && journal.types(journal.opened.getFirst()).contains("enqueued"), "enqueued");
        ContactId contact = journal.opened.getFirst();
        Thread.sleep(300);
        caller.sendDtmf('9');
        Thread.sleep(600);
        caller.sendDtmf('1');
        caller.awaitRemoteBye(WAIT);
        assertThat(journal.types(contact)).endsWith("enqueued", "callback-requested");
        assertThat(journal.outcome(contact)).isEmpty();

        trunk.answerIncoming(Answering.answerAfter(Duration.ofMillis(200)).withTone(700));
        TestPhone alice = agentPhone("alice", Answering.answerAfter(Duration.ofMillis(100)).withTone(1000));
        IncomingCall agentCall = alice.awaitIncoming(WAIT);
        IncomingCall citizen = trunk.awaitIncoming(WAIT);
        assertThat(citizen.invite().requestUri()).startsWith("sip:+33612345678@127.0.0.1");
        await(() -> journal.types(contact).contains("answered"), "the citizen answers");
        citizen.rtp().awaitPackets(100, WAIT);
        Thread.sleep(500);
        assertThat(citizen.rtp().stats().heardNonSilentAudio()).as("the citizen hears the agent").isTrue();
        assertThat(agentCall.rtp().stats().heardNonSilentAudio()).as("the agent hears the citizen").isTrue();

        citizen.bye();
        agentCall.awaitRemoteBye(WAIT);
        assertThat(journal.awaitOutcome(contact, WAIT)).isEqualTo(Outcome.CALLBACK_COMPLETED);
        assertThat(journal.types(contact)).endsWith("callback-requested", "offered", "callback-attempt", "answered",
                "callback-completed", "ended");
        assertThat(book.pending()).isEmpty();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long until = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
