package fr.accueil.telephony.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TestPhone against SIPp as the far end: the peer must speak SIP the way a real UAS expects. */
class TestPhoneTest {

    private static final Duration SIPP_BOUND = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void callsSippUasAndHangsUp() {
        try (Sipp.Running uas = Sipp.builtin("uas").calls(1).timeout(SIPP_BOUND).workDir(dir).start();
             TestPhone phone = TestPhone.udp(uas.sipAddress())) {
            Dialog call = phone.call("3939");

            assertThat(call.status()).as(call.transcript().toString()).isEqualTo(200);
            assertThat(call.provisionals()).extracting(SipMessage::status).contains(180);
            assertThat(call.remoteSdp().port()).isEqualTo(uas.mediaPort());
            assertThat(call.bye().status()).isEqualTo(200);
            assertThat(call.state()).isEqualTo(Dialog.State.TERMINATED);

            Sipp.Result result = uas.await(SIPP_BOUND);
            assertThat(result.allCallsSucceeded()).as(result.describe()).isTrue();
            assertThat(result.successfulCalls()).as(result.describe()).isEqualTo(1);
            assertThat(phone.problems()).isEmpty();
        }
    }

    @Test
    void hearsTheAudioSippPlaysAndAnswersItsBye() {
        try (Sipp.Running uas = Sipp.scenarioResource("/sipp/uas-play-audio-bye.xml").calls(1).timeout(SIPP_BOUND)
                .workDir(dir).captureRtp().start();
             TestPhone phone = TestPhone.udp(uas.sipAddress())) {
            Dialog call = phone.call("3939");
            assertThat(call.status()).isEqualTo(200);

            SipMessage bye = call.awaitRemoteBye(Duration.ofSeconds(20));
            assertThat(bye.method()).isEqualTo("BYE");
            RtpStats heard = call.rtp().stats();
            call.rtp().saveHeardAudio(dir.resolve("heard.wav"));

            assertThat(heard.audioPackets()).as(heard.toString()).isGreaterThan(50);
            assertThat(heard.packetsByPayloadType()).containsOnlyKeys(8);
            assertThat(heard.heardNonSilentAudio()).as(heard.toString()).isTrue();
            assertThat(WavAnalysis.read(dir.resolve("heard.wav")).isSilent()).isFalse();
            assertThat(heard.lostPackets()).isZero();

            Sipp.Result result = uas.await(SIPP_BOUND);
            assertThat(result.allCallsSucceeded()).as(result.describe()).isTrue();
            // SIPp received our 20 ms silence stream on its media port (symmetric RTP latch material).
            RtpCapture.Result toSipp = result.rtp().orElseThrow();
            assertThat(toSipp.audioPackets()).as(result.describe()).isGreaterThan(50);
            assertThat(toSipp.audioIsSilent()).isTrue();
        }
    }

