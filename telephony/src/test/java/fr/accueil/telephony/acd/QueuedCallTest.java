package fr.accueil.telephony.acd;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.core.contact.ContactEvent;
import fr.accueil.core.contact.EndReason;
import fr.accueil.core.contact.Outcome;
import fr.accueil.core.contact.Side;
import fr.accueil.core.routing.AgentId;
import fr.accueil.core.routing.QueueRules;
import fr.accueil.telephony.call.EndCause;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A queued caller's life with fake phones: offer, ringing, bridge, both hang-ups, survey, lost agent, preferred agent. */
class QueuedCallTest extends AcdHarness {

    @Test
    void agentAnswersThenCallerHangsUp() throws Exception {
        queue(r -> r);
        AgentId alice = agent("alice", FakeDialer.ANSWER);
        start();
        logIn(alice);

        Caller caller = caller();
        FakeDialer.FakeLeg leg = dialer.nextAnswered(WAIT);
        caller.awaitEvent("answered");
        awaitState(alice, "ON_CONTACT");
        await(() -> caller.call.fakeMedia().bridge.get() != null, "the bridge");
        assertThat(caller.call.fakeMedia().bridge.get().b).isSameAs(leg.media());
        assertThat(leg.dial().headers()).containsEntry("X-Accueil-Contact", caller.contact.toString());
        assertThat(leg.dial().fromUser()).isEqualTo("+33140000000");
        assertThat(leg.dial().fromDisplay()).isEqualTo("Prestations");

        caller.call.hangUpByCaller();
        assertThat(journal.awaitOutcome(caller.contact, WAIT)).isEqualTo(Outcome.HANDLED_BY_AGENT);
        assertThat(caller.types()).containsExactly("enqueued", "offered", "answered", "ended");
        ContactEvent.Ended ended = journal.events(caller.contact, ContactEvent.Ended.class).getFirst();
        assertThat(ended.reason()).isEqualTo(EndReason.HANG_UP);
        assertThat(ended.side()).isEqualTo(Side.CALLER);
        assertThat(journal.events(caller.contact, ContactEvent.Enqueued.class).getFirst().position()).isEqualTo(1);
        assertThat(journal.events(caller.contact, ContactEvent.AgentAnswered.class).getFirst().agent()).isEqualTo("alice");
        assertThat(leg.hungUp()).isTrue();
        assertThat(caller.call.fakeMedia().bridge.get().connected()).isFalse();
        // Wrap-up, then available again by itself.
        awaitState(alice, "AVAILABLE");
        caller.awaitDone();
    }

    @Test
    void agentHangsUpAndCallerAnswersTheSurvey() throws Exception {
        queue(r -> new QueueRules(r.queue(), r.ringTimeout(), r.overflow(), r.announceEvery(), r.music(), r.callbackAbove(),
                r.callbackKey(), r.whenNoAgents(), r.wrapUp(), r.agentLostTimeout(), true));
        AgentId alice = agent("alice", FakeDialer.ANSWER);
        start();
        logIn(alice);

        Caller caller = caller();
        FakeDialer.FakeLeg leg = dialer.nextAnswered(WAIT);
        caller.awaitEvent("answered");
        leg.farEndHangsUp();
        caller.awaitPrompt("enquete/question");
        caller.call.press("4");

        assertThat(journal.awaitOutcome(caller.contact, WAIT)).isEqualTo(Outcome.HANDLED_BY_AGENT);
        assertThat(caller.types()).containsExactly("enqueued", "offered", "answered", "survey", "ended");
        assertThat(journal.events(caller.contact, ContactEvent.SurveyAnswered.class).getFirst().score()).isEqualTo(4);
        ContactEvent.Ended ended = journal.events(caller.contact, ContactEvent.Ended.class).getFirst();
        assertThat(ended.reason()).isEqualTo(EndReason.AGENT_HANG_UP);
        assertThat(ended.side()).isEqualTo(Side.AGENT);
        assertThat(caller.call.prompts()).endsWith("enquete/question", "enquete/merci");
        assertThat(caller.call.cause()).contains(EndCause.LOCAL_HANGUP);
    }

    @Test
    void agentHangsUpWithoutSurveyEndsTheCall() throws Exception {
        queue(r -> r);
        AgentId alice = agent("alice", FakeDialer.ANSWER);
        start();
        logIn(alice);

        Caller caller = caller();
        dialer.nextAnswered(WAIT).farEndHangsUp();
        assertThat(journal.awaitOutcome(caller.contact, WAIT)).isEqualTo(Outcome.HANDLED_BY_AGENT);
        assertThat(caller.types()).containsExactly("enqueued", "offered", "answered", "ended");
        assertThat(caller.call.prompts()).doesNotContain("enquete/question");
        assertThat(caller.call.ended()).isTrue();
    }

