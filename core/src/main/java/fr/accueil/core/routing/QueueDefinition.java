package fr.accueil.core.routing;

import java.time.Duration;
import java.util.Objects;

/**
 * A queue of one service (or a shared one) and its routing rules.
 *
 * @param id                    the queue's identifier
 * @param service               the service whose agents may serve it (see {@link AgentProfile#services()})
 * @param requiredSkills        minimum skill levels an agent needs (a contact may override them)
 * @param priority              added to each contact's own priority; higher is served first, in [-1000, 1000]
 * @param maxLength             contacts beyond this are refused with {@link EnqueueResult.QueueFull}
 * @param maxWait               wait after which the server overflows the contact (reported, not enforced here)
 * @param preferredAgentWindow  how long a contact is reserved to its logged-in preferred agent; zero disables
 * @param agingStep             a waiting contact gains one priority point per step waited; zero disables ageing
 */
public record QueueDefinition(
        QueueId id,
        String service,
        SkillRequirements requiredSkills,
        int priority,
        int maxLength,
        Duration maxWait,
        Duration preferredAgentWindow,
        Duration agingStep) {

    public static final int MAX_PRIORITY = 1000;
    public static final Duration DEFAULT_PREFERRED_AGENT_WINDOW = Duration.ofSeconds(20);
    public static final Duration DEFAULT_AGING_STEP = Duration.ofSeconds(30);
    /** Bounds keep the exact priority arithmetic far from overflow (see {@code AgedPriority}). */
    static final Duration MAX_STEP_OR_WINDOW = Duration.ofDays(1);

    public QueueDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(requiredSkills, "requiredSkills");
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(preferredAgentWindow, "preferredAgentWindow");
        Objects.requireNonNull(agingStep, "agingStep");
        if (service.isBlank()) {
            throw new IllegalArgumentException("queue " + id + ": service must not be blank");
        }
        requirePriority(priority, "queue " + id + ": priority");
        if (maxLength < 1) {
            throw new IllegalArgumentException("queue " + id + ": maxLength must be at least 1, was " + maxLength);
        }
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("queue " + id + ": maxWait must be positive, was " + maxWait);
        }
        requireBoundedMillis(preferredAgentWindow, "queue " + id + ": preferredAgentWindow");
        requireBoundedMillis(agingStep, "queue " + id + ": agingStep");
    }

    /** A queue with no skill requirement, priority 0, 100 places, 15 min max wait, default window and ageing. */
    public static QueueDefinition of(QueueId id, String service) {
        return new QueueDefinition(id, service, SkillRequirements.NONE, 0, 100, Duration.ofMinutes(15),
                DEFAULT_PREFERRED_AGENT_WINDOW, DEFAULT_AGING_STEP);
    }

    public QueueDefinition withRequiredSkills(SkillRequirements skills) {
        return new QueueDefinition(id, service, skills, priority, maxLength, maxWait, preferredAgentWindow, agingStep);
    }

    public QueueDefinition withPriority(int newPriority) {
        return new QueueDefinition(id, service, requiredSkills, newPriority, maxLength, maxWait, preferredAgentWindow, agingStep);
    }

    public QueueDefinition withMaxLength(int newMaxLength) {
        return new QueueDefinition(id, service, requiredSkills, priority, newMaxLength, maxWait, preferredAgentWindow, agingStep);
    }

    public QueueDefinition withPreferredAgentWindow(Duration window) {
        return new QueueDefinition(id, service, requiredSkills, priority, maxLength, maxWait, window, agingStep);
    }

    public QueueDefinition withAgingStep(Duration step) {
        return new QueueDefinition(id, service, requiredSkills, priority, maxLength, maxWait, preferredAgentWindow, step);
    }

    static void requirePriority(int priority, String what) {
        if (priority < -MAX_PRIORITY || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException(what + " must be in [-" + MAX_PRIORITY + ", " + MAX_PRIORITY + "], was " + priority);
        }
    }

    private static void requireBoundedMillis(Duration duration, String what) {
        if (duration.isNegative() || duration.compareTo(MAX_STEP_OR_WINDOW) > 0) {
            throw new IllegalArgumentException(what + " must be in [0, " + MAX_STEP_OR_WINDOW + "], was " + duration);
        }
        if (duration.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException(what + " must be a whole number of milliseconds, was " + duration);
        }
    }
}
