package fr.accueil.server.calls;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.telephony.testing.CallOptions;
import fr.accueil.telephony.testing.Dialog;
import fr.accueil.telephony.testing.SdpCodec;
import fr.accueil.telephony.testing.TestPhone;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Calls placed by the independent Java test phone (its own SIP and RTP code) into the running platform. */
class PhoneCallEndToEndTest extends EndToEndTestBase {
    private TestPhone phone;

    @BeforeEach
    void phone() {
        phone = TestPhone.udp(sipAddress());
    }

    @AfterEach
    void close() {
        phone.close();
    }

    @Test
    void aCallerNavigatesTheMenuWithRfc4733HearsThePromptsAndTheContactKeepsThePath() throws Exception {
        Dialog call = phone.call("demo", CallOptions.defaults().withCaller("0611000001"));
        assertThat(call.status()).isEqualTo(200);
        call.rtp().awaitPackets(50, Duration.ofSeconds(5));
        call.sendDtmf('2');
        Thread.sleep(1500);
        call.sendDtmf('1');
        call.awaitRemoteBye(Duration.ofSeconds(30));

        assertThat(call.rtp().stats().heardNonSilentAudio()).as("the caller heard the prompts").isTrue();
        JsonNode contact = endedContactOf("0611000001");
        assertThat(contact.get("service").asString()).isEqualTo("essai");
        assertThat(contact.get("administration").asString()).isEqualTo("prefecture-exemple");
        assertThat(contact.get("dialled").asString()).isEqualTo("+33199000999");
        assertThat(contact.get("outcome").asString()).isEqualTo("SELF_SERVICE_COMPLETED");
        assertThat(path(contact)).containsExactly("received", "menu:main", "key:2", "menu:sous-menu", "key:1",
                "message:demo/essai/sous-info", "ended:COMPLETED/SYSTEM");
    }

    @Test
    void digitsSentAsSipInfoNavigateToo() throws Exception {
        Dialog call = phone.call("demo", CallOptions.defaults().withCaller("0611000002"));
        assertThat(call.status()).isEqualTo(200);
        assertThat(call.sendDtmfInfo('2').status()).isEqualTo(200);
        Thread.sleep(500);
        assertThat(call.sendDtmfInfo('1').status()).isEqualTo(200);
        call.awaitRemoteBye(Duration.ofSeconds(30));

        assertThat(path(endedContactOf("0611000002"))).contains("key:2", "menu:sous-menu", "key:1", "message:demo/essai/sous-info");
    }

    @Test
    void aCallerWhoHangsUpDuringTheMenuAbandonedInTheIvr() throws Exception {
        Dialog call = phone.call("3999", CallOptions.defaults().withCaller("0611000003"));
        assertThat(call.status()).isEqualTo(200);
        call.rtp().awaitPackets(25, Duration.ofSeconds(5));
        assertThat(call.bye().status()).isEqualTo(200);

        JsonNode contact = endedContactOf("0611000003");
        assertThat(contact.get("dialled").asString()).as("the short number reaches the same service").isEqualTo("3999");
        assertThat(contact.get("outcome").asString()).isEqualTo("ABANDONED_IN_IVR");
        assertThat(path(contact).getLast()).isEqualTo("ended:HANG_UP/CALLER");
    }

    @Test
    void outsideOpeningHoursTheCallerHearsTheClosedMessageAndIsHungUp() throws Exception {
        Dialog call = phone.call("ferme", CallOptions.defaults().withCaller("0611000004"));
        assertThat(call.status()).isEqualTo(200);
        call.awaitRemoteBye(Duration.ofSeconds(30));

        assertThat(call.rtp().stats().heardNonSilentAudio()).isTrue();
        JsonNode contact = endedContactOf("0611000004");
        assertThat(contact.get("outcome").asString()).isEqualTo("CLOSED_HOURS");
        assertThat(path(contact)).containsExactly("received", "message:demo/essai/ferme", "ended:CLOSED/SYSTEM");
    }

    @Test
    void anUnknownNumberIsRefusedWith404AndLeavesNoContact() throws Exception {
        Dialog call = phone.call("0100000000", CallOptions.defaults().withCaller("0611000005"));
        assertThat(call.status()).isEqualTo(404);
        Thread.sleep(300);
        assertThat(contactsOf(pseudonym.of("0611000005"))).isEmpty();
    }

    @Test
    void anOfferWithoutG711IsRefusedWith488() throws Exception {
        Dialog call = phone.call("demo", CallOptions.defaults().withCaller("0611000006").withCodecs(SdpCodec.G729));
        assertThat(call.status()).isEqualTo(488);
    }
}
