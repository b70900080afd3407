package fr.accueil.server.wallboard;

import fr.accueil.telephony.acd.AgentStatus;
import fr.accueil.telephony.acd.ContactCentre;
import fr.accueil.telephony.acd.QueueStatus;
import java.time.Instant;
import java.util.List;

/** The live queues and agents the wallboard shows: the contact centre's, or none in unit tests. */
public interface LiveQueues {
    LiveQueues NONE = new LiveQueues() {
        @Override
        public List<QueueStatus> queues(Instant now) {
            return List.of();
        }

        @Override
        public List<AgentStatus> agents(Instant now) {
            return List.of();
        }
    };

    List<QueueStatus> queues(Instant now);

    List<AgentStatus> agents(Instant now);

    static LiveQueues of(ContactCentre centre) {
        return new LiveQueues() {
            @Override
            public List<QueueStatus> queues(Instant now) {
                return centre.queues(now);
            }

            @Override
            public List<AgentStatus> agents(Instant now) {
                return centre.agents(now);
            }
        };
    }
}
