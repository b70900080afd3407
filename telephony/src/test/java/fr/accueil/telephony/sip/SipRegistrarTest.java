package fr.accueil.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.telephony.registrar.Registrar;
import fr.accueil.telephony.registrar.RegistrarSettings;
import fr.accueil.telephony.registrar.Registrations;
import fr.accueil.telephony.registrar.StoredCredentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * REGISTER with digest authentication over raw UDP (RFC 3261 §10.3, RFC 7616, RFC 8760), with
 * digests computed here independently of the production code.
 */
class SipRegistrarTest {
    private static final String REALM = "accueil.test";
    private static final AtomicInteger IDS = new AtomicInteger();

    private final FakeMediaFactory media = new FakeMediaFactory();
    private final ScriptedHandler handler = new ScriptedHandler();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
    private final Registrations registrations = new Registrations();
    private SipEndpoint endpoint;
    private RawSipClient client;

    @BeforeEach
    void start() throws Exception {
        handler.script = SipHealthCheck.answerHealthyRejectOthers();
        StoredCredentials alice = StoredCredentials.fromPassword("alice", REALM, "s3cret-alice");
        StoredCredentials bob = StoredCredentials.fromPassword("bob", REALM, "s3cret-bob");
        Map<String, StoredCredentials> accounts = Map.of("alice", alice, "bob", bob);
        Registrar registrar = new Registrar(RegistrarSettings.defaults(REALM),
                (username, realm) -> REALM.equals(realm) ? Optional.ofNullable(accounts.get(username)) : Optional.empty(),
                registrations, clock);
        endpoint = new SipEndpoint(SipSettings.defaults("127.0.0.1", 0), media, handler, clock, registrar);
        endpoint.start();
        client = RawSipClient.udp(endpoint.port());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        endpoint.close();
    }

    @Test
    void challengesWithSha256FirstThenMd5() throws Exception {
        RawSipMessage response = register("alice", List.of(contact(1)), null, null);

        assertThat(response.status()).isEqualTo(401);
        List<String> challenges = wwwAuthenticate(response);
        assertThat(challenges).hasSize(2);
        assertThat(challenges.get(0)).startsWith("Digest").contains("algorithm=SHA-256").contains("realm=\"" + REALM + "\"")
                .containsPattern("qop=\"?auth\"?").doesNotContain("stale");
        assertThat(challenges.get(1)).contains("algorithm=MD5").containsPattern("qop=\"?auth\"?");
        assertThat(registrations.current("alice", clock.instant())).isEmpty();
    }

