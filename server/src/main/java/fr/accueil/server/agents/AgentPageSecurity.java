package fr.accueil.server.agents;

import fr.accueil.telephony.registrar.FailureLimiter;
import fr.accueil.telephony.registrar.RegistrarSettings;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The agents' page ({@code /agent/**}): a form login of its own, separate from the supervisor's HTTP
 * Basic, checked against the agents' SIP credentials only (its authentication manager has no parent, so
 * a supervisor account cannot sign in here). Sessions and CSRF protection are on: every state change is
 * a form POST carrying the token. Ordered before the public catch-all chain.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class AgentPageSecurity {
    static final String LOGIN = "/agent/connexion";

    @Bean
    @Order(0)
    SecurityFilterChain agentPageChain(HttpSecurity http, AgentDirectory directory, AgentSettings agents, Clock clock) throws Exception {
        // Not a bean: an AuthenticationProvider bean would replace the supervisor's account in the
        // global authentication manager (and count the wallboard's failures as agent failures).
        RegistrarSettings limits = RegistrarSettings.defaults(agents.realm());
        AgentPasswordAuthentication authentication = new AgentPasswordAuthentication(directory,
                new FailureLimiter(clock, limits.maxFailures(), limits.failureWindow(), limits.blockFor()));
        return http.securityMatcher("/agent", "/agent/**")
                .authenticationManager(new ProviderManager(authentication))
                .authorizeHttpRequests(a -> a.requestMatchers(LOGIN).permitAll().anyRequest().hasRole("AGENT"))
                .formLogin(f -> f.loginPage(LOGIN).loginProcessingUrl(LOGIN)
                        .defaultSuccessUrl("/agent", true)
                        .failureHandler((request, response, e) -> response.sendRedirect(
                                LOGIN + (e instanceof LockedException ? "?bloque" : "?erreur"))))
                .logout(l -> l.logoutUrl("/agent/fin-de-session").logoutSuccessUrl(LOGIN + "?fin"))
                .build();
    }
}
