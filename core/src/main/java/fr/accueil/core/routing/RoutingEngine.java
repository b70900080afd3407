package fr.accueil.core.routing;

import fr.accueil.core.contact.ContactId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The automatic call distributor's decisions: which waiting contact an agent takes next, which agent a
 * contact goes to, where a contact stands and how long it may wait. Pure logic: no I/O, no threads,
 * time passed in. The rules are written down in {@code docs/routing.md}.
 *
 * <p><b>Threading:</b> not thread-safe, by design. The server confines one engine to one thread (or one
 * lock); decisions are then consistent without any per-structure synchronisation on the hot path.
 *
 * <p><b>Time:</b> instants are used at millisecond resolution and never go backwards inside the engine:
 * an earlier {@code now} than one already seen is treated as the latest one seen (a preferred-agent window
 * that has ended stays ended).
 *
 * <p><b>Data structures</b> (no scan over agents or contacts on the decision path):
 * <ul>
 *   <li>A <em>routing group</em> is a queue together with one set of skill requirements (the queue's own,
 *       or a contact's override). Each agent knows the groups it qualifies for.</li>
 *   <li>Each group keeps its unreserved contacts in a tree ordered by a key fixed at enqueue time. Ageing is
 *       linear in time and shares one rate per queue, so the order inside a group never changes while
 *       contacts wait: only the heads of groups need comparing at decision time.</li>
 *   <li>Contacts reserved to their logged-in preferred agent sit in that agent's own per-group trees, and a
 *       tree ordered by window end releases them lazily when their window closes.</li>
 *   <li>Each group keeps its available agents in one tree per skill weight, ordered by idle-since: the best
 *       agent of a weight class is the head, so choosing an agent compares a handful of heads.</li>
 * </ul>
 * So {@link #nextForAgent} costs O(g·log n) for an agent qualified for g groups and
 * {@link #agentForContact} O(w) for w distinct skill weights.
 */
public final class RoutingEngine {
    /** Order inside one queue: higher key (aged priority) first, then earlier arrival, then enqueue order. */
    private static final Comparator<QueuedContact> QUEUE_ORDER = (a, b) -> {
        int byKey = Long.compare(b.orderKey, a.orderKey);
        if (byKey != 0) {
            return byKey;
        }
        int byArrival = Long.compare(a.arrivalMs, b.arrivalMs);
        return byArrival != 0 ? byArrival : Long.compare(a.seq, b.seq);
    };
    private static final Comparator<QueuedContact> WINDOW_END = (a, b) -> {
        int byEnd = Long.compare(a.windowEndMs, b.windowEndMs);
        return byEnd != 0 ? byEnd : Long.compare(a.seq, b.seq);
    };
    private static final Comparator<QueuedContact> ARRIVAL = (a, b) -> {
        int byArrival = Long.compare(a.arrivalMs, b.arrivalMs);
        return byArrival != 0 ? byArrival : Long.compare(a.seq, b.seq);
    };
    private static final Comparator<QueuedContact> MAX_WAIT_END = (a, b) -> {
        int byEnd = Long.compare(a.maxWaitEndMs, b.maxWaitEndMs);
        return byEnd != 0 ? byEnd : Long.compare(a.seq, b.seq);
    };
    private static final Comparator<RoutedAgent> LONGEST_IDLE = (a, b) -> {
        int bySince = Long.compare(a.availableSinceMs, b.availableSinceMs);
        return bySince != 0 ? bySince : a.id().compareTo(b.id());
    };

    private final Map<QueueId, QueueState> queues = new HashMap<>();
    private final Map<AgentId, RoutedAgent> agents = new HashMap<>();
    private final Map<ContactId, QueuedContact> contacts = new HashMap<>();
    /** Contacts whose preferred-agent window is still open, by preferred agent (present or not). */
    private final Map<AgentId, Set<QueuedContact>> preferring = new HashMap<>();
    private final TreeSet<QueuedContact> openWindows = new TreeSet<>(WINDOW_END);
    private final TreeSet<QueuedContact> byMaxWaitEnd = new TreeSet<>(MAX_WAIT_END);
    private final Consumer<AgentEvent> events;
    private long nextSeq;
    private long horizonMs = Long.MIN_VALUE;

    public RoutingEngine() {
        this(event -> { });
    }

    /** @param events receives every agent event, in order, e.g. for the contact journal */
    public RoutingEngine(Consumer<AgentEvent> events) {
        this.events = Objects.requireNonNull(events, "events");
    }

    // ---------------------------------------------------------------- queues

    public void addQueue(QueueDefinition definition) {
        if (queues.containsKey(definition.id())) {
            throw new IllegalArgumentException("queue " + definition.id() + " already exists");
        }
        QueueState queue = new QueueState(definition);
        queues.put(definition.id(), queue);
        groupFor(queue, definition.requiredSkills());
    }

    /** Removes an empty queue. */
    public void removeQueue(QueueId id) {
        QueueState queue = queue(id);
        if (!queue.all.isEmpty()) {
            throw new IllegalStateException("queue " + id + " still has " + queue.all.size() + " contacts");
        }
        for (RoutingGroup group : queue.groups.values()) {
            for (RoutedAgent agent : agents.values()) {
                if (agent.weights.remove(group) != null) {
                    agent.groups.remove(group);
                }
            }
        }
        queues.remove(id);
    }

    // ---------------------------------------------------------------- agents

    /** Adds an agent, logged out. */
    public void addAgent(AgentProfile profile) {
        if (agents.containsKey(profile.id())) {
            throw new IllegalArgumentException("agent " + profile.id() + " already exists");
        }
        RoutedAgent agent = new RoutedAgent(profile);
        agents.put(profile.id(), agent);
        for (QueueState queue : queues.values()) {
            for (RoutingGroup group : queue.groups.values()) {
                link(agent, group);
            }
        }
    }

    /** Removes a logged-out agent (log it out first: the server must end its calls). */
    public void removeAgent(AgentId id) {
        RoutedAgent agent = agent(id);
        if (!(agent.session.state() instanceof AgentState.LoggedOut)) {
            throw new IllegalStateException("agent " + id + " must be LOGGED_OUT to be removed, is "
                    + agent.session.state().label());
        }
        agents.remove(id);
    }

    public AgentState state(AgentId id) {
        return agent(id).session.state();
    }

    public Optional<Instant> idleSince(AgentId id) {
        return agent(id).session.idleSince();
    }

    public AgentEvent logIn(AgentId id, Instant now) {
        return transition(agent(id), now, session -> session.logIn(now));
    }

    public AgentEvent pause(AgentId id, String reason, Instant now) {
        return transition(agent(id), now, session -> session.pause(reason, now));
    }

    public AgentEvent ready(AgentId id, Instant now) {
        return transition(agent(id), now, session -> session.ready(now));
    }

    /**
     * Starts offering a contact to an agent (the agent rings; the contact is held out of the queue but keeps
     * its place). Refused if the contact is already offered, the agent is not qualified, or the contact is
     * reserved to another agent.
     */
    public AgentEvent offer(AgentId agentId, ContactId contactId, Instant now) {
        RoutedAgent agent = agent(agentId);
        QueuedContact contact = contact(contactId);
        advance(now);
        if (contact.location == Location.OFFERED) {
            throw new IllegalStateException("contact " + contactId + " is already offered to " + contact.offeredTo);
        }
        if (!agent.weights.containsKey(contact.group)) {
            throw new IllegalArgumentException("agent " + agentId + " is not qualified for contact " + contactId);
        }
        if (contact.location == Location.RESERVED && reservingAgent(contact) != agent) {
            throw new IllegalStateException("contact " + contactId + " is reserved to its preferred agent "
                    + contact.contact.preferredAgent().orElseThrow());
        }
        return transition(agent, now, session -> session.offer(contactId, now));
    }

    /** The agent answered: the contact leaves the queue. */
    public AgentEvent answer(AgentId id, Instant now) {
        return transition(agent(id), now, session -> session.answer(now));
    }

    /**
     * The offer rang out or was declined: the agent is paused "no answer" and the contact returns to its
     * place (the head, usually). If the agent was the preferred one, the reservation ends now.
     */
    public AgentEvent noAnswer(AgentId id, Instant now) {
        return transition(agent(id), now, session -> session.noAnswer(now));
    }

    public AgentEvent hangUp(AgentId id, Instant now) {
        return transition(agent(id), now, session -> session.hangUp(now));
    }

    public AgentEvent endWrapUp(AgentId id, Instant now) {
        return transition(agent(id), now, session -> session.endWrapUp(now));
    }

    public AgentEvent logOut(AgentId id, Instant now) {
        return transition(agent(id), now, session -> session.logOut(now));
    }

    // ---------------------------------------------------------------- contacts

    /** Puts a contact in its queue, or refuses it when the queue is at its maximum length. */
    public EnqueueResult enqueue(WaitingContact waiting) {
        QueueState queue = queue(waiting.queue());
        if (contacts.containsKey(waiting.id())) {
            throw new IllegalArgumentException("contact " + waiting.id() + " is already queued");
        }
        if (queue.all.size() >= queue.definition.maxLength()) {
            return new EnqueueResult.QueueFull(waiting.id(), queue.definition.id(), queue.definition.maxLength());
        }
        RoutingGroup group = groupFor(queue, waiting.requiredSkillsOverride().orElse(queue.definition.requiredSkills()));
        QueuedContact contact = new QueuedContact(waiting, group, nextSeq++);
        contacts.put(waiting.id(), contact);
        queue.all.add(contact);
        queue.byArrival.add(contact);
        byMaxWaitEnd.add(contact);
        if (waiting.preferredAgent().isPresent() && queue.windowMs > 0 && contact.windowEndMs > horizonMs) {
            contact.windowOpen = true;
            openWindows.add(contact);
            preferring.computeIfAbsent(waiting.preferredAgent().get(), key -> new HashSet<>()).add(contact);
        }
        place(contact);
        return new EnqueueResult.Accepted(waiting.id(), rank(contact));
    }

    /**
     * The contact leaves the queue (caller hung up, overflow, transfer). If an agent's phone was ringing for
     * it, the offer is withdrawn and the agent is available again. Empty if the contact was not queued.
     */
    public Optional<WaitingContact> abandon(ContactId id, Instant now) {
        QueuedContact contact = contacts.get(id);
        if (contact == null) {
            return Optional.empty();
        }
        advance(now);
        AgentId offeredTo = contact.offeredTo;
        removeContact(contact);
        if (offeredTo != null) {
            transition(agents.get(offeredTo), now, session -> session.withdrawOffer(now));
        }
        return Optional.of(contact.contact);
    }

    public boolean isQueued(ContactId id) {
        return contacts.containsKey(id);
    }

    // ---------------------------------------------------------------- decisions

    /**
     * The contact this agent should take now: the one with the highest effective priority (then earliest
     * arrival) among the queues it is qualified for, skipping contacts reserved to another logged-in
     * preferred agent. Empty if the agent is not available or nothing is waiting for it.
     */
    public Optional<Assignment> nextForAgent(AgentId id, Instant now) {
        RoutedAgent agent = agent(id);
        long nowMs = advance(now);
        if (!(agent.session.state() instanceof AgentState.Available)) {
            return Optional.empty();
        }
        QueuedContact best = null;
        List<RoutingGroup> groups = agent.groups;
        for (int i = 0, n = groups.size(); i < n; i++) {
            TreeSet<QueuedContact> open = groups.get(i).open;
            if (!open.isEmpty()) {
                best = first(best, open.first(), nowMs);
            }
        }
        for (TreeSet<QueuedContact> reserved : agent.reserved.values()) {
            best = first(best, reserved.first(), nowMs);
        }
        return best == null ? Optional.empty() : Optional.of(assignment(agent, best));
    }

    /**
     * The agent this contact should be offered to now: its preferred agent while the contact is reserved to
     * it (empty if that agent is busy), otherwise the available qualified agent with the highest score
     * {@code idleMillis × (4 + surplus)}, i.e. idle time × (1 + 0.25 × skill levels above the minimums);
     * ties go to the longest idle, then the smallest agent id. Empty if the contact is being offered or no
     * agent fits.
     */
    public Optional<Assignment> agentForContact(ContactId id, Instant now) {
        QueuedContact contact = contact(id);
        long nowMs = advance(now);
        switch (contact.location) {
            case OFFERED -> {
                return Optional.empty();
            }
            case RESERVED -> {
                RoutedAgent preferred = agents.get(contact.contact.preferredAgent().orElseThrow());
                return preferred.session.state() instanceof AgentState.Available
                        ? Optional.of(assignment(preferred, contact))
                        : Optional.empty();
            }
            case OPEN -> {
                RoutedAgent best = null;
                long bestScore = 0;
                List<WeightClass> classes = contact.group.available;
                for (int i = 0, n = classes.size(); i < n; i++) {
                    WeightClass weightClass = classes.get(i);
                    if (weightClass.agents.isEmpty()) {
                        continue;
                    }
                    RoutedAgent candidate = weightClass.agents.first();
                    long score = Math.multiplyExact(nowMs - candidate.availableSinceMs, (long) weightClass.weight);
                    if (best == null || score > bestScore
                            || (score == bestScore && LONGEST_IDLE.compare(candidate, best) < 0)) {
                        best = candidate;
                        bestScore = score;
                    }
                }
                return best == null ? Optional.empty() : Optional.of(assignment(best, contact));
            }
            default -> throw new AssertionError(contact.location);
        }
    }

    // ---------------------------------------------------------------- position and estimated wait

    /** 1-based position of a queued contact in its queue's order (contacts being offered included). */
    public OptionalInt position(ContactId id) {
        QueuedContact contact = contacts.get(id);
        return contact == null ? OptionalInt.empty() : OptionalInt.of(rank(contact));
    }

    public int waitingCount(QueueId id) {
        return queue(id).all.size();
    }

    /** How long the queue's longest-waiting contact has waited; empty if nobody waits. */
    public Optional<Duration> longestWait(QueueId id, Instant now) {
        QueueState queue = queue(id);
        long nowMs = advance(now);
        return queue.byArrival.isEmpty()
                ? Optional.empty()
                : Optional.of(Duration.ofMillis(nowMs - queue.byArrival.first().arrivalMs));
    }

    /**
     * Contacts that have waited their queue's {@code maxWait} or more (oldest deadline first), including
     * any being offered. They stay queued: the server overflows them and then calls {@link #abandon}.
     */
    public List<WaitingContact> pastMaxWait(Instant now) {
        long nowMs = advance(now);
        List<WaitingContact> overdue = new ArrayList<>();
        for (QueuedContact contact : byMaxWaitEnd) {
            if (contact.maxWaitEndMs > nowMs) {
                break;
            }
            overdue.add(contact.contact);
        }
        return overdue;
    }

    /** Logged-in agents (in any state but LOGGED_OUT) qualified for the queue's own requirements. */
    public int staffedAgents(QueueId id) {
        return queue(id).base.loggedIn;
    }

    /** Feeds the queue's moving average of handling times (talk plus wrap-up, as the server measures it). */
    public void recordHandled(QueueId id, Duration handlingTime) {
        queue(id).handling.record(handlingTime);
    }

    /**
     * Estimated wait of a contact joining the queue now: {@code (waiting + 1) / staffed × average handling
     * time}. Unknown (empty) when no qualified agent is logged in or no handling time was recorded yet.
     */
    public Optional<Duration> estimatedWait(QueueId id) {
        QueueState queue = queue(id);
        return estimate(queue.all.size() + 1, queue.base.loggedIn, queue.handling);
    }

    /** Estimated remaining wait of a queued contact: {@code position / staffed × average handling time}. */
    public Optional<Duration> estimatedWait(ContactId id) {
        QueuedContact contact = contact(id);
        return estimate(rank(contact), contact.group.loggedIn, contact.group.queue.handling);
    }

    private static Optional<Duration> estimate(int position, int staffed, HandlingTimeAverage handling) {
        if (staffed == 0) {
            return Optional.empty();
        }
        return handling.averageMillis().map(average -> Duration.ofMillis(Math.round(position * average / staffed)));
    }

    // ---------------------------------------------------------------- internals

    private AgentEvent transition(RoutedAgent agent, Instant now, Function<AgentSession, AgentEvent> step) {
        advance(now);
        AgentState before = agent.session.state();
        AgentEvent event = step.apply(agent.session); // throws, changing nothing, if illegal
        agentStateChanged(agent, before, event);
        events.accept(event);
        return event;
    }

    /** Keeps the indexes in line with an agent's transition. */
    private void agentStateChanged(RoutedAgent agent, AgentState before, AgentEvent event) {
        AgentState after = agent.session.state();
        if (before instanceof AgentState.Available) {
            for (RoutingGroup group : agent.groups) {
                group.classFor(agent.weights.get(group)).agents.remove(agent);
            }
        }
        boolean wasLoggedOut = before instanceof AgentState.LoggedOut;
        boolean isLoggedOut = after instanceof AgentState.LoggedOut;
        if (wasLoggedOut && !isLoggedOut) {
            loggedIn(agent);
        } else if (!wasLoggedOut && isLoggedOut) {
            loggedOut(agent);
        }
        switch (event) {
            case AgentEvent.Offered offered -> {
                QueuedContact contact = contacts.get(offered.contact());
                unplace(contact);
                contact.location = Location.OFFERED;
                contact.offeredTo = agent.id();
            }
            case AgentEvent.Answered answered -> removeContact(contacts.get(answered.contact()));
            case AgentEvent.NoAnswer noAnswer -> {
                QueuedContact contact = contacts.get(noAnswer.contact());
                contact.offeredTo = null;
                if (contact.contact.preferredAgent().filter(agent.id()::equals).isPresent()) {
                    closeWindow(contact); // the preferred agent did not answer: stop holding the contact for it
                }
                place(contact);
            }
            default -> { }
        }
        if (after instanceof AgentState.Available) {
            agent.availableSinceMs = agent.session.idleSince().orElseThrow().toEpochMilli();
            for (RoutingGroup group : agent.groups) {
                group.classFor(agent.weights.get(group)).agents.add(agent);
            }
        }
    }

    private void loggedIn(RoutedAgent agent) {
        for (RoutingGroup group : agent.groups) {
            group.loggedIn++;
        }
        Set<QueuedContact> waitingForIt = preferring.get(agent.id());
        if (waitingForIt != null) {
            for (QueuedContact contact : waitingForIt) {
                if (contact.location == Location.OPEN && reservingAgent(contact) == agent) {
                    unplace(contact);
                    place(contact);
                }
            }
        }
    }

    private void loggedOut(RoutedAgent agent) {
        for (RoutingGroup group : agent.groups) {
            group.loggedIn--;
        }
        for (TreeSet<QueuedContact> reserved : agent.reserved.values()) {
            for (QueuedContact contact : reserved) {
                contact.group.open.add(contact);
                contact.location = Location.OPEN;
            }
        }
        agent.reserved.clear();
    }

    private void link(RoutedAgent agent, RoutingGroup group) {
        AgentProfile profile = agent.profile;
        if (!profile.qualifiesFor(group.queue.definition.service(), group.requirements)) {
            return;
        }
        int weight = 4 + group.requirements.surplus(profile.skills());
        agent.weights.put(group, weight);
        agent.groups.add(group);
        AgentState state = agent.session.state();
        if (!(state instanceof AgentState.LoggedOut)) {
            group.loggedIn++;
        }
        if (state instanceof AgentState.Available) {
            group.classFor(weight).agents.add(agent);
        }
    }

    private RoutingGroup groupFor(QueueState queue, SkillRequirements requirements) {
        RoutingGroup group = queue.groups.get(requirements);
        if (group == null) {
            // Once per distinct requirement set per queue: the scan over agents stays off the hot path.
            group = new RoutingGroup(queue, requirements);
            queue.groups.put(requirements, group);
            if (queue.base == null) {
                queue.base = group;
            }
            for (RoutedAgent agent : agents.values()) {
                link(agent, group);
            }
        }
        return group;
    }

    /** Advances the engine's clock and releases reservations whose window has ended. */
    private long advance(Instant now) {
        long nowMs = Math.max(now.toEpochMilli(), horizonMs);
        horizonMs = nowMs;
        while (!openWindows.isEmpty() && openWindows.first().windowEndMs <= nowMs) {
            QueuedContact contact = openWindows.first();
            boolean reserved = contact.location == Location.RESERVED;
            if (reserved) {
                unplace(contact);
            }
            closeWindow(contact);
            if (reserved) {
                place(contact);
            }
        }
        return nowMs;
    }

    /** The agent this contact is currently reserved to, or null. */
    private RoutedAgent reservingAgent(QueuedContact contact) {
        if (!contact.windowOpen) {
            return null;
        }
        RoutedAgent preferred = agents.get(contact.contact.preferredAgent().orElseThrow());
        if (preferred == null || preferred.session.state() instanceof AgentState.LoggedOut
                || !preferred.weights.containsKey(contact.group)) {
            return null;
        }
        return preferred;
    }

    private void place(QueuedContact contact) {
        RoutedAgent preferred = reservingAgent(contact);
        if (preferred != null) {
            preferred.reserved.computeIfAbsent(contact.group, group -> new TreeSet<>(QUEUE_ORDER)).add(contact);
            contact.location = Location.RESERVED;
        } else {
            contact.group.open.add(contact);
            contact.location = Location.OPEN;
        }
    }

    private void unplace(QueuedContact contact) {
        switch (contact.location) {
            case OPEN -> contact.group.open.remove(contact);
            case RESERVED -> {
                RoutedAgent preferred = agents.get(contact.contact.preferredAgent().orElseThrow());
                TreeSet<QueuedContact> reserved = preferred.reserved.get(contact.group);
                reserved.remove(contact);
                if (reserved.isEmpty()) {
                    preferred.reserved.remove(contact.group);
                }
            }
            case OFFERED -> { }
        }
    }

    private void closeWindow(QueuedContact contact) {
        if (!contact.windowOpen) {
            return;
        }
        contact.windowOpen = false;
        openWindows.remove(contact);
        AgentId preferred = contact.contact.preferredAgent().orElseThrow();
        Set<QueuedContact> waiting = preferring.get(preferred);
        waiting.remove(contact);
        if (waiting.isEmpty()) {
            preferring.remove(preferred);
        }
    }

    private void removeContact(QueuedContact contact) {
        unplace(contact);
        closeWindow(contact);
        contact.group.queue.all.remove(contact);
        contact.group.queue.byArrival.remove(contact);
        byMaxWaitEnd.remove(contact);
        contacts.remove(contact.contact.id());
        contact.offeredTo = null;
    }

    private int rank(QueuedContact contact) {
        // O(position): announcements are occasional, decisions never call this.
        return contact.group.queue.all.headSet(contact, false).size() + 1;
    }

    /** Which of two contacts (possibly of different queues) is served first at {@code nowMs}. */
    private static QueuedContact first(QueuedContact current, QueuedContact candidate, long nowMs) {
        if (current == null) {
            return candidate;
        }
        int byPriority = AgedPriority.compare(candidate.agedNumerator(nowMs), candidate.agedDenominator(),
                current.agedNumerator(nowMs), current.agedDenominator());
        if (byPriority != 0) {
            return byPriority > 0 ? candidate : current;
        }
        if (candidate.arrivalMs != current.arrivalMs) {
            return candidate.arrivalMs < current.arrivalMs ? candidate : current;
        }
        return candidate.seq < current.seq ? candidate : current;
    }

    private static Assignment assignment(RoutedAgent agent, QueuedContact contact) {
        boolean preferred = contact.contact.preferredAgent().filter(agent.id()::equals).isPresent();
        return new Assignment(agent.id(), contact.contact.id(), contact.contact.queue(), preferred);
    }

    private QueueState queue(QueueId id) {
        QueueState queue = queues.get(Objects.requireNonNull(id, "queue"));
        if (queue == null) {
            throw new IllegalArgumentException("unknown queue " + id);
        }
        return queue;
    }

    private RoutedAgent agent(AgentId id) {
        RoutedAgent agent = agents.get(Objects.requireNonNull(id, "agent"));
        if (agent == null) {
            throw new IllegalArgumentException("unknown agent " + id);
        }
        return agent;
    }

    private QueuedContact contact(ContactId id) {
        QueuedContact contact = contacts.get(Objects.requireNonNull(id, "contact"));
        if (contact == null) {
            throw new IllegalArgumentException("contact " + id + " is not queued");
        }
        return contact;
    }

    private enum Location { OPEN, RESERVED, OFFERED }

    private static final class QueueState {
        final QueueDefinition definition;
        final long stepMs;
        final long windowMs;
        final Map<SkillRequirements, RoutingGroup> groups = new HashMap<>();
        final TreeSet<QueuedContact> all = new TreeSet<>(QUEUE_ORDER);
        final TreeSet<QueuedContact> byArrival = new TreeSet<>(ARRIVAL);
        final HandlingTimeAverage handling = new HandlingTimeAverage();
        RoutingGroup base;

        QueueState(QueueDefinition definition) {
            this.definition = definition;
            this.stepMs = definition.agingStep().toMillis();
            this.windowMs = definition.preferredAgentWindow().toMillis();
        }
    }

    /** A queue with one set of skill requirements. Identity equality (used as a map key by identity). */
    private static final class RoutingGroup {
        final QueueState queue;
        final SkillRequirements requirements;
        final TreeSet<QueuedContact> open = new TreeSet<>(QUEUE_ORDER);
        final List<WeightClass> available = new ArrayList<>(2);
        int loggedIn;

        RoutingGroup(QueueState queue, SkillRequirements requirements) {
            this.queue = queue;
            this.requirements = requirements;
        }

        WeightClass classFor(int weight) {
            for (int i = 0, n = available.size(); i < n; i++) {
                if (available.get(i).weight == weight) {
                    return available.get(i);
                }
            }
            WeightClass created = new WeightClass(weight);
            available.add(created);
            return created;
        }
    }

    /** Available agents of one group with the same skill weight, longest idle first. */
    private static final class WeightClass {
        final int weight;
        final TreeSet<RoutedAgent> agents = new TreeSet<>(LONGEST_IDLE);

        WeightClass(int weight) {
            this.weight = weight;
        }
    }

    private static final class RoutedAgent {
        final AgentProfile profile;
        final AgentSession session;
        final List<RoutingGroup> groups = new ArrayList<>();
        final Map<RoutingGroup, Integer> weights = new HashMap<>();
        /** Contacts reserved to this agent as their preferred agent, per group. */
        final Map<RoutingGroup, TreeSet<QueuedContact>> reserved = new HashMap<>();
        /** Key in the groups' available trees; only changed while the agent is out of them. */
        long availableSinceMs;

        RoutedAgent(AgentProfile profile) {
            this.profile = profile;
            this.session = new AgentSession(profile.id());
        }

        AgentId id() {
            return profile.id();
        }
    }

    private static final class QueuedContact {
        final WaitingContact contact;
        final RoutingGroup group;
        final long seq;
        final long arrivalMs;
        final long stepMs;
        final long basePriority;
        /** Aged priority scaled by the step, minus the time origin: fixed while waiting (see class doc). */
        final long orderKey;
        final long windowEndMs;
        final long maxWaitEndMs;
        boolean windowOpen;
        Location location;
        AgentId offeredTo;

        QueuedContact(WaitingContact contact, RoutingGroup group, long seq) {
            this.contact = contact;
            this.group = group;
            this.seq = seq;
            this.arrivalMs = contact.enqueuedAt().toEpochMilli();
            this.stepMs = group.queue.stepMs;
            this.basePriority = (long) group.queue.definition.priority() + contact.priority();
            // base + (now - arrival) / step  ranks like  base * step - arrival  for every now.
            this.orderKey = stepMs > 0 ? basePriority * stepMs - arrivalMs : basePriority;
            this.windowEndMs = arrivalMs + group.queue.windowMs;
            this.maxWaitEndMs = arrivalMs + group.queue.definition.maxWait().toMillis();
        }

        /** Effective priority at {@code nowMs} is {@code agedNumerator / agedDenominator}. */
        long agedNumerator(long nowMs) {
            return stepMs > 0 ? orderKey + nowMs : basePriority;
        }

        long agedDenominator() {
            return stepMs > 0 ? stepMs : 1;
        }
    }
}
