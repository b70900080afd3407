package fr.accueil.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.accueil.core.contact.ContactId;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Drives the indexed engine and a brute-force reference (every decision a full scan, written as plainly
 * as the rules in docs/routing.md) through thousands of random operations and compares every decision.
 */
class RoutingEngineRandomizedTest {
    private static final Skill A = new Skill("a");
    private static final Skill B = new Skill("b");
    private static final List<String> SERVICES = List.of("s1", "s2", "s3");

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void fastEngineAgreesWithBruteForce(long seed) {
        new Run(new Random(seed)).go(4_000);
    }

    private static final class Run {
        final Random random;
        final RoutingEngine engine = new RoutingEngine();
        final Reference reference = new Reference();
        final List<SkillRequirements> requirementChoices;
        long nowMs = Instant.parse("2026-11-27T08:00:00Z").toEpochMilli();
        int decisionsCompared;
        int assignmentsSeen;
        int preferredAssignmentsSeen;
        int overdueSeen;
        int offersMade;

        Run(Random random) {
            this.random = random;
            requirementChoices = List.of(
                    SkillRequirements.NONE,
                    SkillRequirements.of(Map.of(A, SkillLevel.of(2))),
                    SkillRequirements.of(Map.of(A, SkillLevel.of(1), B, SkillLevel.of(3))),
                    SkillRequirements.of(Map.of(B, SkillLevel.of(1))));
        }

        void go(int operations) {
            for (int q = 0; q < 5; q++) {
                QueueDefinition queue = new QueueDefinition(new QueueId("q" + q), pick(SERVICES),
                        pick(requirementChoices), random.nextInt(3) - 1, 5 + random.nextInt(25), Duration.ofSeconds(20 + random.nextInt(100)),
                        Duration.ofMillis(pick(List.of(0, 2_000, 10_000))),
                        Duration.ofMillis(pick(List.of(0, 0, 1_000, 5_000, 30_000))));
                engine.addQueue(queue);
                reference.queues.put(queue.id(), queue);
            }
            for (int a = 0; a < 12; a++) {
                addAgent(new AgentId("agent" + a));
            }
            for (int i = 0; i < operations; i++) {
                nowMs += random.nextInt(4) == 0 ? 0 : random.nextInt(3_000);
                step();
                compareSomeDecisions();
            }
            // guards that the run exercised what it claims to
            assertThat(decisionsCompared).isGreaterThan(operations);
            assertThat(assignmentsSeen).isGreaterThan(operations / 4);
            assertThat(preferredAssignmentsSeen).isGreaterThan(5);
            assertThat(offersMade).isGreaterThan(operations / 40);
            assertThat(overdueSeen).isPositive();
        }

        Instant now() {
            return Instant.ofEpochMilli(nowMs);
        }

        void addAgent(AgentId id) {
            Map<Skill, SkillLevel> skills = new HashMap<>();
            if (random.nextBoolean()) {
                skills.put(A, SkillLevel.of(1 + random.nextInt(5)));
            }
            if (random.nextBoolean()) {
                skills.put(B, SkillLevel.of(1 + random.nextInt(5)));
            }
            Set<String> services = new HashSet<>();
            services.add(pick(SERVICES));
            if (random.nextBoolean()) {
                services.add(pick(SERVICES));
            }
            AgentProfile profile = new AgentProfile(id, id.value(), skills, services);
            engine.addAgent(profile);
            reference.agents.put(id, new RefAgent(profile));
        }

        void step() {
            int dice = random.nextInt(100);
            if (dice < 30) {
                enqueue();
            } else if (dice < 38) {
                abandon();
            } else if (dice < 55) {
                offerByDecision();
            } else if (dice < 57) {
                replaceAgent();
            } else {
                agentTransition();
            }
        }

        void enqueue() {
            QueueDefinition queue = pick(new ArrayList<>(reference.queues.values()));
            WaitingContact contact = WaitingContact.of(ContactId.random(), queue.id(), random.nextInt(5) - 2,
                    Instant.ofEpochMilli(nowMs - random.nextInt(3) * random.nextInt(2_000)));
            if (random.nextInt(3) == 0) {
                contact = contact.withPreferredAgent(new AgentId("agent" + random.nextInt(14)));
            }
            if (random.nextInt(5) == 0) {
                contact = contact.withRequiredSkills(pick(requirementChoices));
            }
            EnqueueResult result = engine.enqueue(contact);
            boolean full = reference.waitingIn(queue.id()) >= queue.maxLength();
            if (full) {
                assertThat(result).isEqualTo(new EnqueueResult.QueueFull(contact.id(), queue.id(), queue.maxLength()));
            } else {
                reference.contacts.put(contact.id(), new RefContact(contact, reference.nextSeq++));
                assertThat(result).isEqualTo(new EnqueueResult.Accepted(contact.id(), reference.position(contact.id(), nowMs)));
            }
        }

