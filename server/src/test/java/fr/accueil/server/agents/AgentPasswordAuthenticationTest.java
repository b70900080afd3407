package fr.accueil.server.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.accueil.telephony.registrar.DigestAlgorithm;
import fr.accueil.telephony.registrar.FailureLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

class AgentPasswordAuthenticationTest {
    private static final String REALM = "mairie.example";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
    private final AgentDirectory directory = new AgentDirectory(REALM, List.of(
            account("cmartin", "sha256:" + DigestAlgorithm.SHA_256.ha1("cmartin", REALM, "s3cret") + ", md5:"
                    + DigestAlgorithm.MD5.ha1("cmartin", REALM, "s3cret")),
            account("lbernard", "md5:" + DigestAlgorithm.MD5.ha1("lbernard", REALM, "ancien"))));
    private final AgentPasswordAuthentication authentication = new AgentPasswordAuthentication(directory,
            new FailureLimiter(clock, 5, Duration.ofSeconds(60), Duration.ofMinutes(5)));

    private static AgentSettings.Account account(String username, String password) {
        return new AgentSettings.Account(username, username, username, password, Map.of("etat-civil", 2), List.of("etat-civil"));
    }

    private static Authentication attempt(String username, String password, String from) {
        var token = UsernamePasswordAuthenticationToken.unauthenticated(username, password);
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(from);
        token.setDetails(new WebAuthenticationDetails(request));
        return token;
    }

    @Test
    void the_sip_password_signs_the_agent_in_by_its_sha256_ha1() {
        Authentication signedIn = authentication.authenticate(attempt("cmartin", "s3cret", "192.0.2.1"));
        assertThat(signedIn.isAuthenticated()).isTrue();
        assertThat(signedIn.getName()).isEqualTo("cmartin");
        assertThat(signedIn.getCredentials()).as("the password is not kept").isNull();
        assertThat(signedIn.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_AGENT");
    }

    @Test
    void an_account_with_only_an_md5_ha1_signs_in_too() {
        assertThat(authentication.authenticate(attempt("lbernard", "ancien", "192.0.2.1")).getName()).isEqualTo("lbernard");
    }

    @Test
    void a_wrong_password_an_unknown_username_and_another_realms_password_are_refused_alike() {
        for (Authentication wrong : List.of(attempt("cmartin", "S3cret", "192.0.2.1"), attempt("inconnu", "s3cret", "192.0.2.1"),
                attempt("cmartin", "", "192.0.2.1"), attempt("lbernard", "s3cret", "192.0.2.1"))) {
            assertThatThrownBy(() -> authentication.authenticate(wrong)).isInstanceOf(BadCredentialsException.class)
                    .hasMessage("wrong username or password");
        }
    }

    @Test
    void five_failures_within_a_minute_refuse_the_address_even_with_the_right_password_then_it_is_let_in_again() {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> authentication.authenticate(attempt("cmartin", "devine", "192.0.2.9")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> authentication.authenticate(attempt("cmartin", "s3cret", "192.0.2.9"))).isInstanceOf(LockedException.class);
        assertThat(authentication.authenticate(attempt("cmartin", "s3cret", "192.0.2.10")).isAuthenticated())
                .as("another address is not refused").isTrue();
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(authentication.authenticate(attempt("cmartin", "s3cret", "192.0.2.9")).isAuthenticated()).isTrue();
    }

    @Test
    void failures_spread_over_more_than_the_window_do_not_block() {
        for (int i = 0; i < 8; i++) {
            assertThatThrownBy(() -> authentication.authenticate(attempt("cmartin", "devine", "192.0.2.5")))
                    .isInstanceOf(BadCredentialsException.class);
            clock.advance(Duration.ofSeconds(15));
        }
        assertThat(authentication.authenticate(attempt("cmartin", "s3cret", "192.0.2.5")).isAuthenticated()).isTrue();
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
