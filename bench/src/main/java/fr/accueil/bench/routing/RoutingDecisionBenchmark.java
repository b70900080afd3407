package fr.accueil.bench.routing;

import fr.accueil.core.contact.ContactId;
import fr.accueil.core.routing.AgentId;
import fr.accueil.core.routing.AgentProfile;
import fr.accueil.core.routing.Assignment;
import fr.accueil.core.routing.EnqueueResult;
import fr.accueil.core.routing.QueueDefinition;
import fr.accueil.core.routing.QueueId;
import fr.accueil.core.routing.RoutingEngine;
import fr.accueil.core.routing.Skill;
import fr.accueil.core.routing.SkillLevel;
import fr.accueil.core.routing.SkillRequirements;
import fr.accueil.core.routing.WaitingContact;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Routing decision latency at the size the issue sets: 5,000 agents, 50,000 waiting contacts, 200 queues
 * (20 services × 10 queues, skill requirements on most queues, 10 % of contacts with a preferred agent,
 * some of them still inside their window). 40 % of the agents are available, the others paused.
 *
 * <p>Each invocation takes one decision for a different agent or contact (cycling through shuffled
 * arrays), at a fixed {@code now}. Decisions do not mutate the engine (windows expired at the first call),
 * so every sample sees the same 50,000-contact state. Run with {@code bench/routing.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RoutingDecisionBenchmark {
    static final int AGENTS = 5_000;
    static final int QUEUES = 200;
    static final int CONTACTS = 50_000;
    static final int SERVICES = 20;
    static final int SKILLS = 8;

    private RoutingEngine engine;
    private AgentId[] availableAgents;
    private ContactId[] waitingContacts;
    private Instant now;
    private int nextAgent;
    private int nextContact;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        Instant start = Instant.parse("2026-11-27T08:00:00Z");
        now = start.plus(Duration.ofMinutes(10));
        engine = new RoutingEngine();
        List<Skill> skills = new ArrayList<>();
        for (int s = 0; s < SKILLS; s++) {
            skills.add(new Skill("skill" + s));
        }
        List<QueueId> queues = new ArrayList<>();
        for (int q = 0; q < QUEUES; q++) {
            Map<Skill, SkillLevel> required = new HashMap<>();
            for (int r = random.nextInt(3); r > 0; r--) {
                required.put(skills.get(random.nextInt(SKILLS)), SkillLevel.of(1 + random.nextInt(3)));
            }
            QueueId id = new QueueId("queue" + q);
            engine.addQueue(QueueDefinition.of(id, "service" + (q % SERVICES))
                    .withRequiredSkills(SkillRequirements.of(required))
                    .withPriority(random.nextInt(3))
                    .withMaxLength(1_000)
                    .withAgingStep(Duration.ofSeconds(10 + random.nextInt(50))));
            queues.add(id);
        }
        List<AgentId> available = new ArrayList<>();
        List<AgentId> agents = new ArrayList<>();
        for (int a = 0; a < AGENTS; a++) {
            AgentId id = new AgentId("agent" + a);
            Map<Skill, SkillLevel> held = new HashMap<>();
            for (int s = 3 + random.nextInt(3); s > 0; s--) {
                held.put(skills.get(random.nextInt(SKILLS)), SkillLevel.of(1 + random.nextInt(5)));
            }
            Set<String> services = new HashSet<>();
            services.add("service" + random.nextInt(SERVICES));
            if (random.nextBoolean()) {
                services.add("service" + random.nextInt(SERVICES));
            }
            engine.addAgent(new AgentProfile(id, "Agent " + a, held, services));
            engine.logIn(id, start.plusMillis(random.nextInt(600_000)));
            agents.add(id);
            if (random.nextInt(10) < 4) {
                available.add(id);
            } else {
                engine.pause(id, "occupé", start.plusMillis(600_000));
            }
        }
        List<ContactId> contacts = new ArrayList<>();
        for (int c = 0; c < CONTACTS; c++) {
            ContactId id = new ContactId(new UUID(random.nextLong(), random.nextLong()));
            WaitingContact contact = WaitingContact.of(id, queues.get(random.nextInt(QUEUES)), random.nextInt(3),
                    start.plusMillis(random.nextInt(600_000)));
            if (random.nextInt(10) == 0) {
                contact = contact.withPreferredAgent(agents.get(random.nextInt(AGENTS)));
            }
            if (!(engine.enqueue(contact) instanceof EnqueueResult.Accepted)) {
                throw new IllegalStateException("benchmark queue unexpectedly full");
            }
            contacts.add(id);
        }
        java.util.Collections.shuffle(available, random);
        java.util.Collections.shuffle(contacts, random);
        availableAgents = available.toArray(AgentId[]::new);
        waitingContacts = contacts.toArray(ContactId[]::new);
        // Expire the windows that ended before "now" so that measured calls see a steady state.
        engine.nextForAgent(availableAgents[0], now);
    }

    @Benchmark
    public Optional<Assignment> nextForAgent() {
        AgentId agent = availableAgents[nextAgent];
        nextAgent = nextAgent + 1 == availableAgents.length ? 0 : nextAgent + 1;
        return engine.nextForAgent(agent, now);
    }

    @Benchmark
    public Optional<Assignment> agentForContact() {
        ContactId contact = waitingContacts[nextContact];
        nextContact = nextContact + 1 == waitingContacts.length ? 0 : nextContact + 1;
        return engine.agentForContact(contact, now);
    }
}
