package fr.accueil.telephony.acd;

import fr.accueil.core.contact.CallerPseudonym;
import fr.accueil.core.contact.Channel;
import fr.accueil.core.contact.ContactId;
import fr.accueil.core.directory.AdministrationId;
import fr.accueil.core.directory.MenuId;
import fr.accueil.core.directory.OpeningHours;
import fr.accueil.core.directory.PromptRef;
import fr.accueil.core.directory.Service;
import fr.accueil.core.directory.ServiceId;
import fr.accueil.core.routing.AgentId;
import fr.accueil.core.routing.AgentProfile;
import fr.accueil.core.routing.QueueDefinition;
import fr.accueil.core.routing.QueueId;
import fr.accueil.core.routing.QueueRules;
import fr.accueil.core.routing.QueueSetup;
import fr.accueil.telephony.ivr.ContactRecorder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;

/** A contact centre on fakes (phones, trunk, journal, callback book), with helpers to place callers and agents. */
abstract class AcdHarness {
    static final String SERVICE = "prestations";
    static final QueueId QUEUE = new QueueId("accueil");
    static final String CALLER_NUMBER = "0612345678";
    static final String TRUNK_TEMPLATE = "sip:{number}@trunk.test";
    static final Duration WAIT = Duration.ofSeconds(10);

    final FakeDialer dialer = new FakeDialer();
    final Map<AgentId, List<String>> phones = new ConcurrentHashMap<>();
    final MemoryCallbackBook book = new MemoryCallbackBook();
    final RecordingJournal journal = new RecordingJournal();
    final CallerPseudonym pseudonym = new CallerPseudonym("0123456789abcdef".getBytes());
    final Clock clock = Clock.systemUTC();
    final Service service = new Service(new ServiceId(SERVICE), new AdministrationId("caf"), "Prestations", "",
            OpeningHours.always(ZoneId.of("Europe/Paris")), null, PromptRef.of("ferme"), new MenuId("main"), Map.of());
    final List<QueueSetup> queues = new ArrayList<>();
    final List<AgentProfile> agents = new ArrayList<>();
    ContactCentre centre;

    ContactCentre start() {
        return start(Optional.of(new OutboundTrunk(TRUNK_TEMPLATE, "+33140000000", Optional.empty())));
    }

    ContactCentre start(Optional<OutboundTrunk> trunk) {
        centre = new ContactCentre(dialer, (agent, now) -> phones.getOrDefault(agent, List.of()), new FakePrompts(), book,
                new FrenchNumbersPolicy(), trunk, new CallbackRules(2, Duration.ofMillis(300), '1', Duration.ofMillis(400)),
                pseudonym, Duration.ofMinutes(30), journal, clock);
        centre.configure(queues, agents);
        return centre;
    }

    @AfterEach
    void stopCentre() {
        if (centre != null) {
            centre.close();
        }
    }

    /** Quick rules: 400 ms ring, no announcements, 100 ms wrap-up, agent lost after 1 s of silence. */
    static QueueRules rules(QueueId queue) {
        return new QueueRules(queue, Duration.ofMillis(400), Optional.empty(), Duration.ZERO, QueueRules.DEFAULT_MUSIC,
                Optional.empty(), Optional.empty(), QueueRules.WhenNoAgents.WAIT, Duration.ofMillis(100), Duration.ofSeconds(1), false);
    }

    QueueSetup queue(QueueId id, String serviceId, UnaryOperator<QueueDefinition> definition, UnaryOperator<QueueRules> rules) {
        QueueSetup setup = new QueueSetup(definition.apply(QueueDefinition.of(id, serviceId)), rules.apply(rules(id)));
        queues.add(setup);
        return setup;
    }

    QueueSetup queue(UnaryOperator<QueueRules> rules) {
        return queue(QUEUE, SERVICE, d -> d, rules);
    }

    AgentId agent(String id, String serviceId, String... phoneUris) {
        AgentId agent = new AgentId(id);
        agents.add(new AgentProfile(agent, "Agent " + id, Map.of(), Set.of(serviceId)));
        phones.put(agent, List.of(phoneUris));
        return agent;
    }

    AgentId agent(String id, FakeDialer.Behaviour behaviour) {
        String uri = "sip:" + id + "@192.0.2.1:5070";
        dialer.behave(uri, behaviour);
        return agent(id, SERVICE, uri);
    }

    static String uriOf(AgentId agent) {
        return "sip:" + agent.value() + "@192.0.2.1:5070";
    }

    void logIn(AgentId... ids) {
        for (AgentId id : ids) {
            centre.changeState(id, AgentTarget.AVAILABLE, null);
            sleep(5); // distinct idle times: the first logged in is the longest idle
        }
    }

    String stateOf(AgentId agent) {
        return centre.stateOf(agent).orElseThrow().label();
    }

    void awaitState(AgentId agent, String label) {
        await(() -> stateOf(agent).equals(label), () -> "agent " + agent + " to be " + label + ", is " + stateOf(agent));
    }

    /** A caller placed in {@code queue} on a virtual thread, as the IVR would. */
    final class Caller {
        final FakeCall call;
        final ContactId contact;
        final Thread thread;

        Caller(String number, QueueId queue) {
            call = new FakeCall(number);
            ContactRecorder recorder = ContactRecorder.open(journal, clock, Channel.PHONE, call.callId(), Instant.now(),
                    new ContactRecorder.Origin("caf", SERVICE, "+33140000000", "0140000000", pseudonym.of(number)));
            contact = recorder.id();
            thread = Thread.ofVirtual().start(() -> centre.serve(call, recorder, service, queue));
        }

        List<String> types() {
            return journal.types(contact);
        }

        void awaitEvent(String type) {
            await(() -> types().contains(type), () -> "event " + type + " on " + contact + ", has " + types());
        }

        void awaitPrompt(String prompt) {
            await(() -> call.prompts().contains(prompt), () -> "prompt " + prompt + ", heard " + call.prompts());
        }

        void awaitDone() throws InterruptedException {
            thread.join(WAIT.toMillis());
            if (thread.isAlive()) {
                throw new AssertionError("caller's thread still running; events " + types());
            }
        }
    }

    Caller caller() {
        return new Caller(CALLER_NUMBER, QUEUE);
    }

    Caller caller(String number) {
        return new Caller(number, QUEUE);
    }

    static void await(BooleanSupplier condition, String what) {
        await(condition, () -> what);
    }

    static void await(BooleanSupplier condition, java.util.function.Supplier<String> what) {
        long until = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for " + what.get());
            }
            sleep(10);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
