package fr.accueil.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.accueil.core.contact.ContactId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingEngineTest {
    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    private static final QueueId ETAT_CIVIL = new QueueId("etat-civil");
    private static final QueueId URBANISME = new QueueId("urbanisme");
    private static final Skill PERMIS = new Skill("permis de construire");

    private final List<AgentEvent> events = new ArrayList<>();
    private final RoutingEngine engine = new RoutingEngine(events::add);

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static AgentProfile agent(String id, String... services) {
        return new AgentProfile(new AgentId(id), id, Map.of(), Set.of(services));
    }

    private static AgentProfile agent(String id, Map<Skill, SkillLevel> skills, String... services) {
        return new AgentProfile(new AgentId(id), id, skills, Set.of(services));
    }

    private AgentId loggedIn(AgentProfile profile, Instant when) {
        engine.addAgent(profile);
        engine.logIn(profile.id(), when);
        return profile.id();
    }

    private ContactId enqueue(QueueId queue, int priority, Instant when) {
        return enqueue(WaitingContact.of(ContactId.random(), queue, priority, when));
    }

    private ContactId enqueue(WaitingContact contact) {
        assertThat(engine.enqueue(contact)).isInstanceOf(EnqueueResult.Accepted.class);
        return contact.id();
    }

    private Optional<ContactId> next(AgentId agent, Instant now) {
        return engine.nextForAgent(agent, now).map(Assignment::contact);
    }

    private Optional<AgentId> agentFor(ContactId contact, Instant now) {
        return engine.agentForContact(contact, now).map(Assignment::agent);
    }

    @Test
    void higherPriorityFirstThenArrival() {
        engine.addQueue(QueueDefinition.of(ETAT_CIVIL, "mairie").withAgingStep(Duration.ZERO));
        ContactId early = enqueue(ETAT_CIVIL, 0, at(0));
        ContactId late = enqueue(ETAT_CIVIL, 0, at(5));
        ContactId urgent = enqueue(ETAT_CIVIL, 3, at(10));
        AgentId a = loggedIn(agent("a", "mairie"), at(11));

        assertThat(next(a, at(12))).contains(urgent);
        engine.abandon(urgent, at(12));
        assertThat(next(a, at(12))).contains(early);
        engine.abandon(early, at(12));
        assertThat(next(a, at(12))).contains(late);
    }

    @Test
    void queuePriorityCountsAcrossQueues() {
        engine.addQueue(QueueDefinition.of(ETAT_CIVIL, "mairie").withAgingStep(Duration.ZERO));
        engine.addQueue(QueueDefinition.of(URBANISME, "mairie").withAgingStep(Duration.ZERO).withPriority(2));
        ContactId older = enqueue(ETAT_CIVIL, 1, at(0));
        ContactId inPriorityQueue = enqueue(URBANISME, 0, at(30));
        AgentId a = loggedIn(agent("a", "mairie"), at(31));

        assertThat(next(a, at(40))).contains(inPriorityQueue);
    }

    @Test
    void ageingLetsAnOldLowPriorityContactOvertake() {
        // one point per 10 s of waiting
        engine.addQueue(QueueDefinition.of(ETAT_CIVIL, "mairie").withAgingStep(Duration.ofSeconds(10)));
        engine.addQueue(QueueDefinition.of(URBANISME, "mairie").withAgingStep(Duration.ofSeconds(10)));
        ContactId old = enqueue(ETAT_CIVIL, 0, at(0));
        ContactId urgent = enqueue(URBANISME, 5, at(40));
        AgentId a = loggedIn(agent("a", "mairie"), at(0));

        // at 45 s: old = 4.5, urgent = 5.5
        assertThat(next(a, at(45))).contains(urgent);
        // at 70 s: old = 7, urgent = 8 — still behind; ageing is the same for both...
        assertThat(next(a, at(70))).contains(urgent);
        // ...within one queue too, the order is stable:
        ContactId sameQueueUrgent = enqueue(ETAT_CIVIL, 5, at(40));
        assertThat(engine.position(sameQueueUrgent)).hasValue(1);
        assertThat(engine.position(old)).hasValue(2);
        engine.abandon(sameQueueUrgent, at(70));
        // ...but a contact that waited longer than the priority gap catches up: at 51 s old = 5.1 > new 5.0
        ContactId fresh = enqueue(URBANISME, 5, at(51));
        engine.abandon(urgent, at(51));
        assertThat(next(a, at(51))).contains(old);
        assertThat(engine.position(fresh)).hasValue(1);
    }

    @Test
    void withoutAgeingAHighPriorityStreamStarvesTheOldContact() {
        engine.addQueue(QueueDefinition.of(ETAT_CIVIL, "mairie").withAgingStep(Duration.ZERO));
        ContactId old = enqueue(ETAT_CIVIL, 0, at(0));
        ContactId urgent = enqueue(ETAT_CIVIL, 1, at(3600));
        AgentId a = loggedIn(agent("a", "mairie"), at(0));
        assertThat(next(a, at(3600))).contains(urgent);
        assertThat(engine.position(old)).hasValue(2);
    }

    @Test
    void skillsAndMinimumLevels() {
        engine.addQueue(QueueDefinition.of(URBANISME, "mairie")
                .withRequiredSkills(SkillRequirements.of(Map.of(PERMIS, SkillLevel.of(3)))));
        AgentId novice = loggedIn(agent("novice", Map.of(PERMIS, SkillLevel.of(2)), "mairie"), at(0));
        AgentId unskilled = loggedIn(agent("unskilled", "mairie"), at(0));
        AgentId otherService = loggedIn(agent("other", Map.of(PERMIS, SkillLevel.of(5)), "prefecture"), at(0));
        ContactId contact = enqueue(URBANISME, 0, at(1));

        assertThat(next(novice, at(2))).isEmpty();
        assertThat(next(unskilled, at(2))).isEmpty();
        assertThat(next(otherService, at(2))).isEmpty();
        assertThat(agentFor(contact, at(2))).isEmpty();
        assertThat(engine.staffedAgents(URBANISME)).isZero();

        AgentId expert = loggedIn(agent("expert", Map.of(PERMIS, SkillLevel.of(3)), "mairie"), at(3));
        assertThat(next(expert, at(4))).contains(contact);
        assertThat(agentFor(contact, at(4))).contains(expert);
        assertThatThrownBy(() -> engine.offer(novice, contact, at(4))).hasMessageContaining("not qualified");
    }

    @Test
    void contactOverrideReplacesQueueRequirements() {
        engine.addQueue(QueueDefinition.of(ETAT_CIVIL, "mairie"));
        AgentId plain = loggedIn(agent("plain", "mairie"), at(0));
        AgentId skilled = loggedIn(agent("skilled", Map.of(PERMIS, SkillLevel.of(4)), "mairie"), at(1));
        ContactId needsSkill = enqueue(WaitingContact.of(ContactId.random(), ETAT_CIVIL, 0, at(2))
                .withRequiredSkills(SkillRequirements.of(Map.of(PERMIS, SkillLevel.of(4)))));
        ContactId ordinary = enqueue(ETAT_CIVIL, 0, at(3));

        assertThat(next(plain, at(4))).contains(ordinary);
        assertThat(next(skilled, at(4))).contains(needsSkill);
        assertThat(agentFor(needsSkill, at(4))).contains(skilled);
        assertThat(engine.position(needsSkill)).hasValue(1);
    }

    @Test
    void preferredAgentOfferedFirstReservedDuringWindowThenWidened() {
        engine.addQueue(QueueDefinition.of(ETAT_CIVIL, "mairie").withPreferredAgentWindow(Duration.ofSeconds(20)));
        AgentId other = loggedIn(agent("other", "mairie"), at(0));
        AgentId owner = loggedIn(agent("owner", "mairie"), at(50));
        engine.pause(owner, "dossier", at(55));
        ContactId contact = enqueue(WaitingContact.of(ContactId.random(), ETAT_CIVIL, 0, at(100)).withPreferredAgent(owner));

        // reserved: the owner is logged in (paused), so nobody else gets it and the contact waits for it
        assertThat(next(other, at(101))).isEmpty();
        assertThat(agentFor(contact, at(101))).isEmpty();
        assertThatThrownBy(() -> engine.offer(other, contact, at(101))).hasMessageContaining("reserved");

        engine.ready(owner, at(105));
        // the owner is now available: offered first, even though "other" has been idle far longer
        assertThat(engine.agentForContact(contact, at(106)))
                .contains(new Assignment(owner, contact, ETAT_CIVIL, true));
        assertThat(engine.nextForAgent(owner, at(106)))
                .contains(new Assignment(owner, contact, ETAT_CIVIL, true));

        engine.pause(owner, "dossier", at(107));
        // window ends at 120 s: widened to the group
        assertThat(next(other, at(119))).isEmpty();
        assertThat(engine.nextForAgent(other, at(120)))
                .contains(new Assignment(other, contact, ETAT_CIVIL, false));
        assertThat(agentFor(contact, at(120))).contains(other);
    }

    @Test
    void preferredAgentLoggedOutDoesNotHoldTheContact() {
        engine.addQueue(QueueDefinition.of(ETAT_CIVIL, "mairie"));
        AgentId other = loggedIn(agent("other", "mairie"), at(0));
        engine.addAgent(agent("owner", "mairie"));
        AgentId owner = new AgentId("owner");
        ContactId contact = enqueue(WaitingContact.of(ContactId.random(), ETAT_CIVIL, 0, at(10)).withPreferredAgent(owner));
        assertThat(next(other, at(11))).contains(contact);

        // the owner logs in within the window: the contact is reserved to it from then on
        engine.logIn(owner, at(12));
        assertThat(next(other, at(13))).isEmpty();
        assertThat(agentFor(contact, at(13))).contains(owner);
        // and logging out releases it again
        engine.logOut(owner, at(14));
        assertThat(next(other, at(15))).contains(contact);
    }

    @Test
    void preferredAgentNoAnswerEndsTheReservation() {
        engine.addQueue(QueueDefinition.of(ETAT_CIVIL, "mairie"));
        AgentId other = loggedIn(agent("other", "mairie"), at(0));
        AgentId owner = loggedIn(agent("owner", "mairie"), at(0));
        ContactId contact = enqueue(WaitingContact.of(ContactId.random(), ETAT_CIVIL, 0, at(10)).withPreferredAgent(owner));
        engine.offer(owner, contact, at(10));
        engine.noAnswer(owner, at(15));

        assertThat(engine.state(owner)).isEqualTo(new AgentState.Paused("no answer"));
        assertThat(next(other, at(16))).contains(contact);
    }

    @Test
    void longestIdleAgentWeightedBySkillSurplus() {
        engine.addQueue(QueueDefinition.of(URBANISME, "mairie")
                .withRequiredSkills(SkillRequirements.of(Map.of(PERMIS, SkillLevel.of(2)))));
        AgentId longIdleNovice = loggedIn(agent("novice", Map.of(PERMIS, SkillLevel.of(2)), "mairie"), at(0));
        AgentId expert = loggedIn(agent("expert", Map.of(PERMIS, SkillLevel.of(5)), "mairie"), at(50));
        ContactId contact = enqueue(URBANISME, 0, at(60));

        // at 100 s: novice 100 s × 1 = 100; expert 50 s × (1 + 0.25 × 3) = 87.5
        assertThat(agentFor(contact, at(100))).contains(longIdleNovice);
        // at 400 s: novice 400; expert 350 × 1.75 = 612.5
        assertThat(agentFor(contact, at(400))).contains(expert);
        // without weighting the plain longest idle wins
        AgentId longer = loggedIn(agent("longer", Map.of(PERMIS, SkillLevel.of(5)), "mairie"), at(10));
        assertThat(agentFor(contact, at(400))).contains(longer);
        // a busy agent is not chosen however long it was idle before
        engine.pause(longer, "réunion", at(401));
        assertThat(agentFor(contact, at(402))).contains(expert);
    }

    @Test
    void noAnswerPausesTheAgentAndTheContactKeepsItsPlace() {
        engine.addQueue(QueueDefinition.of(ETAT_CIVIL, "mairie"));
        AgentId first = loggedIn(agent("first", "mairie"), at(0));
        AgentId second = loggedIn(agent("second", "mairie"), at(5));
        ContactId head = enqueue(ETAT_CIVIL, 0, at(10));
        ContactId behind = enqueue(ETAT_CIVIL, 0, at(11));

        assertThat(agentFor(head, at(12))).contains(first);
        engine.offer(first, head, at(12));
        assertThat(engine.state(first)).isEqualTo(new AgentState.Ringing(head));
        // while it rings, the contact is not offered twice, but keeps position 1
        assertThat(agentFor(head, at(13))).isEmpty();
        assertThat(next(second, at(13))).contains(behind);
        assertThat(engine.position(head)).hasValue(1);
        assertThatThrownBy(() -> engine.offer(second, head, at(13))).hasMessageContaining("already offered");

        engine.noAnswer(first, at(32));
        assertThat(engine.state(first)).isEqualTo(new AgentState.Paused("no answer"));
        assertThat(engine.position(head)).hasValue(1);
        assertThat(next(second, at(33))).contains(head);
        assertThat(agentFor(head, at(33))).contains(second);
        assertThat(events).contains(new AgentEvent.NoAnswer(first, head, at(32)));
    }

    @Test
    void answerTakesTheContactOutAndTheAgentCyclesBack() {
        engine.addQueue(QueueDefinition.of(ETAT_CIVIL, "mairie"));
        AgentId a = loggedIn(agent("a", "mairie"), at(0));
        ContactId contact = enqueue(ETAT_CIVIL, 0, at(1));
        engine.offer(a, contact, at(2));
        engine.answer(a, at(3));
        assertThat(engine.isQueued(contact)).isFalse();
        assertThat(engine.waitingCount(ETAT_CIVIL)).isZero();
        assertThat(engine.state(a)).isEqualTo(new AgentState.OnContact(contact));
        assertThat(next(a, at(4))).isEmpty();
        engine.hangUp(a, at(60));
        ContactId nextOne = enqueue(ETAT_CIVIL, 0, at(61));
        assertThat(agentFor(nextOne, at(62))).isEmpty(); // in wrap-up
        engine.endWrapUp(a, at(70));
        assertThat(engine.idleSince(a)).contains(at(70));
        assertThat(agentFor(nextOne, at(71))).contains(a);
        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("LoggedIn", "Offered", "Answered", "HungUp", "WrapUpEnded");
    }

    @Test
    void illegalTransitionThroughTheEngineNamesBothStatesAndKeepsIndexes() {
        engine.addQueue(QueueDefinition.of(ETAT_CIVIL, "mairie"));
        AgentId a = loggedIn(agent("a", "mairie"), at(0));
        ContactId contact = enqueue(ETAT_CIVIL, 0, at(1));
        assertThatThrownBy(() -> engine.hangUp(a, at(2)))
                .isInstanceOf(IllegalAgentTransitionException.class)
                .hasMessage("agent a cannot go from AVAILABLE to WRAP_UP");
        assertThatThrownBy(() -> engine.endWrapUp(a, at(2))).hasMessageContaining("AVAILABLE");
        assertThat(agentFor(contact, at(3))).contains(a);
        assertThatThrownBy(() -> engine.nextForAgent(new AgentId("ghost"), at(3))).hasMessageContaining("unknown agent");
    }

    @Test
    void abandonRemovesTheContactAndWithdrawsARingingOffer() {
        engine.addQueue(QueueDefinition.of(ETAT_CIVIL, "mairie"));
        AgentId a = loggedIn(agent("a", "mairie"), at(0));
        ContactId first = enqueue(ETAT_CIVIL, 0, at(1));
        ContactId second = enqueue(ETAT_CIVIL, 0, at(2));
        assertThat(engine.position(second)).hasValue(2);

        assertThat(engine.abandon(first, at(3))).map(WaitingContact::id).contains(first);
        assertThat(engine.isQueued(first)).isFalse();
        assertThat(engine.position(first)).isEmpty();
        assertThat(engine.position(second)).hasValue(1);
        assertThat(engine.abandon(first, at(3))).isEmpty();

        engine.offer(a, second, at(4));
        engine.abandon(second, at(5));
        assertThat(engine.state(a)).isEqualTo(AgentState.AVAILABLE);
        assertThat(engine.idleSince(a)).contains(at(0));
        assertThat(engine.waitingCount(ETAT_CIVIL)).isZero();
        assertThat(next(a, at(6))).isEmpty();
        assertThat(events).contains(new AgentEvent.OfferWithdrawn(a, second, at(5)));
    }

    @Test
    void fullQueueRefusesTheContact() {
        engine.addQueue(QueueDefinition.of(ETAT_CIVIL, "mairie").withMaxLength(2));
        enqueue(ETAT_CIVIL, 0, at(0));
        enqueue(ETAT_CIVIL, 0, at(1));
        WaitingContact third = WaitingContact.of(ContactId.random(), ETAT_CIVIL, 0, at(2));
        assertThat(engine.enqueue(third)).isEqualTo(new EnqueueResult.QueueFull(third.id(), ETAT_CIVIL, 2));
        assertThat(engine.isQueued(third.id())).isFalse();
        assertThat(engine.waitingCount(ETAT_CIVIL)).isEqualTo(2);
    }

    @Test
    void enqueueRejectsUnknownQueueAndDuplicates() {
        engine.addQueue(QueueDefinition.of(ETAT_CIVIL, "mairie"));
        WaitingContact contact = WaitingContact.of(ContactId.random(), ETAT_CIVIL, 0, at(0));
        assertThat(engine.enqueue(contact)).isEqualTo(new EnqueueResult.Accepted(contact.id(), 1));
        assertThatThrownBy(() -> engine.enqueue(contact)).hasMessageContaining("already queued");
        assertThatThrownBy(() -> engine.enqueue(WaitingContact.of(ContactId.random(), URBANISME, 0, at(0))))
                .hasMessageContaining("unknown queue");
        assertThatThrownBy(() -> engine.removeQueue(ETAT_CIVIL)).hasMessageContaining("still has 1");
    }

    @Test
    void estimatedWaitWithAndWithoutAgents() {
        engine.addQueue(QueueDefinition.of(ETAT_CIVIL, "mairie"));
        ContactId c1 = enqueue(ETAT_CIVIL, 0, at(0));
        enqueue(ETAT_CIVIL, 0, at(1));
        enqueue(ETAT_CIVIL, 0, at(2));
        engine.recordHandled(ETAT_CIVIL, Duration.ofMinutes(4));
        // nobody logged in: unknown
        assertThat(engine.estimatedWait(ETAT_CIVIL)).isEmpty();
        assertThat(engine.estimatedWait(c1)).isEmpty();

        AgentId a = loggedIn(agent("a", "mairie"), at(3));
        AgentId b = loggedIn(agent("b", "mairie"), at(3));
        engine.pause(b, "pause", at(4)); // paused agents are still staffed
        assertThat(engine.staffedAgents(ETAT_CIVIL)).isEqualTo(2);
        // newcomer: position 4 / 2 agents × 4 min = 8 min; first contact: 1 / 2 × 4 min = 2 min
        assertThat(engine.estimatedWait(ETAT_CIVIL)).contains(Duration.ofMinutes(8));
        assertThat(engine.estimatedWait(c1)).contains(Duration.ofMinutes(2));

        // moving average: 0.2 × 9 min + 0.8 × 4 min = 5 min
        engine.recordHandled(ETAT_CIVIL, Duration.ofMinutes(9));
        assertThat(engine.estimatedWait(ETAT_CIVIL)).contains(Duration.ofMinutes(10));

        engine.logOut(a, at(5));
        engine.logOut(b, at(5));
        assertThat(engine.estimatedWait(ETAT_CIVIL)).isEmpty();
    }

    @Test
    void longestWaitAndContactsPastMaxWait() {
        engine.addQueue(QueueDefinition.of(ETAT_CIVIL, "mairie").withPriority(0));
        engine.addQueue(new QueueDefinition(URBANISME, "mairie", SkillRequirements.NONE, 0, 10,
                Duration.ofSeconds(60), Duration.ZERO, Duration.ZERO));
        assertThat(engine.longestWait(URBANISME, at(0))).isEmpty();
        ContactId old = enqueue(URBANISME, 0, at(0));
        ContactId urgent = enqueue(URBANISME, 9, at(30));
        enqueue(ETAT_CIVIL, 0, at(0)); // 15 min max wait
        assertThat(engine.longestWait(URBANISME, at(45))).contains(Duration.ofSeconds(45));
        assertThat(engine.pastMaxWait(at(59))).isEmpty();
        assertThat(engine.pastMaxWait(at(60))).extracting(WaitingContact::id).containsExactly(old);
        assertThat(engine.pastMaxWait(at(95))).extracting(WaitingContact::id).containsExactly(old, urgent);
        engine.abandon(old, at(95));
        assertThat(engine.pastMaxWait(at(95))).extracting(WaitingContact::id).containsExactly(urgent);
        assertThat(engine.longestWait(URBANISME, at(95))).contains(Duration.ofSeconds(65));
    }

    @Test
    void noHandlingTimeYetMeansUnknownWait() {
        engine.addQueue(QueueDefinition.of(ETAT_CIVIL, "mairie"));
        loggedIn(agent("a", "mairie"), at(0));
        assertThat(engine.estimatedWait(ETAT_CIVIL)).isEmpty();
    }

    @Test
    void agentMustBeLoggedOutToBeRemoved() {
        engine.addQueue(QueueDefinition.of(ETAT_CIVIL, "mairie"));
        AgentId a = loggedIn(agent("a", "mairie"), at(0));
        assertThatThrownBy(() -> engine.removeAgent(a)).hasMessageContaining("LOGGED_OUT");
        engine.logOut(a, at(1));
        engine.removeAgent(a);
        ContactId contact = enqueue(ETAT_CIVIL, 0, at(2));
        assertThat(agentFor(contact, at(3))).isEmpty();
        assertThat(engine.staffedAgents(ETAT_CIVIL)).isZero();
    }
}