    @Test
    void ringNoAnswerPausesTheAgentAndTheContactKeepsItsPlaceForTheNextAgent() throws Exception {
        queue(r -> r);
        AgentId sleepy = agent("sleepy", FakeDialer.NO_ANSWER);
        AgentId bob = agent("bob", FakeDialer.ANSWER);
        start();
        logIn(sleepy);

        Caller first = caller("0611111111");
        first.awaitEvent("offered");
        Caller second = caller("0622222222");
        second.awaitEvent("enqueued");
        first.awaitEvent("agent-no-answer");
        logIn(bob);
        // The first caller went back to its place, ahead of the second: bob takes the first.
        first.awaitEvent("answered");
        FakeDialer.FakeLeg bobsLeg = dialer.nextAnswered(WAIT);
        assertThat(bobsLeg.dial().requestUri()).isEqualTo(uriOf(bob));

        assertThat(first.types()).containsExactly("enqueued", "offered", "agent-no-answer", "offered", "answered");
        List<ContactEvent.Offered> offers = journal.events(first.contact, ContactEvent.Offered.class);
        assertThat(offers).extracting(ContactEvent.Offered::agent).containsExactly("sleepy", "bob");
        assertThat(journal.events(first.contact, ContactEvent.AgentNoAnswer.class).getFirst().reason()).isEqualTo("no-answer");
        assertThat(stateOf(sleepy)).isEqualTo("PAUSED(no answer)");
        assertThat(second.types()).containsExactly("enqueued");
        assertThat(journal.events(second.contact, ContactEvent.Enqueued.class).getFirst().position()).isEqualTo(2);

        first.call.hangUpByCaller();
        second.call.hangUpByCaller();
        assertThat(journal.awaitOutcome(second.contact, WAIT)).isEqualTo(Outcome.ABANDONED_IN_QUEUE);
    }

    @Test
    void busyPhoneAndAgentWithoutPhoneAreRecordedWithTheirReason() throws Exception {
        queue(r -> r);
        AgentId busy = agent("busy", FakeDialer.BUSY);
        AgentId nophone = agent("nophone", SERVICE);
        start();
        logIn(busy, nophone);

        Caller caller = caller();
        await(() -> journal.events(caller.contact, ContactEvent.AgentNoAnswer.class).size() == 2, "two refusals");
        assertThat(journal.events(caller.contact, ContactEvent.AgentNoAnswer.class))
                .extracting(ContactEvent.AgentNoAnswer::agent, ContactEvent.AgentNoAnswer::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("busy", "busy"),
                        org.assertj.core.groups.Tuple.tuple("nophone", "unreachable"));
        assertThat(stateOf(busy)).isEqualTo("PAUSED(no answer)");
        assertThat(stateOf(nophone)).isEqualTo("PAUSED(no answer)");
        caller.call.hangUpByCaller();
        assertThat(journal.awaitOutcome(caller.contact, WAIT)).isEqualTo(Outcome.ABANDONED_IN_QUEUE);
    }

    @Test
    void everyRegisteredPhoneRingsAndTheFirstToAnswerWins() throws Exception {
        queue(r -> r);
        dialer.behave("sip:desk@192.0.2.1", FakeDialer.NO_ANSWER);
        dialer.behave("sip:softphone@192.0.2.2", FakeDialer.ANSWER);
        AgentId alice = agent("alice", SERVICE, "sip:desk@192.0.2.1", "sip:softphone@192.0.2.2");
        start();
        logIn(alice);

        Caller caller = caller();
        FakeDialer.FakeLeg winner = dialer.nextAnswered(WAIT);
        assertThat(winner.dial().requestUri()).isEqualTo("sip:softphone@192.0.2.2");
        caller.awaitEvent("answered");
        await(() -> dialer.legsTo("sip:desk@192.0.2.1").getFirst().hungUp(), "the other phone to stop ringing");
        assertThat(winner.hungUp()).isFalse();
        caller.call.hangUpByCaller();
        assertThat(journal.awaitOutcome(caller.contact, WAIT)).isEqualTo(Outcome.HANDLED_BY_AGENT);
    }

    @Test
    void callerWhoHangsUpWhileWaitingAbandonedInQueueWithTheWait() throws Exception {
        queue(r -> r);
        start();

        Caller caller = caller();
        caller.awaitEvent("enqueued");
        sleep(300);
        caller.call.hangUpByCaller();

        assertThat(journal.awaitOutcome(caller.contact, WAIT)).isEqualTo(Outcome.ABANDONED_IN_QUEUE);
        assertThat(caller.types()).containsExactly("enqueued", "abandoned", "ended");
        assertThat(journal.events(caller.contact, ContactEvent.Abandoned.class).getFirst().waitMillis()).isBetween(250L, 5000L);
        assertThat(centre.queues(java.time.Instant.now()).getFirst().waiting()).isZero();
        assertThat(caller.call.played).anyMatch(p -> p.startsWith("attente-musique#"));
    }

