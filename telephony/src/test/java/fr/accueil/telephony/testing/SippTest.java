package fr.accueil.telephony.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SIPp runner, and the bench IVR scenarios played against SIPp UAS peers. */
class SippTest {

    private static final Duration BOUND = Duration.ofSeconds(40);
    static final Path IVR_CALL = Path.of("../bench/sipp/ivr-call.xml");
    static final Path IVR_LOAD = Path.of("../bench/sipp/ivr-load.xml");

    @TempDir
    Path dir;

    @Test
    void countsSuccessfulCallsOfAUacAgainstAUas() {
        try (Sipp.Running uas = Sipp.builtin("uas").calls(5).timeout(BOUND).workDir(dir.resolve("uas")).start()) {
            Sipp.Result uac = Sipp.builtin("uac").target(uas.sipAddress()).calls(5).rate(10).limit(5)
                    .timeout(BOUND).workDir(dir.resolve("uac")).run();

            assertThat(uac.exitCode()).as(uac.describe()).isZero();
            assertThat(uac.successfulCalls()).as(uac.describe()).isEqualTo(5);
            assertThat(uac.failedCalls()).isZero();
            assertThat(uac.allCallsSucceeded()).isTrue();
            assertThat(uac.screen()).contains("Successful call");
            Sipp.Result server = uas.await(BOUND);
            assertThat(server.successfulCalls()).as(server.describe()).isEqualTo(5);
        }
    }

    @Test
    void reportsFailedCallsWithExitCodeOne() {
        try (Sipp.Running uas = Sipp.scenarioResource("/sipp/uas-reject-488.xml").calls(1).timeout(BOUND)
                .workDir(dir.resolve("uas")).start()) {
            Sipp.Result uac = Sipp.builtin("uac").target(uas.sipAddress()).calls(1).timeout(BOUND)
                    .workDir(dir.resolve("uac")).run();

            assertThat(uac.exitCode()).as(uac.describe()).isEqualTo(1);
            assertThat(uac.failedCalls()).isEqualTo(1);
            assertThat(uac.successfulCalls()).isZero();
            assertThat(uac.allCallsSucceeded()).isFalse();
            assertThat(uac.describe()).contains("failed 1").contains("sipp -sn uac");
        }
    }

