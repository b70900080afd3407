package fr.accueil.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.accueil.telephony.call.Call;
import fr.accueil.telephony.call.CallEndedException;
import fr.accueil.telephony.call.EndCause;
import fr.accueil.telephony.call.Rejection;
import fr.accueil.telephony.media.AudioClip;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RFC 3261 UAS behaviour, end to end over real sockets on 127.0.0.1 with a raw-socket UAC. */
class SipEndpointTest {
    private final FakeMediaFactory media = new FakeMediaFactory();
    private final ScriptedHandler handler = new ScriptedHandler();
    private SipEndpoint endpoint;
    private RawSipClient uac;

    private void start(SipSettings settings) throws Exception {
        endpoint = new SipEndpoint(settings, media, handler, Clock.systemUTC());
        endpoint.start();
        uac = RawSipClient.udp(endpoint.port());
    }

    private void start() throws Exception {
        start(SipSettings.defaults("127.0.0.1", 0));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (uac != null) {
            uac.close();
        }
        if (endpoint != null) {
            endpoint.close();
            assertThat(endpoint.isRunning()).isFalse();
        }
        // Every media session opened during the test was closed exactly once.
        assertThat(media.sessions.values()).allSatisfy(s -> assertThat(s.closes.get()).as("closes of " + s.callId).isEqualTo(1));
    }

    /** INVITE → 100 → 200 with SDP → ACK; returns the dialog, To tag learnt. */
    private UacCall establish(RawSipClient client) throws Exception {
        UacCall call = client.newCall("3939");
        call.invite(RawSipClient.OFFER);
        client.awaitResponse(call.callId, "INVITE", 100);
        RawSipMessage ok = client.awaitFinal(call.callId, "INVITE");
        assertThat(ok.status()).isEqualTo(200);
        call.toTag = ok.toTag().orElseThrow();
        call.ack(null);
        return call;
    }

    @Test
    void answersInviteWithTryingThenOkCarryingSdpAndRunsTheScriptOnANamedVirtualThread() throws Exception {
        start();
        UacCall call = uac.newCall("3939");
        call.invite(RawSipClient.OFFER);

        RawSipMessage trying = uac.awaitResponse(call.callId, "INVITE", 100);
        RawSipMessage ok = uac.awaitFinal(call.callId, "INVITE");

        assertThat(trying.status()).isEqualTo(100);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo(FakeMediaSession.ANSWER + "a=sendrecv\r\n");
        assertThat(ok.header("content-type")).hasValue("application/sdp");
        assertThat(ok.header("contact")).hasValueSatisfying(c -> assertThat(c).contains("127.0.0.1:" + endpoint.port()));
        assertThat(ok.all("allow")).contains("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "INFO");
        assertThat(ok.toTag()).isPresent();
        Call seen = handler.nextCall();
        assertThat(seen.info().requestUser()).isEqualTo("3939");
        assertThat(seen.info().callerNumber()).isEqualTo("0612345678");
        assertThat(seen.info().transport()).isEqualTo("udp");
        assertThat(handler.threadNames).containsExactly("call-" + call.callId);
        assertThat(handler.virtual).containsExactly(true);
        assertThat(media.session(call.callId).offersSeen).containsExactly(RawSipClient.OFFER);
    }

    @Test
    void byeIsAnsweredOkEndsTheCallRemoteByeAndClosesMediaOnceWakingTheScript() throws Exception {
        start();
        AtomicReference<EndCause> seenByScript = new AtomicReference<>();
        handler.script = c -> {
            c.answer();
            try {
                c.nextDigit(Duration.ofMinutes(5));
            } catch (CallEndedException e) {
                seenByScript.set(e.endCause());
            }
        };
        UacCall call = establish(uac);
        handler.nextCall();
        assertThat(endpoint.activeCalls()).isEqualTo(1);

        call.bye();

        assertThat(uac.awaitFinal(call.callId, "BYE").status()).isEqualTo(200);
        Call ended = handler.nextFinished();
        assertThat(seenByScript.get()).isEqualTo(EndCause.REMOTE_BYE);
        assertThat(ended.endCause()).hasValue(EndCause.REMOTE_BYE);
        assertThat(media.session(call.callId).closes.get()).isEqualTo(1);
        awaitActiveCalls(0);
        // the script returning after BYE sends nothing more
        assertThat(uac.poll(m -> !m.isResponse(), Duration.ofMillis(300))).isEmpty();
    }

    @Test
    void rejectionFromTheScriptIsTheFinalResponse() throws Exception {
        start();
        handler.script = c -> c.reject(Rejection.notFound());
        UacCall call = uac.newCall("0000");
        call.invite(RawSipClient.OFFER);

        RawSipMessage response = uac.awaitFinal(call.callId, "INVITE");

        assertThat(response.status()).isEqualTo(404);
        call.toTag = response.toTag().orElseThrow();
        call.ackFailure();
        assertThat(handler.nextFinished().endCause()).hasValue(EndCause.LOCAL_HANGUP);
        assertThat(media.session(call.callId).closes.get()).isEqualTo(1);
    }

    @Test
    void rejectionWithRetryAfterCarriesIt() throws Exception {
        start();
        handler.script = c -> c.reject(Rejection.serviceUnavailable(Duration.ofSeconds(120)));
        UacCall call = uac.newCall("3939");
        call.invite(RawSipClient.OFFER);

        RawSipMessage response = uac.awaitFinal(call.callId, "INVITE");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("retry-after")).hasValueSatisfying(v -> assertThat(v).startsWith("120"));
    }

