package fr.accueil.server.agents;

import fr.accueil.telephony.registrar.DigestAlgorithm;
import fr.accueil.telephony.registrar.FailureLimiter;
import fr.accueil.telephony.registrar.StoredCredentials;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Signs an agent in on the web page with their SIP username and password. Only HA1 digests are stored
 * (H(username:realm:password)), so the typed password is checked by computing its HA1 with the strongest
 * stored algorithm and comparing in constant time. An unknown username costs the same hash, so timing
 * does not reveal which usernames exist. Failed attempts are counted per source address with the
 * registrar's rule; a blocked address is refused before any hash is computed.
 */
public final class AgentPasswordAuthentication implements AuthenticationProvider {
    static final String ROLE = "ROLE_AGENT";
    private static final Logger log = LoggerFactory.getLogger(AgentPasswordAuthentication.class);

    private final AgentDirectory directory;
    private final FailureLimiter failures;

    public AgentPasswordAuthentication(AgentDirectory directory, FailureLimiter failures) {
        this.directory = directory;
        this.failures = failures;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        InetAddress source = sourceOf(authentication);
        if (failures.isBlocked(source)) {
            throw new LockedException("too many failed sign-ins from " + source.getHostAddress());
        }
        String username = authentication.getName() == null ? "" : authentication.getName().strip();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        Optional<AgentAccount> account = directory.byUsername(username);
        boolean matches = account.map(a -> verify(a.credentials(), password))
                .orElseGet(() -> {
                    DigestAlgorithm.SHA_256.ha1(username, directory.realm(), password); // same cost as a real check
                    return false;
                });
        if (!matches) {
            boolean blocked = failures.recordFailure(source);
            log.warn("agent web sign-in failed for username '{}' from {}{}", username, source.getHostAddress(),
                    blocked ? "; address refused for a while" : "");
            throw new BadCredentialsException("wrong username or password");
        }
        return UsernamePasswordAuthenticationToken.authenticated(account.get().username(), null,
                List.of(new SimpleGrantedAuthority(ROLE)));
    }

    private boolean verify(StoredCredentials credentials, String password) {
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) { // strongest first
            Optional<String> stored = credentials.ha1(algorithm);
            if (stored.isPresent()) {
                String typed = algorithm.ha1(credentials.username(), directory.realm(), password);
                return MessageDigest.isEqual(typed.getBytes(StandardCharsets.US_ASCII), stored.get().getBytes(StandardCharsets.US_ASCII));
            }
        }
        return false;
    }

    private static InetAddress sourceOf(Authentication authentication) {
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
        try {
            // A literal address from the servlet container: no name look-up happens.
            return InetAddress.getByName(address == null ? "0.0.0.0" : address);
        } catch (UnknownHostException e) {
            throw new BadCredentialsException("unreadable source address", e);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
