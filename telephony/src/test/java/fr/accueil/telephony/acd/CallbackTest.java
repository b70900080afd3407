package fr.accueil.telephony.acd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.accueil.core.callback.CallbackRequest;
import fr.accueil.core.contact.Channel;
import fr.accueil.core.contact.ContactEvent;
import fr.accueil.core.contact.ContactId;
import fr.accueil.core.contact.EndReason;
import fr.accueil.core.contact.Outcome;
import fr.accueil.core.contact.Side;
import fr.accueil.core.routing.AgentId;
import fr.accueil.core.routing.QueueRules;
import fr.accueil.telephony.ivr.ContactRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Callback: booked by key (phone) or by the web, then the agent is called first, then the citizen. */
class CallbackTest extends AcdHarness {
    static final String CITIZEN = "sip:+33612345678@trunk.test";

    private static QueueRules callbackOnKey(QueueRules r) {
        return new QueueRules(r.queue(), r.ringTimeout(), r.overflow(), r.announceEvery(), r.music(), r.callbackAbove(),
                Optional.of('9'), r.whenNoAgents(), r.wrapUp(), r.agentLostTimeout(), false);
    }

    @Test
    void callerBooksACallbackOnTheCallingNumberAndIsCalledBackWhenAnAgentIsFree() throws Exception {
        queue(CallbackTest::callbackOnKey);
        AgentId alice = agent("alice", FakeDialer.ANSWER);
        dialer.behave(CITIZEN, FakeDialer.ANSWER);
        start();

        Caller caller = caller();
        caller.awaitEvent("enqueued");
        Instant enqueuedAt = journal.events(caller.contact, ContactEvent.Enqueued.class).getFirst().at();
        caller.call.press("9");
        caller.awaitPrompt("rappel/confirmer-numero");
        caller.call.press("1");
        caller.awaitDone();

        assertThat(caller.call.prompts()).endsWith("rappel/confirmer-numero", "rappel/enregistre");
        assertThat(caller.types()).containsExactly("enqueued", "callback-requested");
        assertThat(journal.outcome(caller.contact)).as("the contact stays open until the callback ends").isEmpty();
        assertThat(journal.events(caller.contact, ContactEvent.CallbackRequested.class).getFirst().sameNumber()).isTrue();
        CallbackRequest request = book.find(caller.contact).orElseThrow();
        assertThat(request.number()).isEqualTo("+33612345678");
        assertThat(request.queue()).isEqualTo(QUEUE);
        assertThat(Duration.between(enqueuedAt, request.enqueuedAt()).abs()).isLessThan(Duration.ofMillis(50));
        assertThat(centre.queues(Instant.now()).getFirst().waiting()).as("the place is kept").isEqualTo(1);

        logIn(alice);
        FakeDialer.FakeLeg agentLeg = dialer.nextAnswered(WAIT);
        assertThat(agentLeg.dial().requestUri()).isEqualTo(uriOf(alice));
        FakeDialer.FakeLeg citizenLeg = dialer.nextAnswered(WAIT);
        assertThat(citizenLeg.dial().requestUri()).isEqualTo(CITIZEN);
        assertThat(citizenLeg.dial().fromUser()).isEqualTo("+33140000000");
        assertThat(agentLeg.media().played).containsExactly("rappel/agent");
        await(() -> citizenLeg.media().bridge.get() != null, "citizen and agent bridged");

        citizenLeg.farEndHangsUp();
        assertThat(journal.awaitOutcome(caller.contact, WAIT)).isEqualTo(Outcome.CALLBACK_COMPLETED);
        assertThat(caller.types()).containsExactly("enqueued", "callback-requested", "offered", "callback-attempt", "answered",
                "callback-completed", "ended");
        ContactEvent.CallbackAttempt attempt = journal.events(caller.contact, ContactEvent.CallbackAttempt.class).getFirst();
        assertThat(attempt.attempt()).isEqualTo(1);
        assertThat(attempt.result()).isEqualTo("reached");
        ContactEvent.Ended ended = journal.events(caller.contact, ContactEvent.Ended.class).getFirst();
        assertThat(ended.reason()).isEqualTo(EndReason.CALLBACK_DONE);
        assertThat(ended.side()).isEqualTo(Side.CALLER);
        assertThat(book.find(caller.contact)).as("the number is erased").isEmpty();
        assertThat(agentLeg.hungUp()).isTrue();
        awaitState(alice, "AVAILABLE");
    }