    @Test
    void offerWithoutG711Is488AndNoCallReachesTheHandler() throws Exception {
        start();
        UacCall call = uac.newCall("3939");
        call.invite(RawSipClient.OFFER.replace("RTP/AVP 8 0 101", "RTP/AVP 9").replaceAll("a=rtpmap:[80] PCM[AU]/8000\r\n", "")
                .replace("a=rtpmap:101 telephone-event/8000", "a=rtpmap:9 G722/8000"));

        assertThat(uac.awaitFinal(call.callId, "INVITE").status()).isEqualTo(488);
        assertThat(handler.calls.poll(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(media.session(call.callId).closes.get()).isEqualTo(1);
        assertThat(endpoint.activeCalls()).isZero();
    }

    @Test
    void unparseableSdpIs400() throws Exception {
        start();
        UacCall call = uac.newCall("3939");
        call.invite("this is not sdp\r\n");

        assertThat(uac.awaitFinal(call.callId, "INVITE").status()).isEqualTo(400);
    }

    @Test
    void atCapacityAnswers503WithRetryAfterAndTellsTheHandler() throws Exception {
        start(SipSettings.defaults("127.0.0.1", 0).withMaxConcurrentCalls(1));
        CountDownLatch release = new CountDownLatch(1);
        handler.script = c -> {
            c.answer();
            release.await(10, TimeUnit.SECONDS);
        };
        establish(uac);
        handler.nextCall();

        UacCall second = uac.newCall("3939");
        second.invite(RawSipClient.OFFER);
        RawSipMessage refused = uac.awaitFinal(second.callId, "INVITE");

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("retry-after")).hasValueSatisfying(v -> assertThat(v).startsWith("30"));
        awaitTrue(() -> !handler.refused.isEmpty());
        assertThat(handler.refused).extracting(i -> i.callId()).containsExactly(second.callId);
        assertThat(media.sessions).doesNotContainKey(second.callId);
        release.countDown();
    }

    @Test
    void noFreeRtpPortIs503() throws Exception {
        start();
        media.exhausted = true;
        UacCall call = uac.newCall("3939");
        call.invite(RawSipClient.OFFER);

        RawSipMessage response = uac.awaitFinal(call.callId, "INVITE");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("retry-after")).isPresent();
        assertThat(endpoint.activeCalls()).isZero();
    }

    @Test
    void cancelBeforeAnswerGets200ThenInviteGets487AndTheCallEndsRemoteCancel() throws Exception {
        start();
        handler.script = c -> c.nextDigit(Duration.ofMinutes(5)); // rings, never answers
        UacCall call = uac.newCall("3939");
        call.invite(RawSipClient.OFFER);
        uac.awaitResponse(call.callId, "INVITE", 100);
        Call ringing = handler.nextCall();

        call.cancel();

        assertThat(uac.awaitFinal(call.callId, "CANCEL").status()).isEqualTo(200);
        RawSipMessage terminated = uac.awaitFinal(call.callId, "INVITE");
        assertThat(terminated.status()).isEqualTo(487);
        handler.nextFinished();
        assertThat(ringing.endCause()).hasValue(EndCause.REMOTE_CANCEL);
        assertThat(handler.failures).singleElement().isInstanceOf(CallEndedException.class);
        assertThat(media.session(call.callId).closes.get()).isEqualTo(1);
        // hangUp after the CANCEL sends nothing more (idempotent)
        ringing.hangUp();
        assertThat(uac.poll(m -> m.isResponse() && m.status() >= 400 && m.status() != 487, Duration.ofMillis(300))).isEmpty();
    }

