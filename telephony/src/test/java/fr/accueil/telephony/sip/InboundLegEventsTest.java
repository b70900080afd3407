package fr.accueil.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.telephony.call.Call;
import fr.accueil.telephony.call.EndCause;
import fr.accueil.telephony.media.MediaEngine;
import fr.accueil.telephony.media.MediaSettings;
import fr.accueil.telephony.testing.Dialog;
import fr.accueil.telephony.testing.SipMessage;
import fr.accueil.telephony.testing.TestPhone;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an inbound caller does to its answered call reaches the call's {@link fr.accueil.telephony.call.LegListener}s
 * as it does for outbound legs: hold/unhold re-INVITEs and REFER (accepted with 202 + NOTIFY, or 603).
 */
class InboundLegEventsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ScriptedHandler handler = new ScriptedHandler();
    private final SipOutboundCallTest.RecordingListener listener = new SipOutboundCallTest.RecordingListener();
    private final CountDownLatch release = new CountDownLatch(1);
    private MediaEngine media;
    private SipEndpoint endpoint;
    private TestPhone phone;

    @BeforeEach
    void start() throws Exception {
        // 10000-19999: below the production RTP range (20000-29999) that servers and benchmarks running
        // on the same machine use, and below the ephemeral ports where SIP sockets land.
        int base = 2 * ThreadLocalRandom.current().nextInt(5_000, 9_950);
        media = new MediaEngine(new MediaSettings(InetAddress.getLoopbackAddress(), "127.0.0.1", base, base + 19, 2));
        handler.script = call -> {
            call.listen(listener);
            call.answer();
            release.await(20, TimeUnit.SECONDS);
        };
        endpoint = new SipEndpoint(SipSettings.defaults("127.0.0.1", 0), media, handler, Clock.systemUTC());
        endpoint.start();
        phone = TestPhone.udp(new InetSocketAddress("127.0.0.1", endpoint.port()));
    }

    @AfterEach
    void stop() {
        release.countDown();
        phone.close();
        endpoint.close();
        media.close();
    }

    @Test
    void holdAndResumeAreNotifiedOnce() throws Exception {
        Dialog dialog = phone.call("3939");
        assertThat(dialog.status()).isEqualTo(200);

        assertThat(dialog.reInvite("inactive").status()).isEqualTo(200);
        assertThat(dialog.reInvite("inactive").status()).isEqualTo(200); // still held: no second notification
        assertThat(dialog.reInvite("sendrecv").status()).isEqualTo(200);

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (listener.holds.size() < 2 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        TimeUnit.MILLISECONDS.sleep(100);
        assertThat(listener.holds).containsExactly(true, false);
    }

    @Test
    void referAcceptedIs202AndNotify() throws Exception {
        listener.acceptTransfers = true;
        Dialog dialog = phone.call("3939");
        assertThat(dialog.status()).isEqualTo(200);

        assertThat(dialog.refer("sip:3001@127.0.0.1").status()).isEqualTo(202);

        SipMessage notify = dialog.awaitRequest("NOTIFY", WAIT);
        assertThat(notify.required("Event")).startsWith("refer");
        assertThat(notify.required("Subscription-State")).startsWith("terminated");
        assertThat(notify.bodyText()).startsWith("SIP/2.0 200 OK");
        assertThat(listener.referTargets).containsExactly("sip:3001@127.0.0.1");
        assertThat(dialog.bye().status()).isEqualTo(200);
        assertThat(listener.ended.get(5, TimeUnit.SECONDS)).isEqualTo(EndCause.REMOTE_BYE);
    }

    @Test
    void referRefusedIs603AndTheCallGoesOn() throws Exception {
        Dialog dialog = phone.call("3939");
        assertThat(dialog.status()).isEqualTo(200);

        assertThat(dialog.refer("sip:3001@127.0.0.1").status()).isEqualTo(603);

        Call call = handler.nextCall();
        assertThat(call.endCause()).isEmpty();
        assertThat(dialog.receivedRequests()).noneMatch(r -> r.method().equals("NOTIFY"));
    }

    @Test
    void referOutsideADialogIs405() throws Exception {
        try (RawSipClient raw = RawSipClient.udp(endpoint.port())) {
            UacCall stray = raw.newCall("3939");
            stray.sendRequest("REFER", null, "Refer-To: <sip:3001@127.0.0.1>\r\n");
            RawSipMessage response = raw.awaitFinal(stray.callId, "REFER");
            assertThat(response.status()).isEqualTo(405);
        }
        assertThat(handler.calls).isEmpty();
    }
}
