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
        if (failures.isBlocked(request.source())) {
            LOG.debug("REGISTER from blocked source {} refused", request.source().getHostAddress());
            return new RegisterOutcome.Forbidden("Too Many Failures");
        }
        for (String value : request.authorizations()) {
            DigestAuthorization parsed;
            try {
                parsed = DigestAuthorization.parse(value);
            } catch (DigestAuthorization.MalformedException e) {
                fail(request, null, "malformed Authorization: " + e.getMessage());
                return new RegisterOutcome.BadRequest(e.getMessage());
            }
            if (parsed.realm().equals(settings.realm())) {
                return authenticated(request, parsed);
            }
        }
        return challenge(false); // none, or only for other realms
    }

    private RegisterOutcome authenticated(RegisterRequest request, DigestAuthorization auth) {
        if (!auth.uri().equals(request.requestUri())) {
            fail(request, auth.username(), "digest uri does not match the Request-URI");
            return new RegisterOutcome.BadRequest("Digest URI Mismatch"); // RFC 7616 §3.4.6
        }
        DigestNonces.Check nonce = nonces.check(auth.nonce());
        if (nonce == DigestNonces.Check.FORGED) {
            fail(request, auth.username(), "nonce not issued by us");
            return challenge(false);
        }
        if (!settings.algorithms().contains(auth.algorithm())) {
            fail(request, auth.username(), "algorithm " + auth.algorithm().token() + " not offered");
            return new RegisterOutcome.Forbidden("Forbidden");
        }
        Optional<String> ha1 = credentials.find(auth.username(), settings.realm()).flatMap(c -> c.ha1(auth.algorithm()));
        if (ha1.isEmpty() || !verifies(auth, ha1.get())) {
            fail(request, auth.username(), "wrong credentials (" + auth.algorithm().token() + ")");
            return new RegisterOutcome.Forbidden("Forbidden");
        }
        if (nonce == DigestNonces.Check.STALE) {
            return challenge(true);
        }
        if (request.toUser() == null || !request.toUser().equals(auth.username())) {
            // RFC 3261 §10.3 ¶ 6: the authenticated user may only register its own address of record.
            fail(request, auth.username(), "To user " + printable(request.toUser()) + " is not the authenticated user");
            return new RegisterOutcome.Forbidden("Not Your Address Of Record");
        }
        return bind(request, auth.username());
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

    private RegisterOutcome challenge(boolean stale) {
        String nonce = nonces.issue();
        List<String> values = new ArrayList<>();
        for (DigestAlgorithm algorithm : settings.algorithms()) {
            values.add("Digest realm=\"" + settings.realm() + "\", nonce=\"" + nonce + "\", algorithm=" + algorithm.token()
                    + ", qop=\"auth\"" + (stale ? ", stale=true" : ""));
        }
        return new RegisterOutcome.Challenge(values);
    }

    /** RFC 7616 §3.4.1: with qop=auth, H(HA1:nonce:nc:cnonce:qop:H(A2)); without, RFC 2069's H(HA1:nonce:H(A2)). */
    private static boolean verifies(DigestAuthorization auth, String ha1) {
        DigestAlgorithm h = auth.algorithm();
        String ha2 = h.hash("REGISTER:" + auth.uri());
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

    private void fail(RegisterRequest request, String username, String why) {
        String source = request.source().getHostAddress();
        LOG.warn("REGISTER from {} for user {} failed: {}", source, printable(username), why);
        if (failures.recordFailure(request.source())) {
            LOG.warn("REGISTER from {}: {} failures within {}, source refused for {}", source, settings.maxFailures(),
                    settings.failureWindow(), settings.blockFor());
        }
    }
}