    @Test
    void requestsForUnknownDialogsAre481() throws Exception {
        start();
        for (String method : List.of("BYE", "INFO", "INVITE", "OPTIONS")) {
            UacCall stranger = uac.newCall("3939");
            stranger.sendRequest(method, "no-such-tag", "");
            assertThat(uac.awaitFinal(stranger.callId, method).status()).as(method).isEqualTo(481);
        }
        assertThat(media.sessions).isEmpty();
    }

    @Test
    void inDialogRequestWithAWrongToTagIs481() throws Exception {
        start();
        handler.script = c -> {
            c.answer();
            c.nextDigit(Duration.ofSeconds(10));
        };
        UacCall call = establish(uac);
        String realTag = call.toTag;
        call.toTag = "forged";
        call.bye();

        assertThat(uac.awaitFinal(call.callId, "BYE").status()).isEqualTo(481);
        call.toTag = realTag;
        call.bye();
        assertThat(uac.awaitFinal(call.callId, "BYE").status()).isEqualTo(200);
    }

    @Test
    void infoDtmfRelayAndDtmfReachTheScriptOtherBodiesAre415() throws Exception {
        start();
        StringBuilder digits = new StringBuilder();
        handler.script = c -> {
            c.answer();
            for (int i = 0; i < 3; i++) {
                c.nextDigit(Duration.ofSeconds(10)).ifPresent(digits::append);
            }
            c.play(List.of(AudioClip.silence(Duration.ofSeconds(20))), false);
        };
        UacCall call = establish(uac);
        handler.nextCall();

        call.info("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n");
        assertThat(uac.awaitFinal(call.callId, "INFO").status()).isEqualTo(200);
        call.info("application/dtmf", "#");
        assertThat(uac.awaitFinal(call.callId, "INFO").status()).isEqualTo(200);
        call.info("application/dtmf-relay", "Signal=11\r\nDuration=100\r\n");
        assertThat(uac.awaitFinal(call.callId, "INFO").status()).isEqualTo(200);
        call.info("text/plain", "hello");
        RawSipMessage unsupported = uac.awaitFinal(call.callId, "INFO");

        assertThat(unsupported.status()).isEqualTo(415);
        assertThat(unsupported.all("accept")).contains("application/dtmf-relay", "application/dtmf");
        awaitTrue(() -> digits.length() == 3);
        assertThat(digits.toString()).isEqualTo("5##");
        assertThat(media.session(call.callId).injected).containsExactly('5', '#', '#');
        call.bye();
        assertThat(uac.awaitFinal(call.callId, "BYE").status()).isEqualTo(200);
    }

    @Test
    void reInviteForHoldAndUnholdIsAnsweredWithTheNewSdpAndABadReOfferKeepsTheCall() throws Exception {
        start();
        handler.script = c -> {
            c.answer();
            c.nextDigit(Duration.ofSeconds(20));
        };
        UacCall call = establish(uac);
        Call live = handler.nextCall();

        call.reInvite(RawSipClient.OFFER.replace("a=sendrecv", "a=sendonly"));
        RawSipMessage hold = uac.awaitFinal(call.callId, "INVITE");
        call.ack(null);
        call.reInvite(RawSipClient.OFFER.replace("o=caller 1 1", "o=caller 1 3"));
        RawSipMessage unhold = uac.awaitFinal(call.callId, "INVITE");
        call.ack(null);
        call.reInvite(RawSipClient.OFFER.replace("PCMA", "XXXX").replace("PCMU", "YYYY"));
        RawSipMessage refused = uac.awaitFinal(call.callId, "INVITE");
        call.ackFailure();

        assertThat(hold.status()).isEqualTo(200);
        assertThat(hold.body()).contains("a=recvonly");
        assertThat(unhold.status()).isEqualTo(200);
        assertThat(unhold.body()).contains("a=sendrecv");
        assertThat(refused.status()).isEqualTo(488);
        assertThat(live.endCause()).isEmpty();
        assertThat(media.session(call.callId).offersSeen).hasSize(3);
        call.bye();
        assertThat(uac.awaitFinal(call.callId, "BYE").status()).isEqualTo(200);
    }