    @Test
    void registersWithSha256AndListsTheContactWithItsExpiry() throws Exception {
        RawSipMessage ok = registerAuthenticated("alice", "s3cret-alice", "SHA-256", List.of(contact(1)), "Expires: 600\r\n");

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("contact").orElseThrow()).contains("sip:phone@127.0.0.1:40001").containsPattern("expires=600\\b");
        assertThat(registrations.current("alice", clock.instant())).singleElement()
                .satisfies(b -> assertThat(b.expiresAt()).isEqualTo(clock.instant().plusSeconds(600)));
    }

    @Test
    void registersWithMd5ForOlderPhones() throws Exception {
        RawSipMessage ok = registerAuthenticated("bob", "s3cret-bob", "MD5", List.of(contact(2)), "");

        assertThat(ok.status()).isEqualTo(200);
        // no expiry asked: the default (3600 s) is granted
        assertThat(ok.header("contact").orElseThrow()).contains("@127.0.0.1:40002").containsPattern("expires=3600\\b");
    }

    @Test
    void longExpiryIsShortenedToTheMaximum() throws Exception {
        RawSipMessage ok = registerAuthenticated("alice", "s3cret-alice", "SHA-256", List.of(contact(1) + ";expires=86400"), "");

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("contact").orElseThrow()).containsPattern("expires=3600\\b");
    }

    @Test
    void wrongPasswordIsForbiddenAndNothingIsRegistered() throws Exception {
        RawSipMessage refused = registerAuthenticated("alice", "not-the-password", "SHA-256", List.of(contact(1)), "");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(registrations.current("alice", clock.instant())).isEmpty();
    }

    @Test
    void unknownUserLooksLikeAWrongPassword() throws Exception {
        assertThat(registerAuthenticated("mallory", "guess", "MD5", List.of(contact(1)), "").status()).isEqualTo(403);
    }

    @Test
    void anAgentCannotRegisterAnotherAgentsAddress() throws Exception {
        RawSipMessage challenge = register("bob", List.of(contact(1)), null, null);
        String auth = authorization("alice", "s3cret-alice", "SHA-256", challenge);
        RawSipMessage refused = register("bob", List.of(contact(1)), null, auth);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(registrations.current("bob", clock.instant())).isEmpty();
        assertThat(registrations.current("alice", clock.instant())).isEmpty();
    }

    @Test
    void anOldNonceIsAnsweredStale() throws Exception {
        RawSipMessage challenge = register("alice", List.of(contact(1)), null, null);
        clock.advance(Duration.ofMinutes(6)); // nonce lifetime 5 min
        RawSipMessage stale = register("alice", List.of(contact(1)), null,
                authorization("alice", "s3cret-alice", "SHA-256", challenge));

        assertThat(stale.status()).isEqualTo(401);
        assertThat(wwwAuthenticate(stale)).hasSize(2).allSatisfy(c -> assertThat(c).containsPattern("stale=\"?(true|TRUE)"));
        // the fresh nonce works
        RawSipMessage ok = register("alice", List.of(contact(1)), null, authorization("alice", "s3cret-alice", "SHA-256", stale));
        assertThat(ok.status()).isEqualTo(200);
    }

    @Test
    void aForgedNonceIsChallengedAgain() throws Exception {
        RawSipMessage challenge = register("alice", List.of(contact(1)), null, null);
        String auth = authorization("alice", "s3cret-alice", "SHA-256", challenge);
        String forged = auth.replaceFirst("nonce=\"([0-9a-f]+)", "nonce=\"1$1");
        RawSipMessage again = register("alice", List.of(contact(1)), null, forged);

        assertThat(again.status()).isEqualTo(401);
        assertThat(registrations.current("alice", clock.instant())).isEmpty();
    }

    @Test
    void bindingsExpireAndCanBeRemoved() throws Exception {
        assertThat(registerAuthenticated("alice", "s3cret-alice", "SHA-256", List.of(contact(1)), "Expires: 120\r\n").status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(121));
        // a REGISTER without Contact queries the bindings (RFC 3261 §10.2.3)
        RawSipMessage query = registerAuthenticated("alice", "s3cret-alice", "SHA-256", List.of(), "");
        assertThat(query.status()).isEqualTo(200);
        assertThat(query.header("contact")).isEmpty();

        assertThat(registerAuthenticated("alice", "s3cret-alice", "SHA-256", List.of(contact(1), contact(2)), "").status()).isEqualTo(200);
        RawSipMessage removedOne = registerAuthenticated("alice", "s3cret-alice", "SHA-256", List.of(contact(1)), "Expires: 0\r\n");
        assertThat(removedOne.status()).isEqualTo(200);
        assertThat(contacts(removedOne)).singleElement().asString().contains(":40002");

        assertThat(registerAuthenticated("alice", "s3cret-alice", "SHA-256", List.of(contact(3)), "").status()).isEqualTo(200);
        assertThat(registrations.current("alice", clock.instant())).hasSize(2);
        RawSipMessage removedAll = registerAuthenticated("alice", "s3cret-alice", "SHA-256", List.of("*"), "Expires: 0\r\n");
        assertThat(removedAll.status()).isEqualTo(200);
        assertThat(removedAll.header("contact")).isEmpty();
        assertThat(registrations.current("alice", clock.instant())).isEmpty();
    }

    @Test
    void wildcardWithoutExpiresZeroIsABadRequest() throws Exception {
        RawSipMessage bad = registerAuthenticated("alice", "s3cret-alice", "SHA-256", List.of("*"), "Expires: 60\r\n");
        assertThat(bad.status()).isEqualTo(400);
    }

    @Test
    void oneAgentHoldsSeveralContacts() throws Exception {
        assertThat(registerAuthenticated("alice", "s3cret-alice", "SHA-256", List.of(contact(1)), "Expires: 300\r\n").status()).isEqualTo(200);
        RawSipMessage ok = registerAuthenticated("alice", "s3cret-alice", "MD5", List.of(contact(2)), "Expires: 900\r\n");

        assertThat(ok.status()).isEqualTo(200);
        assertThat(contacts(ok)).hasSize(2);
        assertThat(contacts(ok)).anySatisfy(c -> assertThat(c).contains(":40001").containsPattern("expires=300\\b"));
        assertThat(contacts(ok)).anySatisfy(c -> assertThat(c).contains(":40002").containsPattern("expires=900\\b"));
    }

    @Test
    void tooBriefAnExpiryIsRefusedWithMinExpires() throws Exception {
        RawSipMessage brief = registerAuthenticated("alice", "s3cret-alice", "SHA-256", List.of(contact(1)), "Expires: 30\r\n");

        assertThat(brief.status()).isEqualTo(423);
        assertThat(brief.header("min-expires")).contains("60");
        assertThat(registrations.current("alice", clock.instant())).isEmpty();
    }

    @Test
    void malformedAuthorizationIsABadRequest() throws Exception {
        RawSipMessage challenge = register("alice", List.of(contact(1)), null, null);
        String nonce = nonceOf(wwwAuthenticate(challenge).get(0));
        String uri = "sip:127.0.0.1:" + endpoint.port();
        // qop=auth without nc and cnonce (RFC 7616 §3.4)
        String auth = "Digest username=\"alice\", realm=\"" + REALM + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", response=\"" + "0".repeat(64) + "\", algorithm=SHA-256, qop=auth";
        RawSipMessage bad = register("alice", List.of(contact(1)), null, auth);

        assertThat(bad.status()).isEqualTo(400);
    }

    @Test
    void unreadableOrNonDigestAuthorizationIsABadRequest() throws Exception {
        assertThat(register("alice", List.of(contact(1)), null, "Digest username=\"alice, realm=").status()).isEqualTo(400);
        assertThat(register("alice", List.of(contact(1)), null, "Basic YWxpY2U6cHc=").status()).isEqualTo(400);
        assertThat(registrations.current("alice", clock.instant())).isEmpty();
    }

    @Test
    void aDigestUriOtherThanTheRequestUriIsABadRequest() throws Exception {
        RawSipMessage challenge = register("alice", List.of(contact(1)), null, null);
        String auth = authorization("alice", "s3cret-alice", "SHA-256", challenge).replace("uri=\"sip:127.0.0.1:", "uri=\"sip:192.0.2.1:");
        assertThat(register("alice", List.of(contact(1)), null, auth).status()).isEqualTo(400);
    }

    @Test
    void repeatedFailuresFromOneSourceAreRefusedForAWhile() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(registerAuthenticated("alice", "wrong-" + i, "SHA-256", List.of(contact(1)), "").status()).isEqualTo(403);
        }
        // now even the right password is refused at once, without a challenge
        RawSipMessage blocked = register("alice", List.of(contact(1)), null, null);
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(wwwAuthenticate(blocked)).isEmpty();

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(registerAuthenticated("alice", "s3cret-alice", "SHA-256", List.of(contact(1)), "").status()).isEqualTo(200);
    }

    @Test
    void unauthenticatedCallsStillReachTheIvr() throws Exception {
        assertThat(register("alice", List.of(contact(1)), null, null).status()).isEqualTo(401);
        SipHealthCheck.assertHealthy(endpoint);
    }

    @Test
    void withoutARegistrarRegisterIsNotAllowed() throws Exception {
        try (SipEndpoint plain = new SipEndpoint(SipSettings.defaults("127.0.0.1", 0), media, handler, clock)) {
            plain.start();
            try (RawSipClient other = RawSipClient.udp(plain.port())) {
                String callId = "reg-plain-" + IDS.incrementAndGet();
                other.send(registerText(other, plain.port(), callId, 1, "alice", List.of(contact(1)), "", null));
                assertThat(other.awaitFinalRetransmitting(callId, "REGISTER").status()).isEqualTo(405);
            }
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static String contact(int n) {
        return "<sip:phone@127.0.0.1:4000" + n + ">";
    }

    private RawSipMessage registerAuthenticated(String user, String password, String algorithm, List<String> contacts,
                                                String extra) throws Exception {
        RawSipMessage challenge = register(user, contacts, extra, null);
        assertThat(challenge.status()).as("challenge").isEqualTo(401);
        return register(user, contacts, extra, authorization(user, password, algorithm, challenge));
    }

    private RawSipMessage register(String user, List<String> contacts, String extra, String authorization) throws Exception {
        String callId = "reg-" + IDS.incrementAndGet() + "@127.0.0.1";
        client.send(registerText(client, endpoint.port(), callId, 1, user, contacts, extra == null ? "" : extra, authorization));
        return client.awaitFinalRetransmitting(callId, "REGISTER");
    }

    private static String registerText(RawSipClient client, int port, String callId, int cseq, String user,
                                       List<String> contacts, String extra, String authorization) {
        StringBuilder sb = new StringBuilder("REGISTER sip:127.0.0.1:" + port + " SIP/2.0\r\n");
        sb.append("Via: ").append(client.via(UacCall.newBranch())).append("\r\n");
        sb.append("Max-Forwards: 70\r\n");
        sb.append("From: <sip:").append(user).append("@127.0.0.1>;tag=rf").append(IDS.incrementAndGet()).append("\r\n");
        sb.append("To: <sip:").append(user).append("@127.0.0.1>\r\n");
        sb.append("Call-ID: ").append(callId).append("\r\n");
        sb.append("CSeq: ").append(cseq).append(" REGISTER\r\n");
        for (String c : contacts) {
            sb.append("Contact: ").append(c).append("\r\n");
        }
        if (authorization != null) {
            sb.append("Authorization: ").append(authorization).append("\r\n");
        }
        sb.append(extra);
        sb.append("Content-Length: 0\r\n\r\n");
        return sb.toString();
    }

    /** RFC 7616 §3.4.1 with qop=auth, computed independently of the registrar. */
    private String authorization(String user, String password, String algorithm, RawSipMessage challenge) throws Exception {
        String offered = wwwAuthenticate(challenge).stream().filter(c -> c.contains("algorithm=" + algorithm)).findFirst().orElseThrow();
        String nonce = nonceOf(offered);
        String uri = "sip:127.0.0.1:" + endpoint.port();
        String jca = algorithm.equals("MD5") ? "MD5" : "SHA-256";
        String ha1 = hex(jca, user + ":" + REALM + ":" + password);
        String ha2 = hex(jca, "REGISTER:" + uri);
        String nc = "00000001";
        String cnonce = "c" + IDS.incrementAndGet();
        String response = hex(jca, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + REALM + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", response=\"" + response + "\", algorithm=" + algorithm + ", qop=auth, nc=" + nc + ", cnonce=\"" + cnonce + "\"";
    }

    private static String nonceOf(String challenge) {
        Matcher m = Pattern.compile("nonce=\"([^\"]+)\"").matcher(challenge);
        assertThat(m.find()).as("nonce in " + challenge).isTrue();
        return m.group(1);
    }

    private static String hex(String algorithm, String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> wwwAuthenticate(RawSipMessage m) {
        return m.headers().stream().filter(h -> h.getKey().equals("www-authenticate")).map(Map.Entry::getValue).toList();
    }

    private static List<String> contacts(RawSipMessage m) {
        return m.all("contact");
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
