package fr.accueil.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.telephony.registrar.DigestAlgorithm;
import fr.accueil.telephony.registrar.Registrar;
import fr.accueil.telephony.registrar.RegistrarSettings;
import fr.accueil.telephony.registrar.Registrations;
import fr.accueil.telephony.registrar.StoredCredentials;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Our endpoint as a phone registering with our registrar over loopback UDP (digest SHA-256, then MD5 only). */
class SipEndpointRegisterTest {
    private static final String REALM = "accueil.test";
    private final Registrations registrations = new Registrations();
    private final Clock clock = Clock.systemUTC();
    private SipEndpoint server;
    private SipEndpoint phone;

    private void start(List<DigestAlgorithm> algorithms) throws Exception {
        StoredCredentials alice = StoredCredentials.fromPassword("alice", REALM, "s3cret-alice");
        RegistrarSettings d = RegistrarSettings.defaults(REALM);
        RegistrarSettings settings = new RegistrarSettings(d.realm(), d.minExpires(), d.maxExpires(), d.defaultExpires(),
                d.nonceLifetime(), d.maxContacts(), d.maxFailures(), d.failureWindow(), d.blockFor(), algorithms);
        Registrar registrar = new Registrar(settings,
                (username, realm) -> "alice".equals(username) && REALM.equals(realm) ? Optional.of(alice) : Optional.empty(),
                registrations, clock);
        server = new SipEndpoint(SipSettings.defaults("127.0.0.1", 0), new FakeMediaFactory(), new ScriptedHandler(), clock, registrar);
        server.start();
        phone = new SipEndpoint(SipSettings.defaults("127.0.0.1", 0), new FakeMediaFactory(), new ScriptedHandler(), clock);
        phone.start();
    }

    @AfterEach
    void stop() {
        if (phone != null) {
            phone.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void registersWithDigestAndTheBindingPointsAtThePhone() throws Exception {
        start(List.of(DigestAlgorithm.values()));

        int status = phone.register("127.0.0.1:" + server.port(), "alice", "s3cret-alice", Duration.ofSeconds(300), Duration.ofSeconds(5));

        assertThat(status).isEqualTo(200);
        assertThat(registrations.current("alice", clock.instant())).singleElement()
                .satisfies(b -> assertThat(b.contactUri()).contains("alice@127.0.0.1:" + phone.port()));
    }

    @Test
    void answersAnMd5OnlyChallengeToo() throws Exception {
        start(List.of(DigestAlgorithm.MD5));

        assertThat(phone.register("127.0.0.1:" + server.port(), "alice", "s3cret-alice", Duration.ofSeconds(300), Duration.ofSeconds(5)))
                .isEqualTo(200);
    }

    @Test
    void wrongPasswordIsForbiddenAndLeavesNoBinding() throws Exception {
        start(List.of(DigestAlgorithm.values()));

        int status = phone.register("127.0.0.1:" + server.port(), "alice", "wrong", Duration.ofSeconds(300), Duration.ofSeconds(5));

        assertThat(status).isEqualTo(403);
        assertThat(registrations.current("alice", clock.instant())).isEmpty();
    }
}
