package fr.accueil.telephony.acd;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.core.contact.ContactEvent;
import fr.accueil.core.contact.ContactId;
import fr.accueil.core.contact.EndReason;
import fr.accueil.core.contact.Outcome;
import fr.accueil.core.directory.PromptRef;
import fr.accueil.core.routing.AgentId;
import fr.accueil.core.routing.Overflow;
import fr.accueil.core.routing.QueueId;
import fr.accueil.core.routing.QueueRules;
import fr.accueil.telephony.call.EndCause;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Overflow (queue full, max wait, no agents) and the agent's blind transfer (REFER). */
class OverflowAndTransferTest extends AcdHarness {
    static final QueueId OTHER = new QueueId("etat-civil");

    private static QueueRules overflowTo(QueueRules r, Overflow overflow, QueueRules.WhenNoAgents whenNoAgents) {
        return new QueueRules(r.queue(), r.ringTimeout(), Optional.of(overflow), r.announceEvery(), r.music(), r.callbackAbove(),
                r.callbackKey(), whenNoAgents, r.wrapUp(), r.agentLostTimeout(), r.survey());
    }

    @Test
    void fullQueueOverflowsToItsMessage() throws Exception {
        queue(QUEUE, SERVICE, d -> d.withMaxLength(1),
                r -> overflowTo(r, new Overflow.Message(PromptRef.of("demo/caf/horaires")), QueueRules.WhenNoAgents.WAIT));
        start();
        Caller first = caller("0611111111");
        first.awaitEvent("enqueued");

        Caller second = caller("0622222222");
        assertThat(journal.awaitOutcome(second.contact, WAIT)).isEqualTo(Outcome.OVERFLOWED);
        assertThat(second.types()).containsExactly("overflowed", "ended");
        ContactEvent.Overflowed overflowed = journal.events(second.contact, ContactEvent.Overflowed.class).getFirst();
        assertThat(overflowed.reason()).isEqualTo("queue-full");
        assertThat(overflowed.target()).isEqualTo("message:demo/caf/horaires");
        assertThat(second.call.prompts()).containsExactly("demo/caf/horaires", "systeme/au-revoir");
        assertThat(journal.events(second.contact, ContactEvent.Ended.class).getFirst().reason()).isEqualTo(EndReason.OVERFLOW);
        first.call.hangUpByCaller();
        journal.awaitOutcome(first.contact, WAIT);
    }

    @Test
    void maxWaitMovesTheCallerToTheOverflowQueueWhereAnAgentAnswers() throws Exception {
        queue(QUEUE, SERVICE, d -> new fr.accueil.core.routing.QueueDefinition(d.id(), d.service(), d.requiredSkills(), 0, 10,
                Duration.ofMillis(500), d.preferredAgentWindow(), d.agingStep()),
                r -> overflowTo(r, new Overflow.ToQueue(OTHER), QueueRules.WhenNoAgents.WAIT));
        queue(OTHER, "etat-civil", d -> d, r -> r);
        dialer.behave("sip:eve@192.0.2.9", FakeDialer.ANSWER);
        AgentId eve = agent("eve", "etat-civil", "sip:eve@192.0.2.9");
        start();
        logIn(eve);

        Caller caller = caller();
        caller.awaitEvent("answered");
        assertThat(caller.types()).containsExactly("enqueued", "overflowed", "enqueued", "offered", "answered");
        ContactEvent.Overflowed overflowed = journal.events(caller.contact, ContactEvent.Overflowed.class).getFirst();
        assertThat(overflowed.reason()).isEqualTo("max-wait");
        assertThat(overflowed.target()).isEqualTo("queue:etat-civil");
        assertThat(journal.events(caller.contact, ContactEvent.Enqueued.class)).extracting(ContactEvent.Enqueued::queue)
                .containsExactly("accueil", "etat-civil");
        caller.call.hangUpByCaller();
        assertThat(journal.awaitOutcome(caller.contact, WAIT)).isEqualTo(Outcome.HANDLED_BY_AGENT);
    }