        void abandon() {
            if (reference.contacts.isEmpty()) {
                return;
            }
            ContactId id = pick(new ArrayList<>(reference.contacts.keySet()));
            RefContact removed = reference.contacts.remove(id);
            assertThat(engine.abandon(id, now())).contains(removed.contact);
            if (removed.offeredTo != null) {
                reference.agents.get(removed.offeredTo).session.withdrawOffer(now());
            }
        }

        void offerByDecision() {
            Optional<Assignment> decision;
            if (random.nextBoolean() || reference.contacts.isEmpty()) {
                AgentId agent = pick(new ArrayList<>(reference.agents.keySet()));
                decision = compareNextForAgent(agent);
            } else {
                decision = compareAgentForContact(pick(new ArrayList<>(reference.contacts.keySet())));
            }
            if (decision.isPresent()) {
                Assignment assignment = decision.get();
                engine.offer(assignment.agent(), assignment.contact(), now());
                reference.agents.get(assignment.agent()).session.offer(assignment.contact(), now());
                reference.contacts.get(assignment.contact()).offeredTo = assignment.agent();
                offersMade++;
            }
        }

        void replaceAgent() {
            AgentId id = pick(new ArrayList<>(reference.agents.keySet()));
            if (reference.agents.get(id).session.state() instanceof AgentState.LoggedOut) {
                engine.removeAgent(id);
                reference.agents.remove(id);
                addAgent(id); // with a new random profile
            } else {
                assertThatThrownBy(() -> engine.removeAgent(id)).isInstanceOf(IllegalStateException.class);
            }
        }

        void agentTransition() {
            AgentId id = pick(new ArrayList<>(reference.agents.keySet()));
            RefAgent agent = reference.agents.get(id);
            Instant now = now();
            AgentState before = agent.session.state();
            int which = random.nextInt(4) == 0 ? random.nextInt(8) : pick(legalTransitions(before));
            RuntimeException expected = null;
            ContactId ringing = before instanceof AgentState.Ringing r ? r.contact() : null;
            try {
                switch (which) {
                    case 0 -> agent.session.logIn(now);
                    case 1 -> agent.session.pause("pause", now);
                    case 2 -> agent.session.ready(now);
                    case 3 -> agent.session.answer(now);
                    case 4 -> agent.session.noAnswer(now);
                    case 5 -> agent.session.hangUp(now);
                    case 6 -> agent.session.endWrapUp(now);
                    default -> agent.session.logOut(now);
                }
            } catch (IllegalAgentTransitionException e) {
                expected = e;
            }
            Runnable onEngine = switch (which) {
                case 0 -> () -> engine.logIn(id, now);
                case 1 -> () -> engine.pause(id, "pause", now);
                case 2 -> () -> engine.ready(id, now);
                case 3 -> () -> engine.answer(id, now);
                case 4 -> () -> engine.noAnswer(id, now);
                case 5 -> () -> engine.hangUp(id, now);
                case 6 -> () -> engine.endWrapUp(id, now);
                default -> () -> engine.logOut(id, now);
            };
            if (expected != null) {
                assertThatThrownBy(onEngine::run).hasMessage(expected.getMessage());
                return;
            }
            onEngine.run();
            if (which == 3) {
                reference.contacts.remove(ringing);
            } else if (which == 4) {
                RefContact contact = reference.contacts.get(ringing);
                contact.offeredTo = null;
                if (contact.contact.preferredAgent().filter(id::equals).isPresent()) {
                    contact.preferenceDropped = true;
                }
            }
            assertThat(engine.state(id)).isEqualTo(agent.session.state());
        }

        /** Indexes of the switch in {@link #agentTransition}, mostly legal so that agents cycle. */
        static List<Integer> legalTransitions(AgentState state) {
            return switch (state) {
                case AgentState.LoggedOut s -> List.of(0);
                case AgentState.Available s -> List.of(1, 1, 7);
                case AgentState.Paused s -> List.of(2, 2, 2, 1, 7);
                case AgentState.Ringing s -> List.of(3, 3, 4);
                case AgentState.OnContact s -> List.of(5);
                case AgentState.WrapUp s -> List.of(6, 6, 6, 1, 7);
            };
        }

