package fr.accueil.server.wallboard;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code accueil.supervision.*}: the supervisor account of the wallboard and its refresh interval.
 *
 * @param username the supervisor's login
 * @param password the password as a Spring Security encoded value, {@code {bcrypt}$2a$…} (recommended)
 *                 or {@code {noop}plain}; absent means no one can open the wallboard
 * @param refresh  how often the wallboard's figures are pushed to open pages
 */
@ConfigurationProperties("accueil.supervision")
public record SupervisionSettings(@DefaultValue("superviseur") String username, String password,
                                  @DefaultValue("2s") Duration refresh) {

    public SupervisionSettings {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("accueil.supervision.username must not be blank");
        }
        if (password != null && !password.isBlank() && !(password.startsWith("{bcrypt}") || password.startsWith("{noop}"))) {
            throw new IllegalArgumentException(
                    "accueil.supervision.password must start with {bcrypt} (recommended) or {noop}, got a value without prefix");
        }
        if (refresh.compareTo(Duration.ofMillis(200)) < 0 || refresh.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("accueil.supervision.refresh must be between 200ms and 1m, got " + refresh);
        }
    }

    public boolean hasAccount() {
        return password != null && !password.isBlank();
    }

    /** The password is a secret, even hashed. */
    @Override
    public String toString() {
        return "SupervisionSettings[username=" + username + ", password=" + (hasAccount() ? "******" : "(none)")
                + ", refresh=" + refresh + "]";
    }
}
