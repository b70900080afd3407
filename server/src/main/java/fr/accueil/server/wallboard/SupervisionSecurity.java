package fr.accueil.server.wallboard;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The supervisor wallboard ({@code /supervision/**}) asks for credentials (HTTP Basic, one
 * account from {@link SupervisionSettings}); the agents' page has its own chain
 * ({@code fr.accueil.server.agents.AgentPageSecurity}, ordered first); everything else (public results, open data, the API,
 * health) is open as it was before Spring Security came in. CSRF protection is off outside the
 * wallboard: the API is called by scripts without a session (e.g. the loopback directory reload),
 * and the public pages have no form.
 */
@Configuration(proxyBeanMethods = false)
// Commands (recompute, import) run without a web server, hence without HTTP security.
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class SupervisionSecurity {
    static final String ROLE = "SUPERVISOR";
    private static final Logger log = LoggerFactory.getLogger(SupervisionSecurity.class);

    @Bean
    @Order(1)
    SecurityFilterChain supervisionChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/supervision", "/supervision/**")
                .authorizeHttpRequests(a -> a.anyRequest().hasRole(ROLE))
                .httpBasic(b -> b.realmName("Accueil supervision"))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain publicChain(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                // Public pages and assets keep their own caching; no session is ever needed there.
                .headers(h -> h.cacheControl(c -> c.disable()))
                .requestCache(r -> r.disable())
                .securityContext(s -> s.disable())
                .sessionManagement(s -> s.disable())
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService supervisors(SupervisionSettings settings) {
        List<UserDetails> users = new ArrayList<>();
        if (settings.hasAccount()) {
            users.add(User.withUsername(settings.username()).password(settings.password()).roles(ROLE).build());
        } else {
            log.warn("accueil.supervision.password is not set: the wallboard (/supervision) refuses everyone");
        }
        return new InMemoryUserDetailsManager(users);
    }
}