    @Test
    void optionsIs200WithAllowAcceptAndSupported() throws Exception {
        start();
        UacCall probe = uac.newCall("3939");
        probe.sendRequest("OPTIONS", null, "Accept: application/sdp\r\n");

        RawSipMessage ok = uac.awaitFinal(probe.callId, "OPTIONS");

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.all("allow")).containsExactlyInAnyOrder("INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "INFO", "NOTIFY", "REFER");
        assertThat(ok.all("accept")).contains("application/sdp");
        assertThat(ok.header("supported")).hasValue(""); // no extension supported, said explicitly
    }

    @Test
    void knownButUnservedMethodsAre405UnknownOnes501AndUnsupportedRequire420() throws Exception {
        start();
        for (String method : List.of("REGISTER", "SUBSCRIBE", "MESSAGE", "PUBLISH", "NOTIFY")) {
            UacCall c = uac.newCall("3939");
            c.sendRequest(method, null, List.of("SUBSCRIBE", "NOTIFY", "PUBLISH").contains(method)
                    ? "Event: presence\r\nSubscription-State: active\r\n" : "");
            RawSipMessage response = uac.awaitFinal(c.callId, method);
            assertThat(response.status()).as(method).isEqualTo(405);
            assertThat(response.all("allow")).as(method).contains("INVITE");
        }
        UacCall malformedNotify = uac.newCall("3939");
        malformedNotify.sendRequest("NOTIFY", null, "Event: presence\r\n"); // no Subscription-State (RFC 6665 §8.2.3)
        assertThat(uac.awaitFinal(malformedNotify.callId, "NOTIFY").status()).isEqualTo(400);
        UacCall unknown = uac.newCall("3939");
        unknown.sendRequest("FROBNICATE", null, "");
        assertThat(uac.awaitFinal(unknown.callId, "FROBNICATE").status()).isEqualTo(501);

        UacCall demanding = uac.newCall("3939");
        demanding.client.send(demanding.request("INVITE", UacCall.newBranch(), 1, null, RawSipClient.OFFER, "application/sdp",
                "Require: 100rel, precondition\r\n"));
        RawSipMessage badExtension = uac.awaitFinal(demanding.callId, "INVITE");
        assertThat(badExtension.status()).isEqualTo(420);
        assertThat(badExtension.all("unsupported")).containsExactlyInAnyOrder("100rel", "precondition");
        assertThat(media.sessions).isEmpty();
    }

