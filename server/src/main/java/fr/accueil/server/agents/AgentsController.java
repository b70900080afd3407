package fr.accueil.server.agents;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.accueil.core.routing.AgentId;
import fr.accueil.core.routing.AgentState;
import fr.accueil.core.routing.IllegalAgentTransitionException;
import fr.accueil.telephony.acd.AgentTarget;
import fr.accueil.telephony.registrar.Binding;
import fr.accueil.telephony.registrar.Registrations;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Agents and their states. Changing a state is refused (403) to anyone but a loopback caller until the
 * API has authentication, like the directory reload; reading is open like the other read endpoints.
 */
@RestController
@RequestMapping("/api/v1/agents")
public class AgentsController {
    private final AgentDirectory directory;
    private final AgentStateChanger states;
    private final Registrations registrations;
    private final Clock clock;

    public AgentsController(AgentDirectory directory, AgentStateChanger states, Registrations registrations, Clock clock) {
        this.directory = directory;
        this.states = states;
        this.registrations = registrations;
        this.clock = clock;
    }

    /** One registered phone. */
    public record ContactView(String uri, Instant expiresAt, long expiresIn) {
    }

    /** An agent as the API shows it; {@code pauseReason} only when paused. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AgentView(String id, String name, String state, String pauseReason, List<ContactView> contacts) {
    }

    /** The body of a state change. */
    public record StateChange(String state, String reason) {
    }

    @GetMapping
    public List<AgentView> agents() {
        Instant now = clock.instant();
        return directory.accounts().stream().map(account -> {
            AgentState state = states.stateOf(account.profile().id()).orElse(AgentState.LOGGED_OUT);
            List<ContactView> contacts = registrations.current(account.username(), now).stream()
                    .map(b -> contactView(b, now)).toList();
            return new AgentView(account.profile().id().value(), account.profile().name(), nameOf(state),
                    state instanceof AgentState.Paused p ? p.reason() : null, contacts);
        }).toList();
    }

    @PutMapping("/{id}/state")
    public ResponseEntity<?> changeState(@PathVariable("id") String id, @RequestBody(required = false) StateChange change,
                                         HttpServletRequest request) {
        if (!isLoopback(request.getRemoteAddr())) {
            return problem(HttpStatus.FORBIDDEN, "State change refused",
                    "agent states can only be changed from the server itself (loopback address) until the API has authentication");
        }
        if (id.isBlank() || directory.byId(new AgentId(id)).isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "Unknown agent", "no agent with id " + id);
        }
        if (change == null || change.state() == null) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid state change", "the body must be {\"state\": \"AVAILABLE\"|\"PAUSED\"|\"LOGGED_OUT\", \"reason\": ...}");
        }
        AgentTarget target;
        try {
            target = AgentTarget.valueOf(change.state().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid state change",
                    "state must be AVAILABLE, PAUSED or LOGGED_OUT, got " + change.state());
        }
        try {
            states.changeState(new AgentId(id), target, change.reason());
        } catch (IllegalAgentTransitionException e) {
            ResponseEntity<ProblemDetail> conflict = problem(HttpStatus.CONFLICT, "Transition not allowed",
                    "agent " + id + " cannot go from " + e.current().label() + " to " + e.requested());
            conflict.getBody().setType(URI.create("urn:accueil:problem:agent-transition"));
            conflict.getBody().setProperty("currentState", e.current().label());
            conflict.getBody().setProperty("requestedState", e.requested());
            return conflict;
        } catch (IllegalArgumentException e) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid state change", e.getMessage());
        }
        return ResponseEntity.ok(agents().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow());
    }

    private static String nameOf(AgentState state) {
        return switch (state) {
            case AgentState.LoggedOut ignored -> "LOGGED_OUT";
            case AgentState.Available ignored -> "AVAILABLE";
            case AgentState.Paused ignored -> "PAUSED";
            case AgentState.Ringing ignored -> "RINGING";
            case AgentState.OnContact ignored -> "ON_CONTACT";
            case AgentState.WrapUp ignored -> "WRAP_UP";
        };
    }

    private static ContactView contactView(Binding binding, Instant now) {
        return new ContactView(binding.contactUri(), binding.expiresAt(), binding.secondsLeft(now));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