    @Test
    void callerWhoHangsUpWhileTheAgentRingsFreesTheAgent() throws Exception {
        queue(r -> new QueueRules(r.queue(), Duration.ofSeconds(5), r.overflow(), r.announceEvery(), r.music(), r.callbackAbove(),
                r.callbackKey(), r.whenNoAgents(), r.wrapUp(), r.agentLostTimeout(), false));
        AgentId alice = agent("alice", FakeDialer.NO_ANSWER);
        start();
        logIn(alice);

        Caller caller = caller();
        caller.awaitEvent("offered");
        awaitState(alice, "RINGING");
        caller.call.hangUpByCaller();

        assertThat(journal.awaitOutcome(caller.contact, WAIT)).isEqualTo(Outcome.ABANDONED_IN_QUEUE);
        assertThat(caller.types()).containsExactly("enqueued", "offered", "abandoned", "ended");
        assertThat(stateOf(alice)).isEqualTo("AVAILABLE");
        await(() -> dialer.legsTo(uriOf(alice)).getFirst().hungUp(), "the ringing phone to be cancelled");
    }

    @Test
    void lostAgentPhoneTellsTheCallerAndPutsThemBackAtTheHead() throws Exception {
        queue(r -> r);
        AgentId alice = agent("alice", FakeDialer.ANSWER);
        AgentId bob = agent("bob", FakeDialer.ANSWER);
        start();
        logIn(alice);

        Caller first = caller("0611111111");
        FakeDialer.FakeLeg alicesLeg = dialer.nextAnswered(WAIT);
        first.awaitEvent("answered");
        Caller second = caller("0622222222");
        second.awaitEvent("enqueued");

        alicesLeg.lost(EndCause.MEDIA_TIMEOUT);
        first.awaitPrompt("file/conseiller-deconnecte");
        await(() -> first.types().stream().filter("enqueued"::equals).count() == 2, "re-queued");
        assertThat(stateOf(alice)).isEqualTo("PAUSED(phone lost)");
        List<ContactEvent.Enqueued> enqueued = journal.events(first.contact, ContactEvent.Enqueued.class);
        assertThat(enqueued.get(1).position()).as("back at the head, before the caller who came later").isEqualTo(1);

        logIn(bob);
        await(() -> journal.events(first.contact, ContactEvent.AgentAnswered.class).size() == 2, "bob answers");
        assertThat(journal.events(first.contact, ContactEvent.AgentAnswered.class).get(1).agent()).isEqualTo("bob");
        assertThat(journal.events(first.contact, ContactEvent.AgentLost.class).getFirst().reason()).isEqualTo("media-timeout");
        assertThat(second.types()).containsExactly("enqueued");

        first.call.hangUpByCaller();
        second.call.hangUpByCaller();
        assertThat(journal.awaitOutcome(first.contact, WAIT)).isEqualTo(Outcome.HANDLED_BY_AGENT);
        assertThat(first.types()).containsExactly("enqueued", "offered", "answered", "agent-lost", "enqueued", "offered",
                "answered", "ended");
    }

    @Test
    void agentPhoneSilentForTheLostTimeoutIsLost() throws Exception {
        queue(r -> new QueueRules(r.queue(), r.ringTimeout(), r.overflow(), r.announceEvery(), r.music(), r.callbackAbove(),
                r.callbackKey(), r.whenNoAgents(), r.wrapUp(), Duration.ofMillis(300), false));
        AgentId alice = agent("alice", FakeDialer.ANSWER);
        start();
        logIn(alice);

        Caller caller = caller();
        FakeDialer.FakeLeg leg = dialer.nextAnswered(WAIT);
        caller.awaitEvent("answered");
        leg.media().goSilent();
        caller.awaitEvent("agent-lost");
        assertThat(journal.events(caller.contact, ContactEvent.AgentLost.class).getFirst().reason()).isEqualTo("no-rtp");
        await(leg::hungUp, "the lost agent's leg to be hung up");
        caller.call.hangUpByCaller();
        assertThat(journal.awaitOutcome(caller.contact, WAIT)).isEqualTo(Outcome.HANDLED_BY_AGENT);
    }

