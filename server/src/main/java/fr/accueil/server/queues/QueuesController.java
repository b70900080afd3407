package fr.accueil.server.queues;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.accueil.telephony.acd.ContactCentre;
import fr.accueil.telephony.acd.QueueStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/queues}: every configured queue, live, from the contact centre. Open for reading
 * like the other operational read endpoints ({@code /api/v1/contacts}, {@code /api/v1/agents}).
 */
@RestController
public class QueuesController {
    private final ContactCentre centre;
    private final Clock clock;

    public QueuesController(ContactCentre centre, Clock clock) {
        this.centre = centre;
        this.clock = clock;
    }

    /**
     * One queue as the API shows it; {@code estimatedWaitSeconds} is null while unknown (no recent
     * handling time or no staffed agent); {@code live} marks figures read from the runtime, not a roll-up.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record QueueView(String id, String service, int waiting, long longestWaitSeconds, Long estimatedWaitSeconds,
                            Map<String, Integer> agents, boolean live) {

        static QueueView of(QueueStatus status) {
            return new QueueView(status.queue().value(), status.service(), status.waiting(),
                    status.longestWait().map(Duration::toSeconds).orElse(0L), seconds(status.estimatedWait()),
                    AgentStateNames.countsByState(status.agentsByState()), true);
        }
    }

    @GetMapping("/api/v1/queues")
    public List<QueueView> queues() {
        return centre.queues(clock.instant()).stream().map(QueueView::of).toList();
    }

    static Long seconds(Optional<Duration> duration) {
        return duration.map(Duration::toSeconds).orElse(null);
    }
}
