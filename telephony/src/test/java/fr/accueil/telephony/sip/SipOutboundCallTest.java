package fr.accueil.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.accueil.telephony.call.Dial;
import fr.accueil.telephony.call.DialOutcome;
import fr.accueil.telephony.call.EndCause;
import fr.accueil.telephony.call.LegListener;
import fr.accueil.telephony.call.OutboundCall;
import fr.accueil.telephony.media.AudioClip;
import fr.accueil.telephony.media.MediaEngine;
import fr.accueil.telephony.media.MediaSettings;
import fr.accueil.telephony.media.MediaUnavailableException;
import fr.accueil.telephony.media.PlaybackResult;
import fr.accueil.telephony.registrar.Binding;
import fr.accueil.telephony.registrar.Registrar;
import fr.accueil.telephony.registrar.RegistrarSettings;
import fr.accueil.telephony.registrar.Registrations;
import fr.accueil.telephony.registrar.StoredCredentials;
import fr.accueil.telephony.testing.Answering;
import fr.accueil.telephony.testing.IncomingCall;
import fr.accueil.telephony.testing.RtpStats;
import fr.accueil.telephony.testing.SipMessage;
import fr.accueil.telephony.testing.Sipp;
import fr.accueil.telephony.testing.TestPhone;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outbound legs (UAC) against an independent test phone over real UDP sockets: the phone acts as an
 * agent's phone or a trunk, answering, ringing, refusing, challenging, hanging up, transferring and
 * holding; RTP flows through the real media engine, whose port pool is checked after every path.
 */
class SipOutboundCallTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String REALM = "accueil.test";

    private final ScriptedHandler handler = new ScriptedHandler();
    private final Registrations registrations = new Registrations();
    private MediaEngine media;
    private SipEndpoint endpoint;
    private TestPhone phone;

    @BeforeEach
    void start() throws Exception {
        start(SipSettings.defaults("127.0.0.1", 0));
    }

    private void start(SipSettings settings) throws Exception {
        // 10000-19999: below the production RTP range (20000-29999) that servers and benchmarks running
        // on the same machine use, and below the ephemeral ports where SIP sockets land.
        int base = 2 * ThreadLocalRandom.current().nextInt(5_000, 9_950);
        media = new MediaEngine(new MediaSettings(InetAddress.getLoopbackAddress(), "127.0.0.1", base, base + 39, 2));
        StoredCredentials agent = StoredCredentials.fromPassword("agent1", REALM, "secret-agent1");
        Registrar registrar = new Registrar(RegistrarSettings.defaults(REALM),
                (username, realm) -> "agent1".equals(username) ? Optional.of(agent) : Optional.empty(),
                registrations, Clock.systemUTC());
        endpoint = new SipEndpoint(settings, media, handler, Clock.systemUTC(), registrar);
        endpoint.start();
        phone = TestPhone.udp(new InetSocketAddress("127.0.0.1", endpoint.port()));
    }

    @AfterEach
    void stop() {
        if (phone != null) {
            phone.close();
        }
        endpoint.close();
        media.close();
    }

    private void restart(SipSettings settings) throws Exception {
        stop();
        start(settings);
    }

    private String phoneUri(String user) {
        return "sip:" + user + "@127.0.0.1:" + phone.localAddress().getPort();
    }

    private OutboundCall dial(String user) throws MediaUnavailableException {
        return endpoint.dial(Dial.to(phoneUri(user), "3939"));
    }

    /** Every RTP port back in the pool and no call counted: the check each path ends with. */
    private void assertReleased() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while ((media.ports().inUse() > 0 || endpoint.activeCalls() > 0) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertThat(media.ports().inUse()).as("RTP ports in use").isZero();
        assertThat(endpoint.activeCalls()).as("calls counted").isZero();
    }

    private static AudioClip tone(int millis) {
        short[] samples = new short[millis * 8];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
        }
        return AudioClip.ofPcm16("tone", samples);
    }

    /** Records what a leg's far end did. */
    static final class RecordingListener implements LegListener {
        final CompletableFuture<EndCause> ended = new CompletableFuture<>();
        final List<Boolean> holds = new CopyOnWriteArrayList<>();
        final List<String> referTargets = new CopyOnWriteArrayList<>();
        volatile boolean acceptTransfers;

        @Override
        public void ended(EndCause cause) {
            ended.complete(cause);
        }

        @Override
        public boolean transferRequested(String referTo) {
            referTargets.add(referTo);
            return acceptTransfers;
        }

        @Override
        public void holdChanged(boolean onHold) {
            holds.add(onHold);
        }
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (list.size() < size && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    // ---- answered

    @Test
    void answeredLegCarriesAudioBothWaysAndOurHangUpSendsBye() throws Exception {
        phone.answerIncoming(Answering.answerAfter(Duration.ofMillis(200)).withTone(440));
        OutboundCall leg = endpoint.dial(Dial.to(phoneUri("agent1"), "3939").withDisplay("Accueil CAF")
                .withHeaders(Map.of("X-Accueil-Contact", "c-42")));
        IncomingCall call = phone.awaitIncoming(WAIT);

        assertThat(leg.awaitAnswer(WAIT)).isEqualTo(new DialOutcome.Answered());
        assertThat(leg.ringing()).isTrue();
        SipMessage invite = call.invite();
        assertThat(invite.requestUri()).isEqualTo(phoneUri("agent1"));
        assertThat(invite.required("From")).contains("\"Accueil CAF\"").contains("<sip:3939@127.0.0.1>").contains(";tag=");
        assertThat(invite.required("Contact")).contains("sip:127.0.0.1:" + endpoint.port());
        assertThat(invite.header("X-Accueil-Contact")).hasValue("c-42");
        assertThat(invite.bodyText()).contains("m=audio " + leg.media().localPort() + " RTP/AVP 8 0 101")
                .contains("telephone-event/8000");
        call.awaitAck(WAIT);
        assertThat(media.ports().inUse()).isEqualTo(1);
        assertThat(endpoint.activeCalls()).isEqualTo(1);

        // Our prompt reaches the phone...
        assertThat(leg.media().play(List.of(tone(1000)), false)).isEqualTo(PlaybackResult.COMPLETED);
        RtpStats heard = call.rtp().awaitPackets(40, WAIT);
        assertThat(heard.heardNonSilentAudio()).as(heard.toString()).isTrue();
        assertThat(heard.packetsByPayloadType()).containsKey(8);
        // ... and the phone's tone reaches us.
        Instant before = leg.media().lastPacketReceivedAt();
        TimeUnit.MILLISECONDS.sleep(200);
        assertThat(leg.media().lastPacketReceivedAt()).isAfter(before);

        leg.hangUp();
        SipMessage bye = call.awaitRemoteBye(WAIT);
        assertThat(bye.callId()).isEqualTo(leg.callId());
        assertThat(leg.endCause()).hasValue(EndCause.LOCAL_HANGUP);
        assertThat(leg.awaitAnswer(Duration.ZERO)).isEqualTo(new DialOutcome.Answered()); // idempotent
        assertReleased();
    }

    @Test
    void registeredAgentPhoneIsDialledAtItsBinding() throws Exception {
        SipMessage registered = phone.register("agent1", "secret-agent1", 600, WAIT);
        assertThat(registered.status()).isEqualTo(200);
        List<Binding> bindings = registrations.current("agent1", Instant.now());
        assertThat(bindings).hasSize(1);
        phone.answerIncoming(Answering.answerAfter(Duration.ofMillis(50)));

        OutboundCall leg = endpoint.dial(Dial.to(bindings.getFirst().contactUri(), "3939"));

        assertThat(leg.awaitAnswer(WAIT)).isEqualTo(new DialOutcome.Answered());
        assertThat(phone.awaitIncoming(WAIT).invite().requestUri()).isEqualTo(bindings.getFirst().contactUri());
        leg.hangUp();
        assertReleased();
    }

    @Test
    void registerWithAWrongPasswordIsRefused() {
        assertThat(phone.register("agent1", "wrong", 600, WAIT).status()).isEqualTo(403);
        assertThat(registrations.current("agent1", Instant.now())).isEmpty();
    }

    @Test
    void digitsFromTheFarEndReachTheLegsMedia() throws Exception {
        phone.answerIncoming(Answering.answerAfter(Duration.ZERO));
        OutboundCall leg = dial("agent1");
        assertThat(leg.awaitAnswer(WAIT)).isEqualTo(new DialOutcome.Answered());
        IncomingCall call = phone.awaitIncoming(WAIT);
        call.awaitAck(WAIT);

        call.rtp().queueDigit('5').get(5, TimeUnit.SECONDS);
        assertThat(leg.media().nextDigit(WAIT)).hasValue('5');
        assertThat(call.sendDtmfInfo('#').status()).isEqualTo(200);
        assertThat(leg.media().nextDigit(WAIT)).hasValue('#');
        leg.hangUp();
        assertReleased();
    }

    @TempDir
    java.nio.file.Path sippDir;

    /** SIPp's built-in UAS (180, 200, then waits for our BYE): another implementation's view of our INVITE, ACK and BYE. */
    private void sippAnswers(String sippTransport, String uriSuffix) throws Exception {
        try (Sipp.Running uas = Sipp.builtin("uas").calls(1).transport(sippTransport).timeout(Duration.ofSeconds(30))
                .workDir(sippDir).start()) {
            InetSocketAddress at = uas.sipAddress();
            OutboundCall leg = endpoint.dial(Dial.to("sip:agent2@127.0.0.1:" + at.getPort() + uriSuffix, "3939"));

            // (SIPp sends 180 and 200 back to back: the stack may hand them to us in either order.)
            assertThat(leg.awaitAnswer(WAIT)).isEqualTo(new DialOutcome.Answered());
            TimeUnit.MILLISECONDS.sleep(300);
            leg.hangUp();

            Sipp.Result result = uas.await(Duration.ofSeconds(30));
            assertThat(result.allCallsSucceeded()).as(result.describe()).isTrue();
            assertThat(result.successfulCalls()).as(result.describe()).isEqualTo(1);
        }
        assertReleased();
    }

    @Test
    void sippAsTheAgentPhoneOverUdp() throws Exception {
        sippAnswers("u1", "");
    }

    @Test
    void sippAsTheAgentPhoneOverTcp() throws Exception {
        sippAnswers("t1", ";transport=tcp");
    }

    @Test
    void extraHeadersMayNotReplaceCoreOnes() throws Exception {
        assertThatThrownBy(() -> endpoint.dial(Dial.to(phoneUri("agent1"), "3939").withHeaders(Map.of("Call-ID", "x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Call-ID");
        assertThatThrownBy(() -> endpoint.dial(Dial.to(phoneUri("agent1"), "3939").withHeaders(Map.of("f", "<sip:x@y>"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertReleased();
    }

    // ---- not answered

    @Test
    void busyIsRefusedWithItsStatus() throws Exception {
        phone.answerIncoming(Answering.refuse(486, Duration.ofMillis(100)));
        OutboundCall leg = dial("agent1");
        RecordingListener listener = new RecordingListener();
        leg.listen(listener);

        DialOutcome outcome = leg.awaitAnswer(WAIT);

        assertThat(outcome).isInstanceOf(DialOutcome.Refused.class);
        assertThat(((DialOutcome.Refused) outcome).status()).isEqualTo(486);
        assertThat(listener.ended.get(5, TimeUnit.SECONDS)).isEqualTo(EndCause.REMOTE_BYE);
        phone.awaitIncoming(WAIT).awaitAck(WAIT); // the non-2xx was acknowledged (§17.1.1.3)
        assertReleased();
    }

    @Test
    void declineIsRefused603() throws Exception {
        phone.answerIncoming(Answering.refuse(603, Duration.ZERO));
        OutboundCall leg = dial("agent1");
        assertThat(leg.awaitAnswer(WAIT)).isEqualTo(new DialOutcome.Refused(603, "Refused By Test Phone"));
        assertReleased();
    }

    @Test
    void ringTimeOutCancelsAndIsNoAnswer() throws Exception {
        phone.answerIncoming(Answering.ringForever());
        OutboundCall leg = dial("agent1");
        IncomingCall call = phone.awaitIncoming(WAIT);

        long startedAt = System.nanoTime();
        DialOutcome outcome = leg.awaitAnswer(Duration.ofMillis(1500));

        assertThat(outcome).isEqualTo(new DialOutcome.NoAnswer());
        assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isBetween(Duration.ofMillis(1400), Duration.ofSeconds(5));
        assertThat(leg.ringing()).isTrue();
        assertThat(call.awaitCancel(WAIT).method()).isEqualTo("CANCEL");
        call.awaitAck(WAIT); // of the 487
        assertThat(call.state()).isEqualTo(IncomingCall.State.CANCELLED);
        assertThat(leg.endCause()).hasValue(EndCause.LOCAL_HANGUP);
        assertReleased();
    }

    @Test
    void anAnswerCrossingOurCancelIsAcknowledgedThenEndedWithBye() throws Exception {
        phone.answerIncoming(Answering.ringForever().crossingCancel());
        OutboundCall leg = dial("agent1");
        IncomingCall call = phone.awaitIncoming(WAIT);

        assertThat(leg.awaitAnswer(Duration.ofMillis(1500))).isEqualTo(new DialOutcome.NoAnswer());

        call.awaitCancel(WAIT);
        call.awaitAck(WAIT);
        assertThat(call.awaitRemoteBye(WAIT).method()).isEqualTo("BYE");
        assertThat(leg.awaitAnswer(Duration.ZERO)).isEqualTo(new DialOutcome.NoAnswer());
        assertReleased();
    }

    @Test
    void hangUpWhileRingingCancelsAndTheWaiterSeesCancelled() throws Exception {
        phone.answerIncoming(Answering.ringForever());
        OutboundCall leg = dial("agent1");
        IncomingCall call = phone.awaitIncoming(WAIT);
        CompletableFuture<DialOutcome> waiter = CompletableFuture.supplyAsync(() -> leg.awaitAnswer(Duration.ofSeconds(30)));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!leg.ringing() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }

        leg.hangUp();

        assertThat(waiter.get(2, TimeUnit.SECONDS)).isEqualTo(new DialOutcome.Cancelled());
        call.awaitCancel(WAIT);
        assertReleased();
    }

    @Test
    void unreachableTargetFailsWithinTheTransactionTimer() throws Exception {
        endpoint.outboundTimerT1(Duration.ofMillis(50)); // Timer B = 3.2 s
        int silent;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            silent = probe.getLocalPort(); // closed again: nothing listens there (ICMP port unreachable)
        }
        OutboundCall leg = endpoint.dial(Dial.to("sip:agent9@127.0.0.1:" + silent, "3939"));
        long startedAt = System.nanoTime();

        DialOutcome outcome = leg.awaitAnswer(Duration.ofSeconds(30));

        assertThat(outcome).isInstanceOf(DialOutcome.Failed.class);
        assertThat(((DialOutcome.Failed) outcome).reason()).contains("time-out");
        assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isLessThan(Duration.ofSeconds(8));
        assertThat(leg.endCause()).hasValue(EndCause.SIGNALLING_ERROR);
        assertReleased();
    }

    @Test
    void silenceForTheWholeRingTimeIsAFailureNotANoAnswer() throws Exception {
        int silent;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            silent = probe.getLocalPort();
        }
        OutboundCall leg = endpoint.dial(Dial.to("sip:agent9@127.0.0.1:" + silent, "3939"));

        DialOutcome outcome = leg.awaitAnswer(Duration.ofMillis(600));

        assertThat(outcome).isInstanceOf(DialOutcome.Failed.class);
        assertThat(((DialOutcome.Failed) outcome).reason()).contains("no response");
        assertThat(leg.ringing()).isFalse();
        assertReleased();
    }

    @Test
    void malformedSdpInThe200IsAFailureAndTheCallIsEndedWithBye() throws Exception {
        phone.answerIncoming(Answering.answerAfter(Duration.ZERO).withSdp("v=0\r\nthis is no SDP\r\n"));
        OutboundCall leg = dial("agent1");
        IncomingCall call = phone.awaitIncoming(WAIT);

        DialOutcome outcome = leg.awaitAnswer(WAIT);

        assertThat(outcome).isInstanceOf(DialOutcome.Failed.class);
        assertThat(((DialOutcome.Failed) outcome).reason()).startsWith("unusable SDP answer");
        call.awaitAck(WAIT);
        assertThat(call.awaitRemoteBye(WAIT).method()).isEqualTo("BYE");
        assertThat(leg.endCause()).hasValue(EndCause.SIGNALLING_ERROR);
        assertReleased();
    }

    // ---- the far end, once answered

    private OutboundCall answeredLeg(RecordingListener listener) throws Exception {
        phone.answerIncoming(Answering.answerAfter(Duration.ZERO).withTone(440));
        OutboundCall leg = dial("agent1");
        leg.listen(listener);
        assertThat(leg.awaitAnswer(WAIT)).isEqualTo(new DialOutcome.Answered());
        return leg;
    }

    @Test
    void byeFromThePhoneEndsTheLegAndTellsListeners() throws Exception {
        RecordingListener listener = new RecordingListener();
        OutboundCall leg = answeredLeg(listener);
        IncomingCall call = phone.awaitIncoming(WAIT);
        call.awaitAck(WAIT);

        assertThat(call.bye().status()).isEqualTo(200);

        assertThat(listener.ended.get(5, TimeUnit.SECONDS)).isEqualTo(EndCause.REMOTE_BYE);
        assertThat(leg.endCause()).hasValue(EndCause.REMOTE_BYE);
        RecordingListener late = new RecordingListener();
        leg.listen(late);
        assertThat(late.ended).isCompletedWithValue(EndCause.REMOTE_BYE);
        assertReleased();
    }

    @Test
    void referAcceptedByAListenerIs202ThenNotify200() throws Exception {
        RecordingListener listener = new RecordingListener();
        listener.acceptTransfers = true;
        OutboundCall leg = answeredLeg(listener);
        IncomingCall call = phone.awaitIncoming(WAIT);
        call.awaitAck(WAIT);

        SipMessage response = call.refer("sip:3001@127.0.0.1");

        assertThat(response.status()).isEqualTo(202);
        assertThat(listener.referTargets).containsExactly("sip:3001@127.0.0.1");
        SipMessage notify = call.awaitRequest("NOTIFY", WAIT);
        assertThat(notify.header("Event")).hasValueSatisfying(e -> assertThat(e).startsWith("refer"));
        assertThat(notify.required("Subscription-State")).startsWith("terminated");
        assertThat(notify.required("Content-Type")).startsWith("message/sipfrag");
        assertThat(notify.bodyText()).startsWith("SIP/2.0 200 OK");
        assertThat(leg.endCause()).isEmpty(); // the agent hangs up next, not us
        leg.hangUp();
        assertReleased();
    }

    @Test
    void referWithoutAWillingListenerIs603() throws Exception {
        RecordingListener listener = new RecordingListener();
        OutboundCall leg = answeredLeg(listener);
        IncomingCall call = phone.awaitIncoming(WAIT);
        call.awaitAck(WAIT);

        assertThat(call.refer("sip:3001@127.0.0.1").status()).isEqualTo(603);
        assertThat(listener.referTargets).containsExactly("sip:3001@127.0.0.1");
        assertThat(call.receivedRequests()).noneMatch(r -> r.method().equals("NOTIFY"));
        assertThat(leg.endCause()).isEmpty();
        leg.hangUp();
        assertReleased();
    }

    @Test
    void holdAndResumeFromThePhoneAreAnsweredAndNotified() throws Exception {
        RecordingListener listener = new RecordingListener();
        OutboundCall leg = answeredLeg(listener);
        IncomingCall call = phone.awaitIncoming(WAIT);
        call.awaitAck(WAIT);

        SipMessage held = call.reInvite("sendonly");
        assertThat(held.status()).isEqualTo(200);
        assertThat(held.bodyText()).contains("a=recvonly");
        awaitSize(listener.holds, 1);
        assertThat(call.reInvite("sendrecv").status()).isEqualTo(200);
        awaitSize(listener.holds, 2);

        assertThat(listener.holds).containsExactly(true, false);
        leg.hangUp();
        assertReleased();
    }

    @Test
    void noRtpFromTheFarEndEndsTheLegWithMediaTimeout() throws Exception {
        restart(SipSettings.defaults("127.0.0.1", 0).withTimers(Duration.ofMillis(600), Duration.ofHours(1), Duration.ofSeconds(32)));
        RecordingListener listener = new RecordingListener();
        OutboundCall leg = answeredLeg(listener);
        phone.awaitIncoming(WAIT).awaitAck(WAIT);

        phone.close(); // the phone vanishes: no BYE, no more RTP
        phone = null;

        assertThat(listener.ended.get(5, TimeUnit.SECONDS)).isEqualTo(EndCause.MEDIA_TIMEOUT);
        assertThat(leg.endCause()).hasValue(EndCause.MEDIA_TIMEOUT);
        assertReleased();
    }

    @Test
    void outboundLegsCountInTheCapacityAndEndAtShutdown() throws Exception {
        restart(SipSettings.defaults("127.0.0.1", 0).withMaxConcurrentCalls(1));
        RecordingListener listener = new RecordingListener();
        answeredLeg(listener);

        assertThatThrownBy(() -> dial("agent1")).isInstanceOf(MediaUnavailableException.class).hasMessageContaining("capacity");
        IncomingCall call = phone.awaitIncoming(WAIT);
        call.awaitAck(WAIT);

        endpoint.stop(Duration.ZERO);

        assertThat(listener.ended.get(5, TimeUnit.SECONDS)).isEqualTo(EndCause.SHUTDOWN);
        assertThat(call.awaitRemoteBye(WAIT).method()).isEqualTo("BYE");
        assertThat(media.ports().inUse()).isZero();
    }

    // ---- a trunk asking for credentials

    @Test
    void trunkDigestChallengeIsAnsweredOnceWithSha256() throws Exception {
        phone.answerIncoming(Answering.answerAfter(Duration.ZERO)
                .requiring(Answering.DigestCheck.sha256("trunk.test", "accueil", "trunk-pass")));
        OutboundCall leg = endpoint.dial(Dial.to(phoneUri("+33123456789"), "0999")
                .withCredentials(new Dial.Credentials("accueil", "trunk-pass")));

        assertThat(leg.awaitAnswer(WAIT)).isEqualTo(new DialOutcome.Answered());
        assertThat(phone.authenticationAnswers()).containsExactly(401);
        SipMessage invite = phone.awaitIncoming(WAIT).invite();
        assertThat(invite.required("Authorization")).contains("algorithm=SHA-256").contains("qop=auth");
        assertThat(invite.required("CSeq")).startsWith("2 INVITE");
        IncomingCall call = phone.incomingCalls().getFirst();
        call.awaitAck(WAIT);
        leg.hangUp();
        assertThat(call.awaitRemoteBye(WAIT).callId()).isEqualTo(leg.callId());
        assertReleased();
    }

    @Test
    void proxyChallengeWithMd5IsAnsweredWithProxyAuthorization() throws Exception {
        phone.answerIncoming(Answering.answerAfter(Duration.ZERO)
                .requiring(Answering.DigestCheck.sha256("trunk.test", "accueil", "trunk-pass").withAlgorithm("MD5").withStatuses(407, 403)));
        OutboundCall leg = endpoint.dial(Dial.to(phoneUri("+33123456789"), "0999")
                .withCredentials(new Dial.Credentials("accueil", "trunk-pass")));

        assertThat(leg.awaitAnswer(WAIT)).isEqualTo(new DialOutcome.Answered());
        assertThat(phone.awaitIncoming(WAIT).invite().required("Proxy-Authorization")).contains("algorithm=MD5");
        leg.hangUp();
        assertReleased();
    }

    @Test
    void wrongTrunkPasswordIsRefused403() throws Exception {
        phone.answerIncoming(Answering.answerAfter(Duration.ZERO)
                .requiring(Answering.DigestCheck.sha256("trunk.test", "accueil", "trunk-pass")));
        OutboundCall leg = endpoint.dial(Dial.to(phoneUri("+33123456789"), "0999")
                .withCredentials(new Dial.Credentials("accueil", "not-the-password")));

        assertThat(leg.awaitAnswer(WAIT)).isEqualTo(new DialOutcome.Refused(403, "Forbidden"));
        assertThat(phone.authenticationAnswers()).containsExactly(401, 403);
        assertThat(phone.incomingCalls()).isEmpty();
        assertReleased();
    }

    @Test
    void aSecondChallengeIsNotAnsweredAgain() throws Exception {
        phone.answerIncoming(Answering.answerAfter(Duration.ZERO)
                .requiring(Answering.DigestCheck.sha256("trunk.test", "accueil", "trunk-pass").withStatuses(401, 401)));
        OutboundCall leg = endpoint.dial(Dial.to(phoneUri("+33123456789"), "0999")
                .withCredentials(new Dial.Credentials("accueil", "not-the-password")));

        DialOutcome outcome = leg.awaitAnswer(WAIT);

        assertThat(outcome).isInstanceOf(DialOutcome.Refused.class);
        assertThat(((DialOutcome.Refused) outcome).status()).isEqualTo(401);
        assertThat(phone.authenticationAnswers()).containsExactly(401, 401); // no third INVITE
        assertReleased();
    }

    @Test
    void aChallengeWithoutCredentialsIsRefused() throws Exception {
        phone.answerIncoming(Answering.answerAfter(Duration.ZERO)
                .requiring(Answering.DigestCheck.sha256("trunk.test", "accueil", "trunk-pass").withStatuses(407, 403)));
        OutboundCall leg = endpoint.dial(Dial.to(phoneUri("+33123456789"), "0999"));

        DialOutcome outcome = leg.awaitAnswer(WAIT);

        assertThat(outcome).isInstanceOf(DialOutcome.Refused.class);
        assertThat(((DialOutcome.Refused) outcome).status()).isEqualTo(407);
        assertReleased();
    }
}
