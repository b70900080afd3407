package fr.accueil.telephony.registrar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides the answer to a REGISTER (RFC 3261 §10.3) with digest authentication (RFC 7616, RFC 8760).
 *
 * <p>Choices: a response that does not verify (unknown username, wrong password, algorithm for
 * which no HA1 is stored) is answered <b>403</b>, not another 401: a phone with a wrong password
 * would otherwise loop on challenges, and unknown and known usernames look alike. A nonce that is
 * merely old, with a response otherwise right, gets 401 {@code stale=true} (RFC 7616 §3.3) and is no
 * failure. Each failure counts against the source address; past the limit the address gets 403 at
 * once, without digests computed, and a WARN line names the address and username (never a
 * password or response).
 *
 * <p>Threading: thread-safe and non-blocking; called on SIP stack threads.
 */
public final class Registrar {
    private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);

    private final RegistrarSettings settings;
    private final AgentCredentials credentials;
    private final Registrations registrations;
    private final Clock clock;
    private final DigestNonces nonces;
    private final FailureLimiter failures;

    public Registrar(RegistrarSettings settings, AgentCredentials credentials, Registrations registrations, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.registrations = Objects.requireNonNull(registrations, "registrations");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nonces = new DigestNonces(clock, settings.nonceLifetime());
        this.failures = new FailureLimiter(clock, settings.maxFailures(), settings.failureWindow(), settings.blockFor());
    }

    public RegistrarSettings settings() {
        return settings;
    }

    public Registrations registrations() {
        return registrations;
    }

    public RegisterOutcome handle(RegisterRequest request) {
        DigestOutcome checked = check("REGISTER", request.requestUri(), request.authorizations(), request.source());
        return switch (checked) {
            case DigestOutcome.Challenge c -> new RegisterOutcome.Challenge(c.challenges());
            case DigestOutcome.Forbidden f -> new RegisterOutcome.Forbidden(f.reason());
            case DigestOutcome.BadRequest b -> new RegisterOutcome.BadRequest(b.reason());
            case DigestOutcome.Authenticated a -> {
                if (request.toUser() == null || !request.toUser().equals(a.username())) {
                    // RFC 3261 §10.3 ¶ 6: the authenticated user may only register its own address of record.
                    fail("REGISTER", request.source(), a.username(), "To user " + printable(request.toUser())
                            + " is not the authenticated user");
                    yield new RegisterOutcome.Forbidden("Not Your Address Of Record");
                }
                yield bind(request, a.username());
            }
        };
    }

    /**
     * Digest authentication of another request by an agent's account (RFC 3261 §22.3: an INVITE to a
     * feature code, answered 407 with the challenges), with the same nonces, 403 on wrong credentials
     * and the same per-source failure limit as REGISTER.
     *
     * @param authorizations the request's Proxy-Authorization (or Authorization) header values
     */
    public DigestOutcome authenticate(String method, String requestUri, List<String> authorizations,
                                      java.net.InetAddress source) {
        return check(method, requestUri, authorizations, source);
    }

    private DigestOutcome check(String method, String requestUri, List<String> authorizations, java.net.InetAddress source) {
        if (failures.isBlocked(source)) {
            LOG.debug("{} from blocked source {} refused", method, source.getHostAddress());
            return new DigestOutcome.Forbidden("Too Many Failures");
        }
        for (String value : authorizations) {
            DigestAuthorization parsed;
            try {
                parsed = DigestAuthorization.parse(value);
            } catch (DigestAuthorization.MalformedException e) {
                fail(method, source, null, "malformed Authorization: " + e.getMessage());
                return new DigestOutcome.BadRequest(e.getMessage());
            }
            if (parsed.realm().equals(settings.realm())) {
                return verify(method, requestUri, source, parsed);
            }
        }
        return challenge(false); // none, or only for other realms
    }

    private DigestOutcome verify(String method, String requestUri, java.net.InetAddress source, DigestAuthorization auth) {
        if (!auth.uri().equals(requestUri)) {
            fail(method, source, auth.username(), "digest uri does not match the Request-URI");
            return new DigestOutcome.BadRequest("Digest URI Mismatch"); // RFC 7616 §3.4.6
        }
        DigestNonces.Check nonce = nonces.check(auth.nonce());
        if (nonce == DigestNonces.Check.FORGED) {
            fail(method, source, auth.username(), "nonce not issued by us");
            return challenge(false);
        }
        if (!settings.algorithms().contains(auth.algorithm())) {
            fail(method, source, auth.username(), "algorithm " + auth.algorithm().token() + " not offered");
            return new DigestOutcome.Forbidden("Forbidden");
        }
        Optional<String> ha1 = credentials.find(auth.username(), settings.realm()).flatMap(c -> c.ha1(auth.algorithm()));
        if (ha1.isEmpty() || !verifies(method, auth, ha1.get())) {
            fail(method, source, auth.username(), "wrong credentials (" + auth.algorithm().token() + ")");
            return new DigestOutcome.Forbidden("Forbidden");
        }
        if (nonce == DigestNonces.Check.STALE) {
            return challenge(true);
        }
        return new DigestOutcome.Authenticated(auth.username());
    }

    private RegisterOutcome bind(RegisterRequest request, String username) {
        Instant now = clock.instant();
        if (request.wildcard()) {
            // RFC 3261 §10.3 ¶ 6: "*" only alone and with Expires: 0.
            if (request.contacts().size() != 0 || request.expiresHeader().orElse(-1) != 0) {
                return new RegisterOutcome.BadRequest("Wildcard Contact Needs Expires 0");
            }
            registrations.removeAll(username);
            LOG.info("agent {} removed all registrations", username);
            return new RegisterOutcome.Registered(username, List.of());
        }
        List<Registrations.Update> updates = new ArrayList<>();
        for (RegisterRequest.Contact contact : request.contacts()) {
            long seconds = contact.expires().isPresent() ? contact.expires().getAsLong()
                    : request.expiresHeader().orElse(settings.defaultExpires().toSeconds());
            if (seconds < 0) {
                return new RegisterOutcome.BadRequest("Negative Expires");
            }
            if (seconds == 0) {
                updates.add(new Registrations.Update(contact.uri(), null));
                continue;
            }
            if (seconds < settings.minExpires().toSeconds()) {
                return new RegisterOutcome.IntervalTooBrief(settings.minExpires());
            }
            long granted = Math.min(seconds, settings.maxExpires().toSeconds());
            updates.add(new Registrations.Update(contact.uri(), now.plus(Duration.ofSeconds(granted))));
        }
        try {
            List<Binding> bindings = updates.isEmpty() ? registrations.current(username, now)
                    : registrations.apply(username, updates, now, settings.maxContacts());
            if (!updates.isEmpty()) {
                LOG.info("agent {} registered, {} contact(s)", username, bindings.size());
            }
            return new RegisterOutcome.Registered(username, bindings);
        } catch (IllegalStateException tooMany) {
            LOG.warn("agent {}: REGISTER refused, more than {} contacts", username, settings.maxContacts());
            return new RegisterOutcome.Forbidden("Too Many Contacts");
        }
    }

    private DigestOutcome challenge(boolean stale) {
        String nonce = nonces.issue();
        List<String> values = new ArrayList<>();
        for (DigestAlgorithm algorithm : settings.algorithms()) {
            values.add("Digest realm=\"" + settings.realm() + "\", nonce=\"" + nonce + "\", algorithm=" + algorithm.token()
                    + ", qop=\"auth\"" + (stale ? ", stale=true" : ""));
        }
        return new DigestOutcome.Challenge(values);
    }

    /** RFC 7616 §3.4.1: with qop=auth, H(HA1:nonce:nc:cnonce:qop:H(A2)); without, RFC 2069's H(HA1:nonce:H(A2)). */
    private static boolean verifies(String method, DigestAuthorization auth, String ha1) {
        DigestAlgorithm h = auth.algorithm();
        String ha2 = h.hash(method + ":" + auth.uri());
        String expected = auth.qop().isPresent()
                ? h.hash(ha1 + ":" + auth.nonce() + ":" + auth.nc().orElseThrow() + ":" + auth.cnonce().orElseThrow() + ":auth:" + ha2)
                : h.hash(ha1 + ":" + auth.nonce() + ":" + ha2);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), auth.response().getBytes(StandardCharsets.US_ASCII));
    }

    /** Usernames come from the network: keep log lines one line and short. */
    private static String printable(String text) {
        if (text == null) {
            return null;
        }
        String cut = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private void fail(String method, java.net.InetAddress source, String username, String why) {
        String address = source.getHostAddress();
        LOG.warn("{} from {} for user {} failed: {}", method, address, printable(username), why);
        if (failures.recordFailure(source)) {
            LOG.warn("{} from {}: {} failures within {}, source refused for {}", method, address, settings.maxFailures(),
                    settings.failureWindow(), settings.blockFor());
        }
    }
}
