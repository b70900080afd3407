package fr.accueil.telephony.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The registrar's decisions without SIP: what the raw-socket tests do not reach easily. */
class RegistrarTest {
    private static final String REALM = "r";
    private static final String URI = "sip:127.0.0.1:5060";
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T08:00:00Z"), ZoneOffset.UTC);
    private final Registrations registrations = new Registrations();
    private final StoredCredentials alice = StoredCredentials.fromPassword("alice", REALM, "pw");

    private Registrar registrar(RegistrarSettings settings) {
        return new Registrar(settings, (u, realm) -> u.equals("alice") ? Optional.of(alice) : Optional.empty(), registrations, clock);
    }

    private static RegisterRequest request(List<String> auth, List<RegisterRequest.Contact> contacts) throws Exception {
        return new RegisterRequest(URI, "alice", auth, false, contacts, OptionalLong.empty(), InetAddress.getByName("192.0.2.5"));
    }

    private static String nonce(RegisterOutcome outcome) {
        Matcher m = Pattern.compile("nonce=\"([^\"]+)\"").matcher(((RegisterOutcome.Challenge) outcome).wwwAuthenticate().get(0));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void acceptsAnRfc2069ResponseWithoutQop() throws Exception {
        Registrar registrar = registrar(RegistrarSettings.defaults(REALM));
        List<RegisterRequest.Contact> contacts = List.of(new RegisterRequest.Contact("sip:alice@192.0.2.5", OptionalLong.empty()));
        String nonce = nonce(registrar.handle(request(List.of(), contacts)));
        DigestAlgorithm md5 = DigestAlgorithm.MD5;
        String response = md5.hash(md5.ha1("alice", REALM, "pw") + ":" + nonce + ":" + md5.hash("REGISTER:" + URI));
        String auth = "Digest username=\"alice\", realm=\"r\", nonce=\"" + nonce + "\", uri=\"" + URI + "\", response=\"" + response + "\"";

        assertThat(registrar.handle(request(List.of(auth), contacts))).isInstanceOf(RegisterOutcome.Registered.class);
    }

    @Test
    void refusesMoreContactsThanAllowedAndKeepsTheOldOnes() throws Exception {
        Registrar registrar = registrar(RegistrarSettings.defaults(REALM));
        List<RegisterRequest.Contact> many = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            many.add(new RegisterRequest.Contact("sip:alice@192.0.2.5:" + (5000 + i), OptionalLong.empty()));
        }
        String nonce = nonce(registrar.handle(request(List.of(), many)));
        assertThat(registrar.handle(request(List.of(auth(nonce, DigestAlgorithm.SHA_256)), many)))
                .isEqualTo(new RegisterOutcome.Forbidden("Too Many Contacts"));
        assertThat(registrations.current("alice", clock.instant())).isEmpty();
        assertThat(registrar.handle(request(List.of(auth(nonce, DigestAlgorithm.SHA_256)), many.subList(0, 10))))
                .isInstanceOfSatisfying(RegisterOutcome.Registered.class, r -> assertThat(r.bindings()).hasSize(10));
    }

    @Test
    void anAlgorithmNotOfferedIsRefused() throws Exception {
        Registrar registrar = registrar(RegistrarSettings.defaults(REALM).withAlgorithms(List.of(DigestAlgorithm.SHA_256)));
        List<RegisterRequest.Contact> contacts = List.of(new RegisterRequest.Contact("sip:alice@192.0.2.5", OptionalLong.empty()));
        RegisterOutcome challenge = registrar.handle(request(List.of(), contacts));
        assertThat(((RegisterOutcome.Challenge) challenge).wwwAuthenticate()).singleElement().asString().contains("SHA-256");

        assertThat(registrar.handle(request(List.of(auth(nonce(challenge), DigestAlgorithm.MD5)), contacts)))
                .isInstanceOf(RegisterOutcome.Forbidden.class);
        assertThat(registrar.handle(request(List.of(auth(nonce(challenge), DigestAlgorithm.SHA_256)), contacts)))
                .isInstanceOf(RegisterOutcome.Registered.class);
    }

    @Test
    void anAuthorizationForAnotherRealmIsChallenged() throws Exception {
        Registrar registrar = registrar(RegistrarSettings.defaults(REALM));
        String other = "Digest username=\"alice\", realm=\"elsewhere\", nonce=\"x\", uri=\"" + URI + "\", response=\"" + "0".repeat(32) + "\"";
        assertThat(registrar.handle(request(List.of(other), List.of()))).isInstanceOf(RegisterOutcome.Challenge.class);
    }

    private static String auth(String nonce, DigestAlgorithm h) {
        String ha1 = h.ha1("alice", REALM, "pw");
        String response = h.hash(ha1 + ":" + nonce + ":00000001:cn:auth:" + h.hash("REGISTER:" + URI));
        return "Digest username=\"alice\", realm=\"r\", nonce=\"" + nonce + "\", uri=\"" + URI + "\", response=\"" + response
                + "\", algorithm=" + h.token() + ", qop=auth, nc=00000001, cnonce=\"cn\"";
    }
}
