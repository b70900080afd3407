package fr.accueil.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.telephony.registrar.DigestAlgorithm;
import fr.accueil.telephony.registrar.Registrar;
import fr.accueil.telephony.registrar.RegistrarSettings;
import fr.accueil.telephony.registrar.Registrations;
import fr.accueil.telephony.registrar.StoredCredentials;
import fr.accueil.telephony.testing.Sipp;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIPp as an agent phone: digest REGISTER (SIPp answers the MD5 challenge), then unregister; a wrong password fails. */
class SippRegisterTest {
    private static final String REALM = "accueil.test";

    @TempDir
    Path dir;

    @Test
    void sippRegistersWithDigestAndUnregisters() throws Exception {
        StoredCredentials agent = StoredCredentials.fromPassword("agent7", REALM, "pass-7");
        Registrations registrations = new Registrations();
        // SIPp 3.6 answers only the first challenge and knows only MD5: MD5 is offered first here.
        Registrar registrar = new Registrar(RegistrarSettings.defaults(REALM).withAlgorithms(List.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256)),
                (username, realm) -> username.equals("agent7") ? Optional.of(agent) : Optional.empty(), registrations, Clock.systemUTC());
        ScriptedHandler handler = new ScriptedHandler();
        handler.script = SipHealthCheck.answerHealthyRejectOthers();
        try (SipEndpoint endpoint = new SipEndpoint(SipSettings.defaults("127.0.0.1", 0), new FakeMediaFactory(), handler,
                Clock.systemUTC(), registrar)) {
            endpoint.start();
            Sipp.Result ok = Sipp.scenarioResource("/sipp/register-digest.xml")
                    .target(new InetSocketAddress("127.0.0.1", endpoint.port())).service("agent7").calls(1)
                    .arg("-au", "agent7", "-ap", "pass-7").timeout(Duration.ofSeconds(20)).workDir(dir.resolve("good")).run();
            assertThat(ok.allCallsSucceeded()).as(ok.describe()).isTrue();
            assertThat(registrations.snapshot(Clock.systemUTC().instant())).isEmpty(); // unregistered at the end

            Sipp.Result refused = Sipp.scenarioResource("/sipp/register-digest.xml")
                    .target(new InetSocketAddress("127.0.0.1", endpoint.port())).service("agent7").calls(1)
                    .arg("-au", "agent7", "-ap", "wrong").timeout(Duration.ofSeconds(20)).workDir(dir.resolve("bad")).run();
            assertThat(refused.allCallsSucceeded()).as(refused.describe()).isFalse();
            assertThat(registrations.snapshot(Clock.systemUTC().instant())).isEmpty();
        }
    }
}