    @Test
    void sendsToneWhenAskedSoThePeerHearsNonSilence() {
        try (Sipp.Running uas = Sipp.builtin("uas").calls(1).timeout(SIPP_BOUND).workDir(dir).captureRtp().start();
             TestPhone phone = TestPhone.udp(uas.sipAddress())) {
            Dialog call = phone.call("3939", CallOptions.defaults().withTone(440));
            assertThat(call.status()).isEqualTo(200);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (call.rtp().sentPackets() < 50 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(call.bye().status()).isEqualTo(200);
            RtpCapture.Result captured = uas.await(SIPP_BOUND).rtp().orElseThrow();
            assertThat(captured.packetsByPayloadType()).containsOnlyKeys(0); // sipp -sn uas answers PCMU first
            assertThat(captured.audioIsSilent()).isFalse();
            assertThat(captured.audio().rms()).isBetween(4000.0, 7000.0); // 8000-peak sine: 5657 RMS
        }
    }

    @Test
    void dtmfLeavesExactlyLikeSippsCapturesAndInfoHoldResumeWork() {
        try (Sipp.Running uas = Sipp.scenarioResource("/sipp/uas-hold-info-bye.xml").calls(1).timeout(SIPP_BOUND)
                .workDir(dir).captureRtp().start();
             TestPhone phone = TestPhone.udp(uas.sipAddress())) {
            Dialog call = phone.call("3939");
            assertThat(call.status()).isEqualTo(200);
            call.sendDtmf("12#");

            assertThat(call.reInvite("sendonly").status()).isEqualTo(200);
            assertThat(call.remoteSdp().direction()).isEqualTo("recvonly");
            assertThat(call.sendDtmfInfo('5').status()).isEqualTo(200);
            assertThat(call.reInvite("sendrecv").status()).isEqualTo(200);
            assertThat(call.bye().status()).isEqualTo(200);

            Sipp.Result result = uas.await(SIPP_BOUND);
            assertThat(result.allCallsSucceeded()).as(result.describe()).isTrue();
            RtpCapture.Result captured = result.rtp().orElseThrow();
            assertThat(captured.digits()).isEqualTo("12#");
            assertThat(captured.packetsByPayloadType()).containsKey(0); // PCMU, the answer's choice
            assertRfc4733Shape(captured.events());
        }
    }

    /** 10 packets per digit: marker first, durations 0..1920 step 320, then three identical end packets. */
    private static void assertRfc4733Shape(List<RtpStats.RtpEvent> events) {
        assertThat(events).hasSize(30);
        List<Long> timestamps = new ArrayList<>();
        for (int d = 0; d < 3; d++) {
            List<RtpStats.RtpEvent> digit = events.subList(d * 10, d * 10 + 10);
            long ts = digit.getFirst().timestamp();
            timestamps.add(ts);
            assertThat(digit).allMatch(e -> e.timestamp() == ts && e.volume() == 10);
            assertThat(digit.getFirst().marker()).isTrue();
            for (int i = 0; i < 7; i++) {
                assertThat(digit.get(i).end()).isFalse();
                assertThat(digit.get(i).duration()).isEqualTo(i * 320);
                if (i > 0) {
                    assertThat(digit.get(i).marker()).isFalse();
                    assertThat(digit.get(i).sequence()).isEqualTo((digit.get(i - 1).sequence() + 1) & 0xFFFF);
                }
            }
            for (int i = 7; i < 10; i++) {
                assertThat(digit.get(i).end()).isTrue();
                assertThat(digit.get(i).duration()).isEqualTo(2240);
                assertThat(digit.get(i).sequence()).isEqualTo((digit.get(6).sequence() + 1) & 0xFFFF);
            }
        }
        assertThat(timestamps).doesNotHaveDuplicates();
    }

    @Test
    void rejectedCallIsAcknowledgedOnItsOwnBranch() {
        try (Sipp.Running uas = Sipp.scenarioResource("/sipp/uas-reject-488.xml").calls(1).timeout(SIPP_BOUND)
                .workDir(dir).start();
             TestPhone phone = TestPhone.udp(uas.sipAddress())) {
            Dialog call = phone.call("3939", CallOptions.defaults().withCodecs(SdpCodec.G729));

            assertThat(call.status()).isEqualTo(488);
            assertThat(call.state()).isEqualTo(Dialog.State.FAILED);
            Sipp.Result result = uas.await(SIPP_BOUND);
            assertThat(result.allCallsSucceeded()).as(result.describe()).isTrue(); // SIPp got the ACK
        }
    }

    @Test
    void cancelsARingingCall() {
        try (Sipp.Running uas = Sipp.scenarioResource("/sipp/uas-ring-cancel.xml").calls(1).timeout(SIPP_BOUND)
                .workDir(dir).start();
             TestPhone phone = TestPhone.udp(uas.sipAddress())) {
            Dialog call = phone.dial("3939", CallOptions.defaults());
            assertThat(call.awaitProvisional(Duration.ofSeconds(10)).status()).isEqualTo(180);
            assertThat(call.state()).isEqualTo(Dialog.State.EARLY);

            assertThat(call.cancel().status()).isEqualTo(200);
            assertThat(call.awaitFinal(Duration.ofSeconds(10)).status()).isEqualTo(487);
            Sipp.Result result = uas.await(SIPP_BOUND);
            assertThat(result.allCallsSucceeded()).as(result.describe()).isTrue();
        }
    }

    @Test
    void answersOptionsAndReferFromTheFarEndThenItsBye() {
        try (Sipp.Running uas = Sipp.scenarioResource("/sipp/uas-refer.xml").calls(1).timeout(SIPP_BOUND)
                .workDir(dir).start();
             TestPhone phone = TestPhone.udp(uas.sipAddress())) {
            Dialog call = phone.call("3939");
            assertThat(call.status()).isEqualTo(200);

            call.awaitRemoteBye(Duration.ofSeconds(20));
            assertThat(call.referTargets()).containsExactly("<sip:3939@127.0.0.1>");
            assertThat(call.receivedRequests()).extracting(SipMessage::method).containsExactly("OPTIONS", "REFER", "BYE");
            Sipp.Result result = uas.await(SIPP_BOUND);
            assertThat(result.allCallsSucceeded()).as(result.describe()).isTrue();
        }
    }

    @Test
    void unansweredInviteIsRetransmittedAndTimesOutWith408() throws Exception {
        // A bound socket that never answers: the INVITE must be sent at 0, 0.5, 1.5, 3.5 … s (timer A).
        try (var silent = new java.net.DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             TestPhone phone = TestPhone.udp((InetSocketAddress) silent.getLocalSocketAddress())) {
            silent.setSoTimeout(5000);
            Dialog call = phone.dial("3939", CallOptions.defaults());
            List<String> branches = new ArrayList<>();
            long start = System.nanoTime();
            var packet = new java.net.DatagramPacket(new byte[65535], 65535);
            for (int i = 0; i < 4; i++) {
                silent.receive(packet);
                SipMessage invite = SipMessage.parse(packet.getData(), packet.getLength());
                assertThat(invite.method()).isEqualTo("INVITE");
                branches.add(invite.topViaBranch());
            }
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(branches).containsOnly(branches.getFirst()); // retransmissions, not new transactions
            assertThat(elapsedMs).isGreaterThanOrEqualTo(3000); // 0.5 + 1 + 2 s of timer A at least
            assertThat(call.isTerminated()).isFalse();
        }
    }

    @Test
    void manyConcurrentCallsShareOneSocket() throws Exception {
        int calls = 60;
        try (Sipp.Running uas = Sipp.builtin("uas").calls(calls).timeout(SIPP_BOUND).workDir(dir).start();
             TestPhone phone = TestPhone.udp(uas.sipAddress());
             var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                results.add(executor.submit(() -> {
                    Dialog call = phone.call("3939");
                    if (call.status() != 200) {
                        return call.status();
                    }
                    Thread.sleep(300); // keep the calls overlapping, RTP flowing
                    return call.bye().status();
                }));
            }
            for (var r : results) {
                assertThat(r.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(200);
            }
            assertThat(phone.activeDialogs()).isZero();
            Sipp.Result result = uas.await(SIPP_BOUND);
            assertThat(result.successfulCalls()).as(result.describe()).isEqualTo(calls);
            assertThat(phone.problems()).isEmpty();
        }
    }

    @Test
    void refusesToUseADialogThatFailed() {
        try (Sipp.Running uas = Sipp.scenarioResource("/sipp/uas-reject-488.xml").calls(1).timeout(SIPP_BOUND)
                .workDir(dir).start();
             TestPhone phone = TestPhone.udp(uas.sipAddress())) {
            Dialog call = phone.call("3939");
            assertThat(call.status()).isEqualTo(488);
            org.assertj.core.api.Assertions.assertThatThrownBy(call::bye)
                    .isInstanceOf(TestPhoneException.class).hasMessageContaining("FAILED");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> call.sendDtmf('1'))
                    .isInstanceOf(TestPhoneException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> call.awaitRemoteBye(Duration.ofMillis(200)))
                    .isInstanceOf(TestPhoneException.class).hasMessageContaining("INVITE"); // transcript included
        }
    }