    @Test
    void aTypedNumberRefusedByThePolicyIsAskedAgain() throws Exception {
        queue(CallbackTest::callbackOnKey);
        start();

        Caller caller = caller();
        caller.awaitEvent("enqueued");
        caller.call.press("9");
        caller.awaitPrompt("rappel/confirmer-numero");
        caller.call.press("2");
        caller.awaitPrompt("rappel/saisir-numero");
        caller.call.press("0899123456");
        caller.awaitPrompt("rappel/numero-invalide");
        await(() -> caller.call.prompts().stream().filter("rappel/saisir-numero"::equals).count() == 2, "asked again");
        caller.call.press("0712345678");
        caller.awaitDone();

        assertThat(caller.types()).containsExactly("enqueued", "callback-requested");
        assertThat(journal.events(caller.contact, ContactEvent.CallbackRequested.class).getFirst().sameNumber()).isFalse();
        assertThat(book.find(caller.contact).orElseThrow().number()).isEqualTo("+33712345678");
    }

    @Test
    void noAgentLoggedInOffersTheCallbackAtOnce() throws Exception {
        queue(r -> new QueueRules(r.queue(), r.ringTimeout(), r.overflow(), r.announceEvery(), r.music(), r.callbackAbove(),
                r.callbackKey(), QueueRules.WhenNoAgents.OFFER_CALLBACK, r.wrapUp(), r.agentLostTimeout(), false));
        start();

        Caller declines = caller();
        // three unanswered confirmations (6 s each) would be slow: a wrong key then nothing typed ends it faster
        declines.awaitPrompt("rappel/confirmer-numero");
        declines.call.press("3");
        declines.awaitPrompt("rappel/saisir-numero");
        declines.call.press("#");
        declines.awaitPrompt("rappel/numero-invalide");
        declines.call.hangUpByCaller();
        assertThat(journal.awaitOutcome(declines.contact, WAIT)).isEqualTo(Outcome.ABANDONED_IN_QUEUE);
        assertThat(declines.call.prompts()).startsWith("file/aucun-conseiller", "rappel/confirmer-numero");

        Caller accepts = caller("0622222222");
        accepts.awaitPrompt("rappel/confirmer-numero");
        accepts.call.press("1");
        accepts.awaitDone();
        assertThat(accepts.types()).containsExactly("enqueued", "callback-requested");
        assertThat(book.find(accepts.contact).orElseThrow().number()).isEqualTo("+33622222222");
    }

    @Test
    void estimateAboveTheThresholdOffersTheCallback() throws Exception {
        queue(r -> new QueueRules(r.queue(), r.ringTimeout(), r.overflow(), Duration.ofMillis(300), r.music(),
                Optional.of(Duration.ofSeconds(30)), Optional.of('9'), r.whenNoAgents(), r.wrapUp(), r.agentLostTimeout(), false));
        AgentId alice = agent("alice", FakeDialer.ANSWER);
        start();
        // An estimate needs a staffed agent and a recorded handling time.
        logIn(alice);
        centre.changeState(alice, AgentTarget.PAUSED, "réunion");
        centre.distributor().wrapUp(alice, QUEUE, Duration.ofMinutes(5));

        Caller caller = caller();
        caller.awaitPrompt("rappel/proposition");
        assertThat(caller.call.prompts()).startsWith("file/prochain", "file/estimation", "parole/nombre/5", "parole/minutes",
                "rappel/proposition", "parole/nombre/9");
        caller.call.press("9");
        caller.awaitPrompt("rappel/confirmer-numero");
        caller.call.press("1");
        caller.awaitDone();
        assertThat(caller.types()).containsExactly("enqueued", "callback-requested");
    }