        void compareSomeDecisions() {
            for (int i = 0; i < 2; i++) {
                compareNextForAgent(pick(new ArrayList<>(reference.agents.keySet())));
            }
            if (!reference.contacts.isEmpty()) {
                List<ContactId> ids = new ArrayList<>(reference.contacts.keySet());
                for (int i = 0; i < 2; i++) {
                    compareAgentForContact(pick(ids));
                }
                ContactId id = pick(ids);
                assertThat(engine.position(id)).isEqualTo(OptionalInt.of(reference.position(id, nowMs)));
            }
            QueueId queue = pick(new ArrayList<>(reference.queues.keySet()));
            assertThat(engine.longestWait(queue, now())).isEqualTo(reference.longestWait(queue, nowMs));
            assertThat(engine.waitingCount(queue)).isEqualTo(reference.waitingIn(queue));
            if (random.nextInt(10) == 0) {
                List<WaitingContact> overdue = reference.pastMaxWait(nowMs);
                assertThat(engine.pastMaxWait(now())).containsExactlyElementsOf(overdue);
                overdueSeen += overdue.size();
            }
        }

        Optional<Assignment> compareNextForAgent(AgentId agent) {
            Optional<Assignment> expected = reference.nextForAgent(agent, nowMs);
            assertThat(engine.nextForAgent(agent, now())).as("nextForAgent(%s) at %d", agent, nowMs).isEqualTo(expected);
            count(expected);
            return expected;
        }

        Optional<Assignment> compareAgentForContact(ContactId contact) {
            Optional<Assignment> expected = reference.agentForContact(contact, nowMs);
            assertThat(engine.agentForContact(contact, now())).as("agentForContact(%s) at %d", contact, nowMs).isEqualTo(expected);
            count(expected);
            return expected;
        }

        void count(Optional<Assignment> decision) {
            decisionsCompared++;
            decision.ifPresent(assignment -> {
                assignmentsSeen++;
                if (assignment.preferredAgent()) {
                    preferredAssignmentsSeen++;
                }
            });
        }

        <T> T pick(List<T> list) {
            return list.get(random.nextInt(list.size()));
        }
    }

    private static final class RefAgent {
        final AgentProfile profile;
        final AgentSession session;

        RefAgent(AgentProfile profile) {
            this.profile = profile;
            this.session = new AgentSession(profile.id());
        }
    }

    private static final class RefContact {
        final WaitingContact contact;
        final long seq;
        AgentId offeredTo;
        boolean preferenceDropped;

        RefContact(WaitingContact contact, long seq) {
            this.contact = contact;
            this.seq = seq;
        }
    }

    /** The rules, by brute force. */
    private static final class Reference {
        final Map<QueueId, QueueDefinition> queues = new LinkedHashMap<>();
        final Map<AgentId, RefAgent> agents = new LinkedHashMap<>();
        final Map<ContactId, RefContact> contacts = new LinkedHashMap<>();
        long nextSeq;

        int waitingIn(QueueId queue) {
            return (int) contacts.values().stream().filter(c -> c.contact.queue().equals(queue)).count();
        }

        SkillRequirements requirements(RefContact contact) {
            return contact.contact.requiredSkillsOverride().orElse(queues.get(contact.contact.queue()).requiredSkills());
        }

        boolean qualified(RefAgent agent, RefContact contact) {
            QueueDefinition queue = queues.get(contact.contact.queue());
            if (!agent.profile.services().contains(queue.service())) {
                return false;
            }
            for (Map.Entry<Skill, SkillLevel> need : requirements(contact).minimums().entrySet()) {
                SkillLevel held = agent.profile.skills().get(need.getKey());
                if (held == null || held.value() < need.getValue().value()) {
                    return false;
                }
            }
            return true;
        }

        /** The agent the contact is reserved to at nowMs, if any. */
        Optional<RefAgent> reservedTo(RefContact contact, long nowMs) {
            QueueDefinition queue = queues.get(contact.contact.queue());
            long windowEnd = contact.contact.enqueuedAt().toEpochMilli() + queue.preferredAgentWindow().toMillis();
            if (contact.contact.preferredAgent().isEmpty() || contact.preferenceDropped
                    || queue.preferredAgentWindow().isZero() || nowMs >= windowEnd) {
                return Optional.empty();
            }
            RefAgent preferred = agents.get(contact.contact.preferredAgent().get());
            if (preferred == null || preferred.session.state() instanceof AgentState.LoggedOut || !qualified(preferred, contact)) {
                return Optional.empty();
            }
            return Optional.of(preferred);
        }

