package fr.accueil.server.calls;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.telephony.testing.Baresip;
import fr.accueil.telephony.testing.IvrScenario;
import fr.accueil.telephony.testing.RtpCapture;
import fr.accueil.telephony.testing.Sipp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Interoperability with real third-party peers: SIPp (sip-tester) running bench/sipp/ivr-call.xml
 * with RFC 4733 digits replayed from its own captures, and the baresip softphone. Audio received by
 * SIPp is checked on a loopback capture of its media port; baresip records what it heard.
 */
class PeerInteropEndToEndTest extends EndToEndTestBase {
    private static final Path IVR_CALL = Path.of("../bench/sipp/ivr-call.xml");
    private static final String SUB_MENU_PATH_END = "message:demo/essai/sous-info";

    @TempDir
    Path work;

    @Test
    void sippNavigatesTheMenuWithRfc4733ReceivesAudioAndTheContactRecordsThePath() throws Exception {
        String caller = "0644000001";
        Path scenario = IvrScenario.withDigits(IVR_CALL, "21", work.resolve("ivr-21.xml"));
        Files.writeString(scenario, Files.readString(scenario).replace("sip:0612345678@", "sip:" + caller + "@"));

        Sipp.Result result = Sipp.scenario(scenario).target(sipAddress()).service("demo").calls(1)
                .captureRtp().timeout(Duration.ofSeconds(40)).workDir(work.resolve("sipp")).run();

        assertThat(result.allCallsSucceeded()).as(result.describe()).isTrue();
        RtpCapture.Result rtp = result.rtp().orElseThrow();
        assertThat(rtp.audioPackets()).as("RTP audio packets SIPp received").isGreaterThan(100);
        assertThat(rtp.audioIsSilent()).as("SIPp heard the prompts, not silence").isFalse();

        JsonNode contact = endedContactOf(caller);
        assertThat(contact.get("outcome").asString()).isEqualTo("SELF_SERVICE_COMPLETED");
        // The scenario's last wait may end before the goodbye does: either side may hang up last.
        assertThat(path(contact)).startsWith("received", "menu:main", "key:2", "menu:sous-menu", "key:1", SUB_MENU_PATH_END)
                .hasSize(7).last().isIn("ended:COMPLETED/SYSTEM", "ended:HANG_UP/CALLER");
    }

    @Test
    void theBaresipSoftphoneNavigatesTheMenuAndHearsThePrompts() throws Exception {
        Baresip.Result result = Baresip.dial("sip:demo@127.0.0.1:" + sip.port())
                .press(Duration.ofSeconds(2), '2')
                .press(Duration.ofSeconds(2), '1')
                .maxDuration(Duration.ofSeconds(40))
                .workDir(work.resolve("baresip"))
                .build().run();

        assertThat(result.established()).as(result.toString()).isTrue();
        assertThat(result.digitsSent()).isEqualTo("21");
        assertThat(result.remoteHangup()).as("the IVR hung up after the message: " + result).isTrue();
        assertThat(result.heard().isSilent()).as("baresip heard the prompts: " + result).isFalse();

        // baresip presents itself as sip:test@127.0.0.1 (its throw-away account).
        JsonNode contact = endedContactOf("test");
        assertThat(contact.get("outcome").asString()).isEqualTo("SELF_SERVICE_COMPLETED");
        assertThat(path(contact)).containsExactly("received", "menu:main", "key:2", "menu:sous-menu", "key:1",
                SUB_MENU_PATH_END, "ended:COMPLETED/SYSTEM");
    }
}
