package fr.accueil.telephony.acd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.accueil.core.contact.Outcome;
import fr.accueil.core.routing.AgentEvent;
import fr.accueil.core.routing.AgentId;
import fr.accueil.core.routing.AgentProfile;
import fr.accueil.core.routing.IllegalAgentTransitionException;
import fr.accueil.core.routing.QueueId;
import fr.accueil.core.routing.QueueSetup;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Agents' state changes (API semantics), live status of queues and agents, and reload safety. */
class AgentsAndStatusTest extends AcdHarness {

    @Test
    void stateChangesFollowTheApiSemantics() {
        queue(r -> r);
        AgentId alice = agent("alice", FakeDialer.ANSWER);
        start();
        List<AgentEvent> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        centre.addAgentListener(heard::add);

        assertThat(centre.changeState(alice, AgentTarget.AVAILABLE, null)).isInstanceOf(AgentEvent.LoggedIn.class);
        assertThat(centre.changeState(alice, AgentTarget.PAUSED, " déjeuner ")).isInstanceOf(AgentEvent.Paused.class);
        assertThat(stateOf(alice)).isEqualTo("PAUSED(déjeuner)");
        assertThat(centre.changeState(alice, AgentTarget.AVAILABLE, null)).isInstanceOf(AgentEvent.Ready.class);
        assertThatThrownBy(() -> centre.changeState(alice, AgentTarget.PAUSED, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(centre.changeState(alice, AgentTarget.LOGGED_OUT, null)).isInstanceOf(AgentEvent.LoggedOut.class);
        assertThatThrownBy(() -> centre.changeState(alice, AgentTarget.LOGGED_OUT, null))
                .isInstanceOf(IllegalAgentTransitionException.class).hasMessageContaining("LOGGED_OUT");
        assertThatThrownBy(() -> centre.changeState(new AgentId("ghost"), AgentTarget.AVAILABLE, null))
                .isInstanceOf(NoSuchElementException.class);
        assertThat(centre.stateOf(new AgentId("ghost"))).isEmpty();
        assertThat(heard).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("LoggedIn", "Paused", "Ready", "LoggedOut");
    }

    @Test
    void anAgentOnAContactCannotBePausedAndAnAgentMadeAvailableTakesTheWaitingCaller() throws Exception {
        queue(r -> r);
        AgentId alice = agent("alice", FakeDialer.ANSWER);
        start();
        Caller caller = caller();
        caller.awaitEvent("enqueued");
        sleep(100);
        assertThat(caller.types()).containsExactly("enqueued");

        logIn(alice);
        caller.awaitEvent("answered");
        assertThatThrownBy(() -> centre.changeState(alice, AgentTarget.PAUSED, "pause"))
                .isInstanceOf(IllegalAgentTransitionException.class);
        caller.call.hangUpByCaller();
        assertThat(journal.awaitOutcome(caller.contact, WAIT)).isEqualTo(Outcome.HANDLED_BY_AGENT);
    }

    @Test
    void queuesAndAgentsReportTheirLiveStatus() throws Exception {
        queue(r -> r);
        queue(new QueueId("etat-civil"), "etat-civil", d -> d, r -> r);
        AgentId alice = agent("alice", SERVICE, "sip:alice@a", "sip:alice@b");
        AgentId bob = agent("bob", FakeDialer.ANSWER);
        agent("eve", "etat-civil");
        start();
        logIn(alice);
        centre.changeState(alice, AgentTarget.PAUSED, "formation");
        Caller caller = caller();
        caller.awaitEvent("enqueued");
        sleep(50);

        QueueStatus accueil = centre.queues(Instant.now()).getFirst();
        assertThat(accueil.queue()).isEqualTo(QUEUE);
        assertThat(accueil.service()).isEqualTo(SERVICE);
        assertThat(accueil.waiting()).isEqualTo(1);
        assertThat(accueil.longestWait()).hasValueSatisfying(w -> assertThat(w.toMillis()).isGreaterThanOrEqualTo(40));
        assertThat(accueil.estimatedWait()).as("no handling time recorded yet").isEmpty();
        assertThat(accueil.agentsByState()).isEqualTo(Map.of("PAUSED(formation)", 1, "LOGGED_OUT", 1));
        assertThat(centre.queues(Instant.now()).get(1).agentsByState()).isEqualTo(Map.of("LOGGED_OUT", 1));

        List<AgentStatus> agents = centre.agents(Instant.now());
        assertThat(agents).extracting(AgentStatus::agent).containsExactly(alice, bob, new AgentId("eve"));
        AgentStatus alices = agents.getFirst();
        assertThat(alices.state()).isEqualTo("PAUSED(formation)");
        assertThat(alices.pauseReason()).contains("formation");
        assertThat(alices.registeredPhones()).isEqualTo(2);
        assertThat(alices.since()).isPresent();
        assertThat(agents.get(1).since()).isEmpty();
        caller.call.hangUpByCaller();
        journal.awaitOutcome(caller.contact, WAIT);
    }

    @Test
    void reconfigurationKeepsWaitingCallersAndAgentStatesOfUnchangedQueuesAndAgents() throws Exception {
        QueueSetup accueil = queue(r -> r);
        AgentId alice = agent("alice", FakeDialer.ANSWER);
        AgentProfile eveProfile = new AgentProfile(new AgentId("eve"), "Eve", Map.of(), Set.of(SERVICE));
        start();
        logIn(alice);
        centre.changeState(alice, AgentTarget.PAUSED, "déjeuner");
        Caller caller = caller();
        caller.awaitEvent("enqueued");

        QueueSetup added = new QueueSetup(fr.accueil.core.routing.QueueDefinition.of(new QueueId("nouvelle"), SERVICE),
                rules(new QueueId("nouvelle")));
        centre.configure(List.of(accueil, added), List.of(agents.getFirst(), eveProfile));

        assertThat(stateOf(alice)).isEqualTo("PAUSED(déjeuner)");
        assertThat(centre.queues(Instant.now())).extracting(QueueStatus::queue).containsExactly(QUEUE, new QueueId("nouvelle"));
        assertThat(centre.queues(Instant.now()).getFirst().waiting()).isEqualTo(1);
        assertThat(stateOf(new AgentId("eve"))).isEqualTo("LOGGED_OUT");

        // The caller is still served after the reload.
        dialer.behave("sip:eve@192.0.2.1:5070", FakeDialer.ANSWER);
        phones.put(new AgentId("eve"), List.of("sip:eve@192.0.2.1:5070"));
        logIn(new AgentId("eve"));
        caller.awaitEvent("answered");
        caller.call.hangUpByCaller();
        assertThat(journal.awaitOutcome(caller.contact, WAIT)).isEqualTo(Outcome.HANDLED_BY_AGENT);
    }

    @Test
    void aChangedQueueWithCallersKeepsItsOldDefinitionUntilEmpty() throws Exception {
        QueueSetup accueil = queue(r -> r);
        start();
        Caller caller = caller();
        caller.awaitEvent("enqueued");

        QueueSetup changed = new QueueSetup(accueil.definition().withMaxLength(1), accueil.rules());
        centre.configure(List.of(changed), List.of());
        assertThat(centre.queues(Instant.now()).getFirst().waiting()).isEqualTo(1);

        caller.call.hangUpByCaller();
        journal.awaitOutcome(caller.contact, WAIT);
        // Now empty: the new definition applies (max length 1).
        Caller first = caller("0611111111");
        first.awaitEvent("enqueued");
        Caller second = caller("0622222222");
        assertThat(journal.awaitOutcome(second.contact, WAIT)).isEqualTo(Outcome.OVERFLOWED);
        first.call.hangUpByCaller();
        journal.awaitOutcome(first.contact, WAIT);
    }

    @Test
    void anUnknownQueueFailsTheContactWithAnApology() throws Exception {
        queue(r -> r);
        start();
        Caller caller = new Caller(CALLER_NUMBER, new QueueId("inconnue"));
        assertThat(journal.awaitOutcome(caller.contact, WAIT)).isEqualTo(Outcome.FAILED);
        assertThat(caller.call.prompts()).containsExactly("systeme/erreur-technique");
    }
}
