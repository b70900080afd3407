package fr.accueil.telephony.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The baresip harness against SIPp UAS peers. */
class BaresipTest {

    private static final Duration BOUND = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    @Test
    void hearsSippsAudioSendsDigitsAndHandlesItsBye() {
        try (Sipp.Running uas = Sipp.scenarioResource("/sipp/uas-play-audio-bye.xml").calls(1).timeout(BOUND)
                .workDir(dir.resolve("sipp")).captureRtp().start()) {
            Baresip.Result call = Baresip.dial("sip:3939@127.0.0.1:" + uas.sipAddress().getPort())
                    .press(Duration.ofMillis(500), '4')
                    .press(Duration.ofMillis(300), '2')
                    .maxDuration(Duration.ofSeconds(20))
                    .workDir(dir.resolve("baresip"))
                    .run();

            assertThat(call.established()).as(call.toString()).isTrue();
            assertThat(call.digitsSent()).as(call.toString()).isEqualTo("42");
            assertThat(call.remoteHangup()).as(call.toString()).isTrue();
            assertThat(call.exit().killed()).as(call.toString()).isFalse();
            assertThat(call.heard().durationSeconds()).as(call.toString()).isGreaterThan(1.5);
            assertThat(call.heard().isSilent()).as(call.toString()).isFalse();

            Sipp.Result sipp = uas.await(BOUND);
            assertThat(sipp.allCallsSucceeded()).as(sipp.describe()).isTrue();
            RtpCapture.Result toSipp = sipp.rtp().orElseThrow();
            assertThat(toSipp.digits()).as(sipp.describe()).isEqualTo("42"); // RFC 4733 on the wire
            assertThat(toSipp.audioIsSilent()).isFalse(); // baresip's 440 Hz microphone
        }
    }

    @Test
    void hangsUpItselfWhenAsked() {
        try (Sipp.Running uas = Sipp.builtin("uas").calls(1).timeout(BOUND).workDir(dir.resolve("sipp")).start()) {
            Baresip.Result call = Baresip.dial("sip:3939@127.0.0.1:" + uas.sipAddress().getPort())
                    .press(Duration.ofMillis(300), '1')
                    .hangUpAfter(Duration.ofMillis(500))
                    .maxDuration(Duration.ofSeconds(20))
                    .workDir(dir.resolve("baresip"))
                    .run();

            assertThat(call.established()).as(call.toString()).isTrue();
            assertThat(call.remoteHangup()).isFalse();
            assertThat(call.exit().killed()).as(call.toString()).isFalse();
            assertThat(call.heard().isSilent()).isTrue(); // sipp -sn uas sends no audio
            Sipp.Result sipp = uas.await(BOUND);
            assertThat(sipp.allCallsSucceeded()).as(sipp.describe()).isTrue(); // it got baresip's BYE
        }
    }

    @Test
    void reportsACallThatIsNeverAnswered() {
        try (Sipp.Running uas = Sipp.scenarioResource("/sipp/uas-reject-488.xml").calls(1).timeout(BOUND)
                .workDir(dir.resolve("sipp")).start()) {
            Baresip.Result call = Baresip.dial("sip:3939@127.0.0.1:" + uas.sipAddress().getPort())
                    .maxDuration(Duration.ofSeconds(5))
                    .workDir(dir.resolve("baresip"))
                    .run();

            assertThat(call.established()).isFalse();
            assertThat(call.digitsSent()).isEmpty();
            assertThat(call.log()).contains("488");
        }
    }
}
