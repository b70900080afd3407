package fr.accueil.server.queues;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.accueil.core.outbound.OutboundPolicy;
import fr.accueil.core.outbound.OutboundVerdict;
import fr.accueil.core.routing.QueueId;
import fr.accueil.telephony.acd.CallbackTicket;
import fr.accueil.telephony.acd.CallbackUnavailableException;
import fr.accueil.telephony.acd.ContactCentre;
import fr.accueil.telephony.registrar.FailureLimiter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/callbacks}: a citizen asks, from an administration's contact page, to be called
 * back; the request waits in the queue like a call. Open to the public, so limited per source address
 * (every request counts, accepted or not) and without CORS: the contact page posts from its own server
 * or from a page served by Accueil's origin. The number is personal data: it is checked, handed to the
 * contact centre (which keeps it in the callback book only) and never logged nor echoed back.
 */
@RestController
public class CallbacksController {
    private static final Logger log = LoggerFactory.getLogger(CallbacksController.class);

    private final ContactCentre centre;
    private final OutboundPolicy policy;
    private final FailureLimiter limiter;
    private final Clock clock;

    public CallbacksController(ContactCentre centre, OutboundPolicy policy, ContactCentreSettings settings, Clock clock) {
        this.centre = centre;
        this.policy = policy;
        this.clock = clock;
        ContactCentreSettings.WebCallbacks limits = settings.webCallbacks();
        // Each request is recorded as a "failure": the limiter's block then starts at the limit.
        this.limiter = new FailureLimiter(clock, limits.maxPerSource(), limits.window(), limits.window());
    }

    /** The request body. */
    public record CallbackBody(String queue, String number) {
    }

    /** The answer: the contact opened for the request, its position and the estimated wait (null: unknown). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TicketView(String contact, String queue, int position, Long estimatedWaitSeconds) {
        static TicketView of(CallbackTicket ticket) {
            return new TicketView(ticket.contact().toString(), ticket.queue().value(), ticket.position(),
                    QueuesController.seconds(ticket.estimatedWait()));
        }
    }

    @PostMapping("/api/v1/callbacks")
    public ResponseEntity<?> request(@RequestBody(required = false) CallbackBody body, HttpServletRequest request) {
        InetAddress source = address(request.getRemoteAddr());
        if (source != null) {
            if (limiter.isBlocked(source)) {
                return problem(HttpStatus.TOO_MANY_REQUESTS, "Trop de demandes",
                        "Trop de demandes de rappel depuis cette adresse : merci de réessayer plus tard.");
            }
            if (limiter.recordFailure(source)) {
                log.warn("web callbacks: {} reached the limit, refused for a while", source.getHostAddress());
            }
        }
        if (body == null || body.queue() == null || body.queue().isBlank() || body.number() == null || body.number().isBlank()) {
            return malformed();
        }
        QueueId queue;
        try {
            queue = new QueueId(body.queue().strip());
        } catch (IllegalArgumentException e) {
            return problem(HttpStatus.NOT_FOUND, "File d'attente inconnue", "Aucune file d'attente ne porte ce nom.");
        }
        Instant now = clock.instant();
        if (centre.queues(now).stream().noneMatch(status -> status.queue().equals(queue))) {
            return problem(HttpStatus.NOT_FOUND, "File d'attente inconnue", "Aucune file d'attente ne porte le nom « " + queue.value() + " ».");
        }
        if (policy.check(body.number()) instanceof OutboundVerdict.Refused refused) {
            return problem(HttpStatus.BAD_REQUEST, "Numéro refusé", "Ce numéro ne peut pas être rappelé : " + refused.reason() + ".");
        }
        CallbackTicket ticket;
        try {
            ticket = centre.requestCallback(queue, body.number(), now);
        } catch (CallbackUnavailableException e) {
            // No trunk, or the queue is full: the message is French and never names the number.
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "Rappel indisponible", e.getMessage());
        }
        log.info("web callback: contact {} waits in queue {} at position {}", ticket.contact(), queue.value(), ticket.position());
        return ResponseEntity.accepted().location(URI.create("/api/v1/contacts/" + ticket.contact()))
                .body(TicketView.of(ticket));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        return malformed();
    }

    private static ResponseEntity<ProblemDetail> malformed() {
        return problem(HttpStatus.BAD_REQUEST, "Demande invalide",
                "Le corps doit être {\"queue\": \"…\", \"number\": \"…\"} : la file d'attente et le numéro à rappeler.");
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }

    private static InetAddress address(String remote) {
        try {
            return remote == null ? null : InetAddress.getByName(remote);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
