package fr.accueil.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.telephony.call.Call;
import fr.accueil.telephony.registrar.Registrar;
import fr.accueil.telephony.registrar.RegistrarSettings;
import fr.accueil.telephony.registrar.Registrations;
import fr.accueil.telephony.registrar.StoredCredentials;
import fr.accueil.telephony.testing.CallOptions;
import fr.accueil.telephony.testing.Dialog;
import fr.accueil.telephony.testing.SipMessage;
import fr.accueil.telephony.testing.TestPhone;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * INVITEs to feature codes ({@code *…}) act on an agent's account: they reach the call handler only
 * with the digest credentials of a registrar account (407 challenge, 403 on wrong ones, the REGISTER
 * failure limit), and the handler learns which account it was. A From header naming an agent proves
 * nothing. Ordinary numbers need no credentials.
 */
class FeatureCodeAuthenticationTest {
    private static final String REALM = "accueil.test";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final FakeMediaFactory media = new FakeMediaFactory();
    private final ScriptedHandler handler = new ScriptedHandler();
    private SipEndpoint endpoint;
    private TestPhone phone;

    @BeforeEach
    void start() throws Exception {
        handler.script = call -> {
            call.answer();
            call.nextDigit(Duration.ofSeconds(5));
        };
        StoredCredentials agent = StoredCredentials.fromPassword("agent1", REALM, "secret-agent1");
        Registrar registrar = new Registrar(RegistrarSettings.defaults(REALM),
                (username, realm) -> "agent1".equals(username) ? Optional.of(agent) : Optional.empty(),
                new Registrations(), Clock.systemUTC());
        endpoint = new SipEndpoint(SipSettings.defaults("127.0.0.1", 0), media, handler, Clock.systemUTC(), registrar);
        endpoint.start();
        phone = TestPhone.udp(new InetSocketAddress("127.0.0.1", endpoint.port()));
    }

    @AfterEach
    void stop() {
        phone.close();
        endpoint.close();
    }

    @Test
    void agentWithRightCredentialsReachesTheHandlerAsItself() throws Exception {
        Dialog dialog = phone.call("*50", CallOptions.defaults().withCaller("agent1").withCredentials("agent1", "secret-agent1"));

        assertThat(dialog.status()).as(dialog.transcript().toString()).isEqualTo(200);
        Call call = handler.nextCall();
        assertThat(call.info().requestUser()).isEqualTo("*50");
        assertThat(call.info().authenticatedUser()).hasValue("agent1");
        assertThat(dialog.transcript()).anyMatch(line -> line.contains("407"));
        long before = System.nanoTime();
        assertThat(dialog.bye().status()).as(dialog.transcript().toString()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(2)); // ACK and BYE matched the new dialog
    }

    @Test
    void spoofedFromWithoutCredentialsIsChallengedAndNeverReachesTheHandler() throws Exception {
        Dialog dialog = phone.call("*50", CallOptions.defaults().withCaller("agent1"));

        SipMessage challenge = dialog.awaitFinal(WAIT);
        assertThat(challenge.status()).isEqualTo(407);
        assertThat(challenge.headers().stream().filter(h -> h.name().equalsIgnoreCase("Proxy-Authenticate")))
                .extracting(SipMessage.Header::value)
                .anyMatch(v -> v.contains("algorithm=SHA-256")).anyMatch(v -> v.contains("algorithm=MD5"));
        TimeUnit.MILLISECONDS.sleep(200);
        assertThat(handler.calls).isEmpty();
        assertThat(media.sessions).isEmpty();
    }

    @Test
    void wrongPasswordIs403() throws Exception {
        Dialog dialog = phone.call("*50", CallOptions.defaults().withCaller("agent1").withCredentials("agent1", "guess"));

        assertThat(dialog.status()).isEqualTo(403);
        assertThat(handler.calls).isEmpty();
    }

    @Test
    void repeatedFailuresBlockTheSourceEvenWithTheRightPassword() throws Exception {
        for (int i = 0; i < RegistrarSettings.defaults(REALM).maxFailures(); i++) {
            assertThat(phone.call("*50", CallOptions.defaults().withCredentials("agent1", "guess-" + i)).status()).isEqualTo(403);
        }

        Dialog right = phone.call("*50", CallOptions.defaults().withCredentials("agent1", "secret-agent1"));

        assertThat(right.status()).isEqualTo(403);
        assertThat(handler.calls).isEmpty();
    }

    @Test
    void ordinaryNumbersNeedNoCredentialsAndCarryNoAgent() throws Exception {
        Dialog dialog = phone.call("3939");

        assertThat(dialog.status()).isEqualTo(200);
        assertThat(handler.nextCall().info().authenticatedUser()).isEmpty();
        dialog.bye();
    }
}