    @Test
    void onHoldTheAgentsSilenceIsNotALostPhone() throws Exception {
        queue(r -> new QueueRules(r.queue(), r.ringTimeout(), r.overflow(), r.announceEvery(), r.music(), r.callbackAbove(),
                r.callbackKey(), r.whenNoAgents(), r.wrapUp(), Duration.ofMillis(300), false));
        AgentId alice = agent("alice", FakeDialer.ANSWER);
        start();
        logIn(alice);

        Caller caller = caller();
        FakeDialer.FakeLeg leg = dialer.nextAnswered(WAIT);
        caller.awaitEvent("answered");
        leg.hold(true);
        sleep(50);
        leg.media().goSilent();
        sleep(700);
        assertThat(caller.types()).doesNotContain("agent-lost");
        caller.call.hangUpByCaller();
        assertThat(journal.awaitOutcome(caller.contact, WAIT)).isEqualTo(Outcome.HANDLED_BY_AGENT);
    }

    @Test
    void theCallersLastAgentIsOfferedFirstEvenIfAnotherWaitedLonger() throws Exception {
        queue(r -> r);
        AgentId alice = agent("alice", FakeDialer.ANSWER);
        AgentId bob = agent("bob", FakeDialer.ANSWER);
        start();
        logIn(alice);

        Caller first = caller();
        dialer.nextAnswered(WAIT);
        first.awaitEvent("answered");
        logIn(bob); // bob is idle from now on; alice will be idle only after her wrap-up
        first.call.hangUpByCaller();
        journal.awaitOutcome(first.contact, WAIT);
        awaitState(alice, "AVAILABLE");

        Caller again = caller(); // same number
        again.awaitEvent("offered");
        assertThat(journal.events(again.contact, ContactEvent.Offered.class).getFirst().agent()).isEqualTo("alice");

        Caller stranger = caller("0699999999");
        stranger.awaitEvent("offered");
        assertThat(journal.events(stranger.contact, ContactEvent.Offered.class).getFirst().agent()).isEqualTo("bob");
        again.call.hangUpByCaller();
        stranger.call.hangUpByCaller();
        journal.awaitOutcome(again.contact, WAIT);
        journal.awaitOutcome(stranger.contact, WAIT);
    }

    @Test
    void whileThePreferredAgentIsBusyTheContactWaitsForItThenWidensAfterTheWindow() throws Exception {
        queue(QUEUE, SERVICE, d -> d.withPreferredAgentWindow(Duration.ofMillis(800)), r -> r);
        AgentId alice = agent("alice", FakeDialer.ANSWER);
        AgentId bob = agent("bob", FakeDialer.ANSWER);
        start();
        logIn(alice);

        Caller first = caller();
        dialer.nextAnswered(WAIT);
        first.awaitEvent("answered");
        first.call.hangUpByCaller();
        journal.awaitOutcome(first.contact, WAIT);
        centre.changeState(alice, AgentTarget.PAUSED, "dossier"); // alice is in wrap-up: paused, still logged in
        logIn(bob);

        Caller again = caller(); // same caller: reserved to alice for the window
        again.awaitEvent("enqueued");
        sleep(300);
        assertThat(again.types()).containsExactly("enqueued");
        again.awaitEvent("offered"); // the window ends: bob
        assertThat(journal.events(again.contact, ContactEvent.Offered.class).getFirst().agent()).isEqualTo("bob");
        again.call.hangUpByCaller();
        journal.awaitOutcome(again.contact, WAIT);
    }

    @Test
    void positionAnnouncementsAreSaidEveryPeriod() throws Exception {
        queue(r -> new QueueRules(r.queue(), r.ringTimeout(), r.overflow(), Duration.ofMillis(500), r.music(), r.callbackAbove(),
                r.callbackKey(), r.whenNoAgents(), r.wrapUp(), r.agentLostTimeout(), false));
        start();

        Caller first = caller("0611111111");
        first.awaitEvent("enqueued");
        Caller second = caller("0622222222");
        await(() -> second.call.prompts().size() >= 6, "two announcements");
        assertThat(second.call.prompts().subList(0, 6)).containsExactly("file/position", "parole/nombre/2", "file/en-attente",
                "file/position", "parole/nombre/2", "file/en-attente");
        assertThat(first.call.prompts()).startsWith("file/prochain");
        first.call.hangUpByCaller();
        second.call.hangUpByCaller();
        journal.awaitOutcome(second.contact, WAIT);
    }

    @Test
    void estimateIsRoundedUpToTheMinuteAndUnderAMinuteIsSaidSo() {
        assertThat(QueuePrompts.estimate(Duration.ofSeconds(200))).extracting(p -> p.name())
                .containsExactly("file/estimation", "parole/nombre/4", "parole/minutes");
        assertThat(QueuePrompts.estimate(Duration.ofSeconds(60))).extracting(p -> p.name())
                .containsExactly("file/estimation", "parole/nombre/une", "parole/minute");
        assertThat(QueuePrompts.estimate(Duration.ofSeconds(20))).extracting(p -> p.name())
                .containsExactly("file/estimation", "file/moins-d-une-minute");
    }
}