    @Test
    void maxWaitToANumberIsABlindTransferThroughTheTrunk() throws Exception {
        queue(QUEUE, SERVICE, d -> new fr.accueil.core.routing.QueueDefinition(d.id(), d.service(), d.requiredSkills(), 0, 10,
                Duration.ofMillis(300), d.preferredAgentWindow(), d.agingStep()),
                r -> overflowTo(r, new Overflow.ToNumber("01 40 00 00 99"), QueueRules.WhenNoAgents.WAIT));
        start();

        Caller caller = caller();
        assertThat(journal.awaitOutcome(caller.contact, WAIT)).isEqualTo(Outcome.OVERFLOWED);
        assertThat(caller.call.transfers).containsExactly("sip:+33140000099@trunk.test");
        assertThat(caller.types()).containsExactly("enqueued", "overflowed", "ended");
        assertThat(journal.events(caller.contact, ContactEvent.Ended.class).getFirst().reason()).isEqualTo(EndReason.TRANSFERRED);
    }

    @Test
    void overflowToAPremiumNumberIsRefusedByThePolicyAndEndsWithAGoodbye() throws Exception {
        queue(QUEUE, SERVICE, d -> new fr.accueil.core.routing.QueueDefinition(d.id(), d.service(), d.requiredSkills(), 0, 10,
                Duration.ofMillis(300), d.preferredAgentWindow(), d.agingStep()),
                r -> overflowTo(r, new Overflow.ToNumber("0899123456"), QueueRules.WhenNoAgents.WAIT));
        start();

        Caller caller = caller();
        assertThat(journal.awaitOutcome(caller.contact, WAIT)).isEqualTo(Outcome.OVERFLOWED);
        assertThat(caller.call.transfers).isEmpty();
        assertThat(caller.call.prompts()).containsExactly("file/debordement", "systeme/au-revoir");
    }

    @Test
    void noAgentLoggedInOverflowsAtOnceWhenConfiguredSo() throws Exception {
        queue(r -> new QueueRules(r.queue(), r.ringTimeout(), Optional.empty(), r.announceEvery(), r.music(), r.callbackAbove(),
                r.callbackKey(), QueueRules.WhenNoAgents.OVERFLOW, r.wrapUp(), r.agentLostTimeout(), false));
        agent("alice", FakeDialer.ANSWER); // configured, but logged out
        start();

        Caller caller = caller();
        assertThat(journal.awaitOutcome(caller.contact, WAIT)).isEqualTo(Outcome.OVERFLOWED);
        assertThat(caller.types()).containsExactly("enqueued", "overflowed", "ended");
        ContactEvent.Overflowed overflowed = journal.events(caller.contact, ContactEvent.Overflowed.class).getFirst();
        assertThat(overflowed.reason()).isEqualTo("no-agents");
        assertThat(overflowed.target()).isEqualTo("goodbye");
        assertThat(centre.queues(java.time.Instant.now()).getFirst().waiting()).isZero();
    }

    @Test
    void agentReferToAQueueEndsTheFirstContactAndALinkedOneWaitsInTheTargetQueue() throws Exception {
        queue(r -> r);
        queue(OTHER, "etat-civil", d -> d, r -> r);
        AgentId alice = agent("alice", FakeDialer.ANSWER);
        dialer.behave("sip:eve@192.0.2.9", FakeDialer.ANSWER);
        AgentId eve = agent("eve", "etat-civil", "sip:eve@192.0.2.9");
        start();
        logIn(alice, eve);

        Caller caller = caller();
        FakeDialer.FakeLeg alicesLeg = dialer.nextAnswered(WAIT);
        caller.awaitEvent("answered");
        assertThat(alicesLeg.refer("<sip:etat-civil@accueil.test>")).isTrue();
        alicesLeg.farEndHangsUp(); // what a phone does after its REFER was accepted

        assertThat(journal.awaitOutcome(caller.contact, WAIT)).isEqualTo(Outcome.HANDLED_BY_AGENT);
        ContactEvent.TransferredByAgent transferred = journal.events(caller.contact, ContactEvent.TransferredByAgent.class).getFirst();
        assertThat(transferred.agent()).isEqualTo("alice");
        assertThat(transferred.target()).isEqualTo("queue:etat-civil");
        assertThat(caller.types()).containsExactly("enqueued", "offered", "answered", "agent-transfer", "ended");
        assertThat(journal.events(caller.contact, ContactEvent.Ended.class).getFirst().reason()).isEqualTo(EndReason.TRANSFERRED);

        ContactId linked = ContactId.parse(transferred.newContact());
        FakeDialer.FakeLeg evesLeg = dialer.nextAnswered(WAIT);
        assertThat(evesLeg.dial().requestUri()).isEqualTo("sip:eve@192.0.2.9");
        await(() -> journal.types(linked).contains("answered"), () -> "eve answers, " + journal.types(linked));
        assertThat(journal.types(linked)).containsExactly("received", "linked-from", "enqueued", "offered", "answered");
        assertThat(journal.events(linked, ContactEvent.LinkedFrom.class).getFirst().previousContact())
                .isEqualTo(caller.contact.toString());
        assertThat(journal.starts.get(linked).service()).isEqualTo("etat-civil");
        assertThat(caller.call.prompts()).contains("file/transfert-service");
        assertThat(caller.call.ended()).isFalse();

        caller.call.hangUpByCaller();
        assertThat(journal.awaitOutcome(linked, WAIT)).isEqualTo(Outcome.HANDLED_BY_AGENT);
        assertThat(alicesLeg.hungUp()).isTrue();
        awaitState(alice, "AVAILABLE");
    }