    @Test
    void webCallbackAttemptsAreSpacedAndGivenUpAfterTheLast() throws Exception {
        queue(r -> r);
        AgentId alice = agent("alice", FakeDialer.ANSWER);
        dialer.behave(CITIZEN, FakeDialer.NO_ANSWER);
        start();

        CallbackTicket ticket = centre.requestCallback(QUEUE, "06 12 34 56 78", Instant.now());
        assertThat(ticket.position()).isEqualTo(1);
        ContactId contact = ticket.contact();
        assertThat(journal.starts.get(contact).channel()).isEqualTo(Channel.WEB);
        assertThat(journal.starts.get(contact).caller()).isEqualTo(pseudonym.of("+33612345678"));
        // Durable before the answer (202 with the contact's address) goes out.
        assertThat(journal.flushed.get(contact)).containsExactly("enqueued", "callback-requested");
        logIn(alice);

        assertThat(journal.awaitOutcome(contact, WAIT)).isEqualTo(Outcome.CALLBACK_FAILED);
        assertThat(journal.types(contact)).containsExactly("enqueued", "callback-requested", "offered", "callback-attempt",
                "offered", "callback-attempt", "callback-failed", "ended");
        assertThat(journal.events(contact, ContactEvent.CallbackAttempt.class))
                .extracting(ContactEvent.CallbackAttempt::attempt, ContactEvent.CallbackAttempt::result)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "no-answer"), org.assertj.core.groups.Tuple.tuple(2, "no-answer"));
        assertThat(journal.events(contact, ContactEvent.CallbackFailed.class).getFirst().attempts()).isEqualTo(2);
        assertThat(dialer.legsTo(CITIZEN)).hasSize(2);
        // The second attempt waited for the spacing after the first.
        CallbackRequest afterFirst = book.saves.get(1);
        assertThat(afterFirst.attempts()).isEqualTo(1);
        assertThat(afterFirst.notBefore()).isAfter(afterFirst.requestedAt());
        assertThat(afterFirst.enqueuedAt()).isEqualTo(book.saves.getFirst().enqueuedAt());
        assertThat(book.find(contact)).isEmpty();
        assertThat(book.removed).contains(contact);
    }

    @Test
    void anAgentWhoDoesNotAnswerTheCallbackIsNotAnAttemptOnTheCitizen() throws Exception {
        queue(r -> r);
        AgentId sleepy = agent("sleepy", FakeDialer.NO_ANSWER);
        AgentId bob = agent("bob", FakeDialer.ANSWER);
        dialer.behave(CITIZEN, FakeDialer.ANSWER);
        start();
        logIn(sleepy);

        ContactId contact = centre.requestCallback(QUEUE, "0612345678", Instant.now()).contact();
        await(() -> journal.types(contact).contains("callback-attempt"), "the agent rings out");
        logIn(bob);
        dialer.nextAnswered(WAIT); // bob
        FakeDialer.FakeLeg citizen = dialer.nextAnswered(WAIT);
        await(() -> journal.types(contact).contains("answered"), "the citizen answers");
        citizen.farEndHangsUp();

        assertThat(journal.awaitOutcome(contact, WAIT)).isEqualTo(Outcome.CALLBACK_COMPLETED);
        assertThat(journal.events(contact, ContactEvent.CallbackAttempt.class))
                .extracting(ContactEvent.CallbackAttempt::agent, ContactEvent.CallbackAttempt::attempt, ContactEvent.CallbackAttempt::result)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sleepy", 1, "agent-no-answer"),
                        org.assertj.core.groups.Tuple.tuple("bob", 1, "reached"));
        assertThat(stateOf(sleepy)).isEqualTo("PAUSED(no answer)");
    }

    @Test
    void aBookedNumberTheOutboundPolicyNowRefusesFailsTheCallbackWithoutDialling() throws Exception {
        queue(r -> r);
        AgentId alice = agent("alice", FakeDialer.ANSWER);
        start();
        // A request left by an earlier run, whose number the (new) policy refuses.
        ContactRecorder opened = ContactRecorder.open(journal, clock, Channel.PHONE, "old", Instant.now(),
                new ContactRecorder.Origin("caf", SERVICE, null, null, "p"));
        Instant then = Instant.now().minusSeconds(60);
        book.save(new CallbackRequest(opened.id(), QUEUE, "+33899123456", then, then, 0, then));
        centre.resumePendingCallbacks();
        logIn(alice);

        assertThat(journal.awaitOutcome(opened.id(), WAIT)).isEqualTo(Outcome.CALLBACK_FAILED);
        assertThat(journal.types(opened.id())).containsExactly("offered", "callback-attempt", "callback-failed", "ended");
        assertThat(journal.events(opened.id(), ContactEvent.CallbackAttempt.class).getFirst().result()).isEqualTo("refused-by-policy");
        assertThat(dialer.legs).extracting(l -> l.dial().requestUri()).containsExactly(uriOf(alice));
        assertThat(book.find(opened.id())).isEmpty();
    }

    @Test
    void resumedCallbacksKeepTheirOriginalPlace() throws Exception {
        queue(r -> r);
        start();
        Caller caller = caller();
        caller.awaitEvent("enqueued");
        ContactRecorder older = ContactRecorder.open(journal, clock, Channel.PHONE, "old", Instant.now(),
                new ContactRecorder.Origin("caf", SERVICE, null, null, "p"));
        Instant before = Instant.now().minusSeconds(600);
        book.save(new CallbackRequest(older.id(), QUEUE, "+33612345678", before, before, 0, before));
        centre.resumePendingCallbacks();

        await(() -> centre.queues(Instant.now()).getFirst().waiting() == 2, "the callback back in its queue");
        assertThat(centre.distributor().position(older.id()).getAsInt()).isEqualTo(1);
        assertThat(centre.distributor().position(caller.contact).getAsInt()).isEqualTo(2);
        caller.call.hangUpByCaller();
        journal.awaitOutcome(caller.contact, WAIT);
    }

    @Test
    void aBookedCallbackWhoseContactIsUnknownOrEndedIsDroppedAtResume() {
        queue(r -> r);
        start();
        Instant then = Instant.now().minusSeconds(60);
        ContactId unknown = ContactId.random();
        book.save(new CallbackRequest(unknown, QUEUE, "+33612345678", then, then, 0, then));
        centre.resumePendingCallbacks();

        assertThat(book.find(unknown)).isEmpty();
        assertThat(centre.queues(Instant.now()).getFirst().waiting()).isZero();
    }

    @Test
    void withoutATrunkNoCallbackCanBeBooked() {
        queue(CallbackTest::callbackOnKey);
        start(Optional.empty());
        assertThatThrownBy(() -> centre.requestCallback(QUEUE, "0612345678", Instant.now()))
                .isInstanceOf(CallbackUnavailableException.class).hasMessageContaining("aucune ligne sortante");
    }

    @Test
    void aWebCallbackToAPremiumNumberOrAnUnknownQueueIsRefused() {
        queue(r -> r);
        start();
        assertThatThrownBy(() -> centre.requestCallback(QUEUE, "0899123456", Instant.now()))
                .isInstanceOf(CallbackUnavailableException.class).hasMessageContaining("ne peut pas être rappelé");
        assertThatThrownBy(() -> centre.requestCallback(new fr.accueil.core.routing.QueueId("nope"), "0612345678", Instant.now()))
                .isInstanceOf(CallbackUnavailableException.class);
        assertThat(journal.opened).isEmpty();
        assertThat(book.pending()).isEmpty();
    }
}