    @Test
    void killsSippWhenItOutlivesItsBound() throws Exception {
        try (DatagramSocket blackHole = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Sipp.Running uac = Sipp.builtin("uac").target((InetSocketAddress) blackHole.getLocalSocketAddress())
                    .calls(1).timeout(Duration.ofSeconds(120)).workDir(dir).start();
            long pid = uac.process().pid();
            Sipp.Result result = uac.await(Duration.ofSeconds(2));

            assertThat(result.killed()).isTrue();
            assertThat(result.exitCode()).isEqualTo(-1);
            assertThat(result.describe()).contains("KILLED");
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }

    @Test
    void refusesAMissingScenarioAndReportsBadArguments() {
        assertThatThrownBy(() -> Sipp.scenario(dir.resolve("nope.xml"))).hasMessageContaining("no SIPp scenario");
        Sipp.Result result = Sipp.builtin("uas").arg("-no_such_option").timeout(Duration.ofSeconds(5)).workDir(dir).run();
        assertThat(result.exitCode()).as(result.describe()).isNotZero();
        assertThat(result.allCallsSucceeded()).isFalse();
    }

    @Test
    void ivrCallPressesItsDigitAndHangsUpItself() {
        assertThat(IVR_CALL).exists();
        try (Sipp.Running ivr = Sipp.builtin("uas").calls(1).timeout(BOUND).workDir(dir.resolve("uas")).start();
             RtpCapture toIvr = RtpCapture.start(ivr.mediaPort(), dir)) {
            Sipp.Result caller = Sipp.scenario(IVR_CALL).target(ivr.sipAddress()).service("3939").calls(1)
                    .timeout(BOUND).workDir(dir.resolve("uac")).run();

            assertThat(caller.allCallsSucceeded()).as(caller.describe()).isTrue();
            assertThat(caller.successfulCalls()).isEqualTo(1);
            assertThat(ivr.await(BOUND).allCallsSucceeded()).isTrue();
            RtpCapture.Result dtmf = toIvr.stop();
            assertThat(dtmf.digits()).as(dtmf.toString()).isEqualTo("1");
            assertThat(dtmf.events()).hasSize(10);
        }
    }

    @Test
    void ivrCallEndsCleanlyWhenTheIvrHangsUpAndItsAudioIsCaptured() {
        try (Sipp.Running ivr = Sipp.scenarioResource("/sipp/uas-play-audio-bye.xml").calls(1).timeout(BOUND)
                .workDir(dir.resolve("uas")).start()) {
            Sipp.Result caller = Sipp.scenario(IVR_CALL).target(ivr.sipAddress()).service("3939").calls(1)
                    .timeout(BOUND).captureRtp().workDir(dir.resolve("uac")).run();

            assertThat(caller.allCallsSucceeded()).as(caller.describe()).isTrue();
            assertThat(ivr.await(BOUND).allCallsSucceeded()).isTrue(); // its BYE got our 200
            RtpCapture.Result heard = caller.rtp().orElseThrow();
            assertThat(heard.audioPackets()).as(caller.describe()).isGreaterThan(50);
            assertThat(heard.audioIsSilent()).isFalse();
        }
    }

    @Test
    void derivedScenarioPressesSeveralDigitsInOrder() {
        Path scenario = IvrScenario.withDigits(IVR_CALL, "2#", dir.resolve("ivr-2-pound.xml"));
        try (Sipp.Running ivr = Sipp.builtin("uas").calls(1).timeout(BOUND).workDir(dir.resolve("uas")).start();
             RtpCapture toIvr = RtpCapture.start(ivr.mediaPort(), dir)) {
            Sipp.Result caller = Sipp.scenario(scenario).target(ivr.sipAddress()).service("3939").calls(1)
                    .timeout(BOUND).workDir(dir.resolve("uac")).run();

            assertThat(caller.allCallsSucceeded()).as(caller.describe()).isTrue();
            assertThat(toIvr.stop().digits()).isEqualTo("2#");
        }
        assertThatThrownBy(() -> IvrScenario.withDigits(IVR_CALL, "11", dir.resolve("x.xml")))
                .hasMessageContaining("same digit twice");
    }

    @Test
    void loadScenarioRunsSeveralCallsAtALowRate() {
        assertThat(Files.exists(IVR_LOAD)).isTrue();
        try (Sipp.Running ivr = Sipp.builtin("uas").calls(6).timeout(BOUND).workDir(dir.resolve("uas")).start()) {
            Sipp.Result caller = Sipp.scenario(IVR_LOAD).target(ivr.sipAddress()).service("3939").calls(6).rate(3)
                    .limit(10).timeout(BOUND).workDir(dir.resolve("uac")).run();

            assertThat(caller.allCallsSucceeded()).as(caller.describe()).isTrue();
            assertThat(caller.successfulCalls()).isEqualTo(6);
        }
    }

    @Test
    void loadScriptRunsAtALowRateAndSummarises() throws Exception {
        try (Sipp.Running ivr = Sipp.builtin("uas").timeout(BOUND).workDir(dir.resolve("uas")).start()) {
            Path out = dir.resolve("load");
            Process script = new ProcessBuilder("bash", "../bench/ivr-load.sh", "--port",
                    Integer.toString(ivr.sipAddress().getPort()), "--rate", "4", "--duration", "2", "--out", out.toString())
                    .redirectErrorStream(true).start();
            try {
                boolean done = script.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
                String output = new String(script.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(done).as(output).isTrue();
                assertThat(script.exitValue()).as(output).isZero();
                assertThat(output).contains("created 8, successful 8, failed 0; sipp exit code 0")
                        .contains("cpu: server pid " + ivr.process().pid())
                        .containsPattern("cpu: machine \\d+% busy");
                assertThat(out.resolve("stat.csv")).exists();
            } finally {
                script.descendants().forEach(ProcessHandle::destroyForcibly);
                script.destroyForcibly();
            }
        }
    }

    @Test
    void loadScriptRefusesANonLoopbackTarget() throws Exception {
        Process script = new ProcessBuilder("bash", "../bench/ivr-load.sh", "--host", "192.0.2.1")
                .redirectErrorStream(true).start();
        try {
            assertThat(script.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(script.exitValue()).isEqualTo(2);
            assertThat(new String(script.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("refusing non-loopback host");
        } finally {
            script.destroyForcibly();
        }
    }
}