    @Test
    void agentReferToAnExternalNumberTransfersTheCallerThroughTheTrunk() throws Exception {
        queue(r -> r);
        AgentId alice = agent("alice", FakeDialer.ANSWER);
        start();
        logIn(alice);

        Caller caller = caller();
        FakeDialer.FakeLeg leg = dialer.nextAnswered(WAIT);
        caller.awaitEvent("answered");
        assertThat(leg.refer("sip:0612345670@accueil.test")).isTrue();

        assertThat(journal.awaitOutcome(caller.contact, WAIT)).isEqualTo(Outcome.HANDLED_BY_AGENT);
        assertThat(caller.call.transfers).containsExactly("sip:+33612345670@trunk.test");
        assertThat(journal.events(caller.contact, ContactEvent.TransferredByAgent.class).getFirst().target())
                .isEqualTo("number:+33612345670");
        assertThat(caller.call.cause()).contains(EndCause.TRANSFERRED);
    }

    @Test
    void agentReferToAPremiumNumberOrAnUnknownTargetIsRefusedAndTheCallGoesOn() throws Exception {
        queue(r -> r);
        AgentId alice = agent("alice", FakeDialer.ANSWER);
        start();
        logIn(alice);

        Caller caller = caller();
        FakeDialer.FakeLeg leg = dialer.nextAnswered(WAIT);
        caller.awaitEvent("answered");
        assertThat(leg.refer("sip:0899123456@accueil.test")).isFalse();
        assertThat(leg.refer("sip:nowhere@accueil.test")).isFalse();
        sleep(200);
        assertThat(caller.types()).containsExactly("enqueued", "offered", "answered");
        assertThat(caller.call.transfers).isEmpty();
        caller.call.hangUpByCaller();
        assertThat(journal.awaitOutcome(caller.contact, WAIT)).isEqualTo(Outcome.HANDLED_BY_AGENT);
    }

    @Test
    void withoutATrunkAReferToANumberIsRefused() throws Exception {
        queue(r -> r);
        AgentId alice = agent("alice", FakeDialer.ANSWER);
        start(Optional.empty());
        logIn(alice);

        Caller caller = caller();
        FakeDialer.FakeLeg leg = dialer.nextAnswered(WAIT);
        caller.awaitEvent("answered");
        assertThat(leg.refer("sip:0612345670@accueil.test")).isFalse();
        caller.call.hangUpByCaller();
        journal.awaitOutcome(caller.contact, WAIT);
    }

    @Test
    void userPartOfReferTargets() {
        assertThat(ContactCentre.userPart("<sip:etat-civil@host;transport=udp>")).isEqualTo("etat-civil");
        assertThat(ContactCentre.userPart("sip:+33612345678@host")).isEqualTo("+33612345678");
        assertThat(ContactCentre.userPart("tel:0612345678")).isEqualTo("0612345678");
        assertThat(ContactCentre.userPart("sip:host.example")).isEqualTo("host.example");
    }
}