    @Test
    void callsOverTcpAndHearsNothingAmissOnTheStream() {
        try (Sipp.Running uas = Sipp.scenarioResource("/sipp/uas-refer.xml").transport("t1").calls(1).timeout(SIPP_BOUND)
                .workDir(dir).start();
             TestPhone phone = TestPhone.tcp(uas.sipAddress())) {
            Dialog call = phone.call("3939");
            assertThat(call.status()).as(call.transcript().toString()).isEqualTo(200);

            call.awaitRemoteBye(Duration.ofSeconds(20));
            assertThat(call.receivedRequests()).extracting(SipMessage::method).containsExactly("OPTIONS", "REFER", "BYE");
            assertThat(call.receivedRequests().getFirst().required("Via")).contains("SIP/2.0/TCP");
            Sipp.Result result = uas.await(SIPP_BOUND);
            assertThat(result.allCallsSucceeded()).as(result.describe()).isTrue();
            // SIPp closes the connection when it exits after the call; nothing else may have gone wrong.
            assertThat(phone.problems()).containsExactly("TCP connection closed by the server");
        }
    }

    @Test
    void tcpPhoneFailsClearlyWhenNobodyListens() {
        int port = FreePorts.udpAndTcp();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestPhone.tcp(new InetSocketAddress("127.0.0.1", port)))
                .hasMessageContaining("cannot open TCP");
    }
}