    @Test
    void inDialogUpdateIs405AndLeavesTheCallUp() throws Exception {
        start();
        handler.script = c -> {
            c.answer();
            c.play(List.of(AudioClip.silence(Duration.ofSeconds(20))), false);
        };
        UacCall call = establish(uac);
        Call live = handler.nextCall();

        call.sendRequest("UPDATE", call.toTag, "");

        RawSipMessage response = uac.awaitFinal(call.callId, "UPDATE");
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.all("allow")).doesNotContain("UPDATE");
        assertThat(live.endCause()).isEmpty();
        call.bye();
        assertThat(uac.awaitFinal(call.callId, "BYE").status()).isEqualTo(200);
    }

    @Test
    void inviteRetransmissionsMakeOneCall() throws Exception {
        start();
        CountDownLatch answerNow = new CountDownLatch(1);
        handler.script = c -> {
            answerNow.await(10, TimeUnit.SECONDS);
            c.answer();
            c.nextDigit(Duration.ofSeconds(10));
        };
        UacCall call = uac.newCall("3939");
        String invite = call.invite(RawSipClient.OFFER);
        uac.awaitResponse(call.callId, "INVITE", 100);
        for (int i = 0; i < 3; i++) {
            call.retransmit(invite);
        }
        // each retransmission is answered with the last provisional (RFC 3261 §17.2.1) and no new call
        uac.awaitResponse(call.callId, "INVITE", 100);
        answerNow.countDown();
        RawSipMessage ok = uac.awaitFinal(call.callId, "INVITE");
        call.toTag = ok.toTag().orElseThrow();
        call.ack(null);

        assertThat(handler.nextCall()).isNotNull();
        assertThat(handler.calls.poll(500, TimeUnit.MILLISECONDS)).isNull();
        assertThat(media.sessions).hasSize(1);
        assertThat(endpoint.activeCalls()).isEqualTo(1);
        call.bye();
        assertThat(uac.awaitFinal(call.callId, "BYE").status()).isEqualTo(200);
    }

    @Test
    void missingAckEndsTheCallWithByeAfterTheAckWait() throws Exception {
        start(SipSettings.defaults("127.0.0.1", 0).withTimers(Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofMillis(500)));
        handler.script = c -> {
            c.answer();
            c.nextDigit(Duration.ofSeconds(30));
        };
        UacCall call = uac.newCall("3939");
        call.invite(RawSipClient.OFFER);
        RawSipMessage ok = uac.awaitFinal(call.callId, "INVITE");
        assertThat(ok.status()).isEqualTo(200);
        // never ACK

        RawSipMessage bye = uac.awaitRequest(call.callId, "BYE");
        uac.respond(bye, 200, "OK");

        Call ended = handler.nextFinished();
        assertThat(ended.endCause()).hasValue(EndCause.MEDIA_TIMEOUT);
        assertThat(media.session(call.callId).closes.get()).isEqualTo(1);
    }

    @Test
    void noRtpForTheInactivityTimeoutEndsTheCallWithBye() throws Exception {
        start(SipSettings.defaults("127.0.0.1", 0).withTimers(Duration.ofMillis(400), Duration.ofHours(1), Duration.ofSeconds(32)));
        media.silentSince = Instant.now().minusSeconds(60);
        handler.script = c -> {
            c.answer();
            c.play(List.of(AudioClip.silence(Duration.ofSeconds(30))), false);
        };
        UacCall call = establish(uac);

        RawSipMessage bye = uac.awaitRequest(call.callId, "BYE");
        uac.respond(bye, 200, "OK");

        assertThat(handler.nextFinished().endCause()).hasValue(EndCause.MEDIA_TIMEOUT);
        assertThat(handler.failures).singleElement().isInstanceOfSatisfying(CallEndedException.class,
                e -> assertThat(e.endCause()).isEqualTo(EndCause.MEDIA_TIMEOUT));
    }

    @Test
    void callsOverTheMaximumDurationAreHungUp() throws Exception {
        start(SipSettings.defaults("127.0.0.1", 0).withTimers(Duration.ofSeconds(30), Duration.ofMillis(600), Duration.ofSeconds(32)));
        handler.script = c -> {
            c.answer();
            c.nextDigit(Duration.ofSeconds(30));
        };
        UacCall call = establish(uac);

        RawSipMessage bye = uac.awaitRequest(call.callId, "BYE");
        uac.respond(bye, 200, "OK");

        assertThat(handler.nextFinished().endCause()).hasValue(EndCause.LOCAL_HANGUP);
    }

    @Test
    void handlerExceptionAfterAnswerSendsByeAndClosesMedia() throws Exception {
        start();
        handler.script = c -> {
            c.answer();
            throw new IllegalStateException("boom (expected by the test)");
        };
        UacCall call = establish(uac);

        RawSipMessage bye = uac.awaitRequest(call.callId, "BYE");
        uac.respond(bye, 200, "OK");

        Call ended = handler.nextFinished();
        awaitActiveCalls(0);
        assertThat(ended.endCause()).hasValue(EndCause.SIGNALLING_ERROR);
        assertThat(media.session(call.callId).closes.get()).isEqualTo(1);
    }

    @Test
    void handlerReturningWithoutAnsweringGets480() throws Exception {
        start();
        handler.script = c -> { };
        UacCall call = uac.newCall("3939");
        call.invite(RawSipClient.OFFER);

        assertThat(uac.awaitFinal(call.callId, "INVITE").status()).isEqualTo(480);
        awaitActiveCalls(0);
    }

    @Test
    void inviteWithoutSdpGetsOurOfferAndTheAnswerFromTheAck() throws Exception {
        start();
        handler.script = c -> {
            c.answer();
            c.nextDigit(Duration.ofSeconds(10));
        };
        UacCall call = uac.newCall("3939");
        call.invite(null);
        RawSipMessage ok = uac.awaitFinal(call.callId, "INVITE");
        call.toTag = ok.toTag().orElseThrow();
        call.ack(RawSipClient.OFFER);

        assertThat(ok.body()).isEqualTo(FakeMediaSession.OFFER);
        FakeMediaSession session = media.session(call.callId);
        awaitTrue(() -> session.answersAccepted.size() == 1);
        assertThat(session.answersAccepted).containsExactly(RawSipClient.OFFER);
        call.bye();
        assertThat(uac.awaitFinal(call.callId, "BYE").status()).isEqualTo(200);
    }

    @Test
    void transferSendsReferWaitsForNotifyThenByes() throws Exception {
        start();
        AtomicReference<Boolean> transferred = new AtomicReference<>();
        handler.script = c -> {
            c.answer();
            c.nextDigit(Duration.ofSeconds(10)); // wait until the test's ACK is in
            transferred.set(c.transfer("0140000000"));
        };
        UacCall call = establish(uac);
        call.info("application/dtmf", "1");

        RawSipMessage refer = uac.awaitRequest(call.callId, "REFER");
        assertThat(refer.header("refer-to")).hasValueSatisfying(v -> assertThat(v).contains("sip:0140000000@127.0.0.1"));
        uac.respond(refer, 202, "Accepted");
        call.client.send(notify(call, "SIP/2.0 200 OK"));
        assertThat(uac.awaitFinal(call.callId, "NOTIFY").status()).isEqualTo(200);
        RawSipMessage bye = uac.awaitRequest(call.callId, "BYE");
        uac.respond(bye, 200, "OK");

        Call ended = handler.nextFinished();
        assertThat(transferred.get()).isTrue();
        assertThat(ended.endCause()).hasValue(EndCause.TRANSFERRED);
    }

    @Test
    void refusedTransferReturnsFalseAndTheCallGoesOn() throws Exception {
        start();
        AtomicReference<Boolean> transferred = new AtomicReference<>();
        AtomicReference<Optional<EndCause>> causeAfter = new AtomicReference<>();
        handler.script = c -> {
            c.answer();
            c.nextDigit(Duration.ofSeconds(10));
            transferred.set(c.transfer("0140000000"));
            causeAfter.set(c.endCause());
        };
        UacCall call = establish(uac);
        call.info("application/dtmf", "1");

        RawSipMessage refer = uac.awaitRequest(call.callId, "REFER");
        uac.respond(refer, 603, "Decline");

        handler.nextFinished();
        assertThat(transferred.get()).isFalse();
        assertThat(causeAfter.get()).isEmpty();
    }

    @Test
    void tcpCallWorksAndResponsesComeBackOnTheSameConnection() throws Exception {
        start();
        handler.script = c -> {
            c.answer();
            c.play(List.of(AudioClip.silence(Duration.ofSeconds(20))), false);
        };
        try (RawSipClient tcp = RawSipClient.tcp(endpoint.port())) {
            UacCall call = establish(tcp);
            Call live = handler.nextCall();
            assertThat(live.info().transport()).isEqualTo("tcp");
            call.info("application/dtmf-relay", "Signal=7\r\nDuration=160\r\n");
            assertThat(tcp.awaitFinal(call.callId, "INFO").status()).isEqualTo(200);
            call.bye();
            assertThat(tcp.awaitFinal(call.callId, "BYE").status()).isEqualTo(200);
            assertThat(media.session(call.callId).injected).containsExactly('7');
        }
    }

    @Test
    void tcpScriptHangUpSendsByeOverTheCallersConnection() throws Exception {
        start();
        handler.script = Call::answer; // returns at once: the endpoint hangs up
        try (RawSipClient tcp = RawSipClient.tcp(endpoint.port())) {
            UacCall call = establish(tcp);
            RawSipMessage bye = tcp.awaitRequest(call.callId, "BYE");
            tcp.respond(bye, 200, "OK");
            Call ended = handler.nextFinished();
            awaitTrue(() -> ended.endCause().isPresent());
            assertThat(ended.endCause()).hasValue(EndCause.LOCAL_HANGUP);
        }
    }

    @Test
    void udpAnswersGoToTheSourceWhenViaAsksForRport() throws Exception {
        start();
        UacCall probe = uac.newCall("3939");
        // RFC 3581: the Via names a port nobody listens on; rport asks for the packet's source instead
        String request = probe.request("OPTIONS", UacCall.newBranch(), 1, null, "", null, "")
                .replace("127.0.0.1:" + uac.localPort() + ";branch", "127.0.0.1:9;branch");
        uac.send(request);

        RawSipMessage ok = uac.awaitFinal(probe.callId, "OPTIONS");

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("via")).hasValueSatisfying(via -> assertThat(via)
                .contains("127.0.0.1:9").contains("rport=" + uac.localPort()));
    }

    @Test
    void tcpAnswersComeBackOnTheRequestsConnectionWhateverTheViaSays() throws Exception {
        start();
        try (RawSipClient tcp = RawSipClient.tcp(endpoint.port())) {
            UacCall probe = tcp.newCall("3939");
            // RFC 3261 §18.2.2: over TCP the response goes back on the connection the request came on
            String request = probe.request("OPTIONS", UacCall.newBranch(), 1, null, "", null, "")
                    .replace("127.0.0.1:" + tcp.localPort() + ";branch", "127.0.0.1:9;branch").replace(";rport", "");
            tcp.send(request);

            assertThat(tcp.awaitFinal(probe.callId, "OPTIONS").status()).isEqualTo(200);
        }
    }

    @Test
    void stopHangsUpCallsInProgressWithShutdown() throws Exception {
        start();
        handler.script = c -> {
            c.answer();
            c.nextDigit(Duration.ofSeconds(30));
        };
        UacCall call = establish(uac);
        Call live = handler.nextCall();

        endpoint.stop(Duration.ofMillis(100));

        RawSipMessage bye = uac.awaitRequest(call.callId, "BYE");
        assertThat(bye).isNotNull();
        assertThat(live.endCause()).hasValue(EndCause.SHUTDOWN);
        assertThat(endpoint.isRunning()).isFalse();
        assertThat(endpoint.activeCalls()).isZero();
    }

    @Test
    void answerAfterTheCallEndedThrowsWithTheCause() throws Exception {
        start();
        CountDownLatch cancelled = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        handler.script = c -> {
            cancelled.await(10, TimeUnit.SECONDS);
            try {
                c.answer();
            } catch (CallEndedException e) {
                thrown.set(e);
            }
        };
        UacCall call = uac.newCall("3939");
        call.invite(RawSipClient.OFFER);
        uac.awaitResponse(call.callId, "INVITE", 100);
        handler.nextCall();
        call.cancel();
        assertThat(uac.awaitFinal(call.callId, "INVITE").status()).isEqualTo(487);
        cancelled.countDown();

        handler.nextFinished();
        assertThat(thrown.get()).isInstanceOfSatisfying(CallEndedException.class,
                e -> assertThat(e.endCause()).isEqualTo(EndCause.REMOTE_CANCEL));
    }

    @Test
    void settingsNameTheFieldAndLimit() {
        assertThatThrownBy(() -> SipSettings.defaults("127.0.0.1", 70000))
                .hasMessageContaining("port").hasMessageContaining("0..65535");
        assertThatThrownBy(() -> SipSettings.defaults("127.0.0.1", 0).withMaxConcurrentCalls(0))
                .hasMessageContaining("maxConcurrentCalls").hasMessageContaining("1..100000");
        assertThatThrownBy(() -> SipSettings.defaults("127.0.0.1", 0).withTimers(Duration.ZERO, Duration.ofHours(1), Duration.ofSeconds(32)))
                .hasMessageContaining("rtpInactivityTimeout");
        assertThatThrownBy(() -> SipSettings.defaults("127.0.0.1", 0).withLimits(100, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("maxMessageSize").hasMessageContaining("1024");
    }

    @Test
    void callerNumbersAreMaskedForLogs() {
        assertThat(SipCall.masked("0612345678")).isEqualTo("********78");
        assertThat(SipCall.masked("")).isEqualTo("anonymous");
        assertThat(SipCall.masked("123")).isEqualTo("***");
    }

    private String notify(UacCall call, String sipfrag) {
        return call.request("NOTIFY", UacCall.newBranch(), call.cseq++, call.toTag, sipfrag + "\r\n", "message/sipfrag;version=2.0",
                "Event: refer\r\nSubscription-State: terminated;reason=noresource\r\n");
    }

    private void awaitActiveCalls(int expected) throws InterruptedException {
        awaitTrue(() -> endpoint.activeCalls() == expected);
        assertThat(endpoint.activeCalls()).isEqualTo(expected);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }
}