        /** Effective priority as an exact fraction {numerator, denominator}. */
        BigInteger[] effectivePriority(RefContact contact, long nowMs) {
            QueueDefinition queue = queues.get(contact.contact.queue());
            BigInteger base = BigInteger.valueOf(queue.priority() + contact.contact.priority());
            long step = queue.agingStep().toMillis();
            if (step == 0) {
                return new BigInteger[] {base, BigInteger.ONE};
            }
            long waited = nowMs - contact.contact.enqueuedAt().toEpochMilli();
            return new BigInteger[] {base.multiply(BigInteger.valueOf(step)).add(BigInteger.valueOf(waited)), BigInteger.valueOf(step)};
        }

        Comparator<RefContact> servedFirst(long nowMs) {
            return (x, y) -> {
                BigInteger[] px = effectivePriority(x, nowMs);
                BigInteger[] py = effectivePriority(y, nowMs);
                int byPriority = py[0].multiply(px[1]).compareTo(px[0].multiply(py[1]));
                if (byPriority != 0) {
                    return byPriority;
                }
                int byArrival = x.contact.enqueuedAt().compareTo(y.contact.enqueuedAt());
                return byArrival != 0 ? byArrival : Long.compare(x.seq, y.seq);
            };
        }

        Optional<Assignment> nextForAgent(AgentId id, long nowMs) {
            RefAgent agent = agents.get(id);
            if (!(agent.session.state() instanceof AgentState.Available)) {
                return Optional.empty();
            }
            return contacts.values().stream()
                    .filter(c -> c.offeredTo == null)
                    .filter(c -> qualified(agent, c))
                    .filter(c -> reservedTo(c, nowMs).map(p -> p == agent).orElse(true))
                    .min(servedFirst(nowMs))
                    .map(c -> assignment(agent, c));
        }

        Optional<Assignment> agentForContact(ContactId id, long nowMs) {
            RefContact contact = contacts.get(id);
            if (contact.offeredTo != null) {
                return Optional.empty();
            }
            Optional<RefAgent> reserved = reservedTo(contact, nowMs);
            if (reserved.isPresent()) {
                return reserved.filter(p -> p.session.state() instanceof AgentState.Available).map(p -> assignment(p, contact));
            }
            Comparator<RefAgent> best = Comparator
                    .comparingLong((RefAgent a) -> -score(a, contact, nowMs))
                    .thenComparing(a -> a.session.idleSince().orElseThrow())
                    .thenComparing(a -> a.profile.id());
            return agents.values().stream()
                    .filter(a -> a.session.state() instanceof AgentState.Available)
                    .filter(a -> qualified(a, contact))
                    .min(best)
                    .map(a -> assignment(a, contact));
        }

        /** idle ms × (1 + 0.25 × surplus), times 4 to stay in integers. */
        long score(RefAgent agent, RefContact contact, long nowMs) {
            int surplus = 0;
            for (Map.Entry<Skill, SkillLevel> need : requirements(contact).minimums().entrySet()) {
                surplus += agent.profile.skills().get(need.getKey()).value() - need.getValue().value();
            }
            long idle = nowMs - agent.session.idleSince().orElseThrow().toEpochMilli();
            return idle * (4 + surplus);
        }

        int position(ContactId id, long nowMs) {
            RefContact contact = contacts.get(id);
            Comparator<RefContact> order = servedFirst(nowMs);
            return 1 + (int) contacts.values().stream()
                    .filter(c -> c.contact.queue().equals(contact.contact.queue()))
                    .filter(c -> order.compare(c, contact) < 0)
                    .count();
        }

        Optional<Duration> longestWait(QueueId queue, long nowMs) {
            return contacts.values().stream()
                    .filter(c -> c.contact.queue().equals(queue))
                    .map(c -> Duration.ofMillis(nowMs - c.contact.enqueuedAt().toEpochMilli()))
                    .max(Comparator.naturalOrder());
        }

        List<WaitingContact> pastMaxWait(long nowMs) {
            Comparator<RefContact> byDeadline = Comparator
                    .comparingLong((RefContact c) -> deadline(c))
                    .thenComparingLong(c -> c.seq);
            return contacts.values().stream()
                    .filter(c -> deadline(c) <= nowMs)
                    .sorted(byDeadline)
                    .map(c -> c.contact)
                    .toList();
        }

        long deadline(RefContact contact) {
            return contact.contact.enqueuedAt().toEpochMilli() + queues.get(contact.contact.queue()).maxWait().toMillis();
        }

        static Assignment assignment(RefAgent agent, RefContact contact) {
            return new Assignment(agent.profile.id(), contact.contact.id(), contact.contact.queue(),
                    contact.contact.preferredAgent().filter(agent.profile.id()::equals).isPresent());
        }
    }
}
