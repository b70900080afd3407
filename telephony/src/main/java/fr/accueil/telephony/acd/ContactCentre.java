package fr.accueil.telephony.acd;

import fr.accueil.core.callback.CallbackBook;
import fr.accueil.core.callback.CallbackRequest;
import fr.accueil.core.contact.CallerPseudonym;
import fr.accueil.core.contact.Channel;
import fr.accueil.core.contact.Contact;
import fr.accueil.core.contact.ContactEvent;
import fr.accueil.core.contact.ContactId;
import fr.accueil.core.contact.ContactJournal;
import fr.accueil.core.contact.EndReason;
import fr.accueil.core.contact.Outcome;
import fr.accueil.core.contact.Side;
import fr.accueil.core.directory.Directory;
import fr.accueil.core.directory.DialledNumber;
import fr.accueil.core.directory.NumberRoute;
import fr.accueil.core.directory.PromptRef;
import fr.accueil.core.directory.Service;
import fr.accueil.core.directory.ServiceId;
import fr.accueil.core.outbound.OutboundPolicy;
import fr.accueil.core.outbound.OutboundVerdict;
import fr.accueil.core.routing.AgentEvent;
import fr.accueil.core.routing.AgentId;
import fr.accueil.core.routing.AgentProfile;
import fr.accueil.core.routing.AgentState;
import fr.accueil.core.routing.EnqueueResult;
import fr.accueil.core.routing.IllegalAgentTransitionException;
import fr.accueil.core.routing.QueueDefinition;
import fr.accueil.core.routing.QueueId;
import fr.accueil.core.routing.QueueSetup;
import fr.accueil.core.routing.WaitingContact;
import fr.accueil.telephony.call.Call;
import fr.accueil.telephony.call.Dial;
import fr.accueil.telephony.call.Dialer;
import fr.accueil.telephony.ivr.ContactRecorder;
import fr.accueil.telephony.ivr.QueueEntrance;
import fr.accueil.telephony.media.AudioClip;
import fr.accueil.telephony.media.Prompts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue runtime (ACD): queued callers, agents' states, offers, bridges, transfers and callbacks.
 * The server wires one instance; the IVR hands it callers who choose a queue ({@link #serve}), the API
 * reads {@link #queues}, {@link #agents} and changes agents' states, the contact pages book callbacks.
 *
 * <p>Threading (decision 0008): each queued caller runs on its own call's virtual thread; each callback
 * attempt on a virtual thread of its own; the routing decisions under one lock ({@link Distributor}), never
 * with I/O under it; one timer thread ends wrap-ups, re-enqueues due callbacks and re-matches agents
 * whose preferred-agent windows closed. Thread-safe.
 */
public final class ContactCentre implements QueueEntrance, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ContactCentre.class);
    private static final Duration SWEEP_EVERY = Duration.ofMillis(250);
    /** A music prompt shorter than this is a comfort message: a pause follows it before it is said again. */
    private static final Duration COMFORT_PROMPT_BELOW = Duration.ofSeconds(10);
    private static final Duration COMFORT_PAUSE = Duration.ofSeconds(6);
    public static final String CONTACT_HEADER = "X-Accueil-Contact";

    private final Dialer dialer;
    private final AgentPhones phones;
    private final Prompts prompts;
    private final CallbackBook book;
    private final OutboundPolicy policy;
    private final Optional<OutboundTrunk> trunk;
    private final CallbackRules callbackRules;
    private final CallerPseudonym pseudonym;
    private final Duration lastAgentMemory;
    private final ContactJournal journal;
    private final Clock clock;
    private final Distributor distributor;
    private final ScheduledExecutorService timer;
    private final Map<String, LastAgent> lastAgents = new ConcurrentHashMap<>();
    private final Map<ContactId, PendingCallback> deferredCallbacks = new ConcurrentHashMap<>();
    private final Map<AgentId, Long> wrapUps = new ConcurrentHashMap<>();
    private final List<Consumer<AgentEvent>> agentListeners = new CopyOnWriteArrayList<>();
    private final Map<AudioClip, List<AudioClip>> musicSlices = new WeakHashMap<>();
    private final AudioClip silenceSlice = AudioClip.silence(QueuedCaller.SLICE);
    private volatile Map<QueueId, QueueSetup> setups = Map.of();
    private volatile Directory directory = Directory.empty();

    private record LastAgent(AgentId agent, Instant until) {
    }

    /**
     * @param trunk           the outbound trunk; empty: callbacks and overflow or transfer to numbers are impossible
     * @param lastAgentMemory how long a caller's last agent is remembered (by caller pseudonym) and offered first
     * @param journal         where web callback contacts are opened (phone contacts come with their recorder)
     */
    public ContactCentre(Dialer dialer, AgentPhones phones, Prompts prompts, CallbackBook book, OutboundPolicy policy,
                         Optional<OutboundTrunk> trunk, CallbackRules callbackRules, CallerPseudonym pseudonym,
                         Duration lastAgentMemory, ContactJournal journal, Clock clock) {
        this.dialer = Objects.requireNonNull(dialer, "dialer");
        this.phones = Objects.requireNonNull(phones, "phones");
        this.prompts = Objects.requireNonNull(prompts, "prompts");
        this.book = Objects.requireNonNull(book, "book");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.trunk = Objects.requireNonNull(trunk, "trunk");
        this.callbackRules = Objects.requireNonNull(callbackRules, "callbackRules");
        this.pseudonym = Objects.requireNonNull(pseudonym, "pseudonym");
        this.lastAgentMemory = Objects.requireNonNull(lastAgentMemory, "lastAgentMemory");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.distributor = new Distributor(clock, event -> agentListeners.forEach(listener -> listener.accept(event)));
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("acd-timer").factory());
        timer.scheduleWithFixedDelay(this::tick, SWEEP_EVERY.toMillis(), SWEEP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ------------------------------------------------------------------ configuration

    /**
     * Applies the configured queues and agents. Reload-safe: waiting contacts and agents' states survive
     * for unchanged queues and agents; a changed queue still holding contacts, or a changed agent still
     * logged in, keeps its old definition until it is empty or logged out.
     */
    public void configure(List<QueueSetup> queues, List<AgentProfile> agents) {
        Map<QueueId, QueueSetup> next = new LinkedHashMap<>();
        queues.forEach(q -> next.put(q.id(), q));
        distributor.configure(queues.stream().map(QueueSetup::definition).toList(), agents);
        setups = Collections.unmodifiableMap(next); // configuration order kept for the API
    }

    /** As {@link #configure(List, List)}, with the directory used to name services and resolve transfer targets. */
    public void configure(List<QueueSetup> queues, List<AgentProfile> agents, Directory directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
        configure(queues, agents);
    }

    // ------------------------------------------------------------------ callers

    /**
     * Serves a caller who chose a queue, on the caller's thread, until the call is over for the queue
     * (handled, abandoned, overflowed, callback booked). Records the events and closes the recorder,
     * except for a booked callback, whose contact stays open until the callback ends.
     */
    @Override
    public void serve(Call call, ContactRecorder recorder, Service service, QueueId queue) {
        QueueSetup setup = setups.get(queue);
        if (setup == null) {
            log.warn("[{}] queue {} is not configured", call.callId(), queue);
            try {
                call.play(clips(List.of(QueuePrompts.TECHNICAL_ERROR)), false);
            } catch (Exception ignored) {
                // caller gone
            }
            call.hangUp();
            recorder.close(Outcome.FAILED, EndReason.ERROR, Side.SYSTEM);
            return;
        }
        new QueuedCaller(this, call, recorder, service, setup).run();
    }

    // ------------------------------------------------------------------ live status

    /** Every queue, live, in configuration order. */
    public List<QueueStatus> queues(Instant now) {
        List<QueueSetup> all = List.copyOf(setups.values());
        List<AgentProfile> profiles = distributor.profiles();
        return distributor.read(engine -> {
            List<QueueStatus> statuses = new ArrayList<>();
            for (QueueSetup setup : all) {
                QueueDefinition definition = setup.definition();
                Map<String, Integer> byState = new TreeMap<>();
                for (AgentProfile profile : profiles) {
                    if (profile.qualifiesFor(definition.service(), definition.requiredSkills())) {
                        byState.merge(engine.state(profile.id()).label(), 1, Integer::sum);
                    }
                }
                statuses.add(new QueueStatus(definition.id(), definition.service(), engine.waitingCount(definition.id()),
                        engine.longestWait(definition.id(), now), engine.estimatedWait(definition.id()), byState));
            }
            return statuses;
        });
    }

    /** Every agent, live. */
    public List<AgentStatus> agents(Instant now) {
        List<AgentStatus> statuses = new ArrayList<>();
        for (AgentProfile profile : distributor.profiles()) {
            AgentState state = distributor.read(engine -> engine.state(profile.id()));
            Optional<String> reason = state instanceof AgentState.Paused paused ? Optional.of(paused.reason()) : Optional.empty();
            statuses.add(new AgentStatus(profile.id(), profile.name(), state.label(), distributor.since(profile.id()), reason,
                    phones.contactUris(profile.id(), now).size()));
        }
        return statuses;
    }

    /** The agent's current state; empty for an unknown agent. */
    public Optional<AgentState> stateOf(AgentId agent) {
        return distributor.knowsAgent(agent) ? Optional.of(distributor.read(engine -> engine.state(agent))) : Optional.empty();
    }

    /**
     * Moves an agent towards {@code target}: AVAILABLE logs in (from logged out), readies (from paused) or ends
     * the wrap-up; PAUSED needs a reason. An agent made available is offered the next contact at once.
     *
     * @throws IllegalAgentTransitionException        when the current state forbids it (409)
     * @throws IllegalArgumentException               for a pause without a reason (400)
     * @throws java.util.NoSuchElementException       for an unknown agent (404)
     */
    public AgentEvent changeState(AgentId agent, AgentTarget target, String reason) {
        return distributor.change(agent, target, reason);
    }

    /**
     * Receives every agent event in order (log-in, pause, offer, answer, wrap-up…), e.g. for the wallboard's
     * live feed. Called under the routing lock: the listener must hand the event over and return at once.
     */
    public void addAgentListener(Consumer<AgentEvent> listener) {
        agentListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    // ------------------------------------------------------------------ web callbacks

    /**
     * A callback asked from a web contact form: a contact opens (channel WEB), waits in the queue like a
     * call (same ordering) and is called back when an agent is free.
     *
     * @throws CallbackUnavailableException no trunk, unknown or full queue, or a number the policy refuses
     */
    public CallbackTicket requestCallback(QueueId queue, String number, Instant now) {
        if (trunk.isEmpty()) {
            throw new CallbackUnavailableException("Le rappel n'est pas disponible : aucune ligne sortante n'est configurée.");
        }
        QueueSetup setup = setups.get(queue);
        if (setup == null) {
            throw new CallbackUnavailableException("File d'attente inconnue : " + queue);
        }
        if (!(policy.check(number) instanceof OutboundVerdict.Allowed allowed)) {
            throw new CallbackUnavailableException("Ce numéro ne peut pas être rappelé : "
                    + ((OutboundVerdict.Refused) policy.check(number)).reason());
        }
        if (distributor.read(engine -> engine.waitingCount(queue)) >= setup.definition().maxLength()) {
            throw new CallbackUnavailableException("La file d'attente est complète, merci de réessayer plus tard.");
        }
        Optional<Service> service = service(setup.definition().service());
        ContactRecorder recorder = ContactRecorder.open(journal, clock, Channel.WEB, "web-callback", now,
                new ContactRecorder.Origin(service.map(s -> s.administration().value()).orElse(null), setup.definition().service(),
                        null, null, pseudonym.of(allowed.e164())));
        CallbackRequest request = new CallbackRequest(recorder.id(), queue, allowed.e164(), now, now, 0, now);
        book.save(request);
        PendingCallback pending = new PendingCallback(request, recorder, service);
        EnqueueResult result = distributor.enqueue(WaitingContact.of(recorder.id(), queue, 0, now), callbackWaiter(pending));
        int position = result instanceof EnqueueResult.Accepted accepted ? accepted.position() : 0;
        if (position == 0) {
            book.remove(recorder.id());
            recorder.record(new ContactEvent.Overflowed(now, queue.value(), "goodbye", "queue-full"));
            recorder.close(Outcome.OVERFLOWED, EndReason.OVERFLOW, Side.SYSTEM);
            throw new CallbackUnavailableException("La file d'attente est complète, merci de réessayer plus tard.");
        }
        recorder.record(new ContactEvent.Enqueued(now, queue.value(), position));
        recorder.record(new ContactEvent.CallbackRequested(now, queue.value(), false));
        // The answer gives the contact's address: it must be readable there, and survive a crash, from then on.
        journal.flush();
        return new CallbackTicket(recorder.id(), queue, position, distributor.estimatedWait(recorder.id()));
    }

    /**
     * At start: every request of the callback book goes back to its queue at its original place (when due,
     * and within its service's opening hours). Their contacts are written on again, not reopened.
     */
    public void resumePendingCallbacks() {
        for (CallbackRequest request : book.pending()) {
            if (deferredCallbacks.containsKey(request.contact()) || distributor.read(engine -> engine.isQueued(request.contact()))) {
                continue;
            }
            Optional<Contact> contact;
            try {
                // The journal takes the contact over from the previous process (it was left open for its callback).
                contact = journal.resume(request.contact());
                if (contact.isEmpty()) {
                    log.warn("callback of contact {} dropped: the contact is unknown or already ended", request.contact());
                    book.remove(request.contact());
                    continue;
                }
            } catch (UnsupportedOperationException | IllegalStateException alreadyOpenHere) {
                // A journal that cannot resume, or the contact is still open in this process: write on.
                contact = journal.find(request.contact());
            }
            Optional<QueueSetup> setup = setup(request.queue());
            Optional<Service> service = setup.flatMap(s -> service(s.definition().service()));
            Optional<Contact> known = contact;
            ContactRecorder recorder = ContactRecorder.resume(journal, clock, request.contact(),
                    new ContactRecorder.Origin(known.map(Contact::administration).orElse(null),
                            known.map(Contact::service).or(() -> setup.map(s -> s.definition().service())).orElse(null),
                            known.map(Contact::dialled).orElse(null), null, known.map(Contact::caller).orElse(null)));
            deferredCallbacks.put(request.contact(), new PendingCallback(request, recorder, service));
        }
        enqueueDueCallbacks();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    // ------------------------------------------------------------------ for the contacts' threads

    Distributor distributor() {
        return distributor;
    }

    Dialer dialer() {
        return dialer;
    }

    OutboundPolicy policy() {
        return policy;
    }

    CallbackBook book() {
        return book;
    }

    Optional<OutboundTrunk> trunk() {
        return trunk;
    }

    CallbackRules callbackRules() {
        return callbackRules;
    }

    Optional<QueueSetup> setup(QueueId queue) {
        return Optional.ofNullable(setups.get(queue));
    }

    Optional<Service> service(String serviceId) {
        try {
            return directory.service(new ServiceId(serviceId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    boolean callbacksPossible() {
        return trunk.isPresent();
    }

    String callbackFromNumber() {
        return trunk.map(OutboundTrunk::fromNumber).orElse("accueil");
    }

    List<AudioClip> clips(List<PromptRef> parts) {
        return parts.stream().map(prompts::clip).toList();
    }

    /** The queue's music as pieces to loop; a short comfort message is followed by a pause; silence if missing. */
    Music music(PromptRef music) {
        if (!prompts.has(music)) {
            return new Music(List.of(silenceSlice));
        }
        AudioClip clip = prompts.clip(music);
        synchronized (musicSlices) {
            return new Music(musicSlices.computeIfAbsent(clip, c -> {
                List<AudioClip> slices = new ArrayList<>(c.slices(QueuedCaller.SLICE));
                if (c.duration().compareTo(COMFORT_PROMPT_BELOW) < 0) {
                    for (long t = 0; t < COMFORT_PAUSE.toMillis(); t += QueuedCaller.SLICE.toMillis()) {
                        slices.add(silenceSlice);
                    }
                }
                return List.copyOf(slices);
            }));
        }
    }

    /** One INVITE per registered phone of the agent, from the service's number, naming the contact. */
    List<Dial> agentDials(AgentId agent, ContactId contact, String fromUser, String display) {
        String from = fromUser == null || fromUser.isBlank() ? "accueil" : fromUser;
        return phones.contactUris(agent, clock.instant()).stream()
                .map(uri -> Dial.to(uri, from).withDisplay(display).withHeaders(Map.of(CONTACT_HEADER, contact.toString())))
                .toList();
    }

    /** The trunk URI for a number the outbound policy allows; empty without a trunk or for a refused number. */
    Optional<String> trunkUri(String number) {
        if (trunk.isEmpty()) {
            return Optional.empty();
        }
        return policy.check(number) instanceof OutboundVerdict.Allowed allowed
                ? Optional.of(trunk.get().uriFor(allowed.e164())) : Optional.empty();
    }

    /**
     * Resolves an agent's REFER target (called on a SIP thread: lookups only): a configured queue id, a
     * number of a service that has a queue, or an external number the outbound policy allows (with a trunk).
     */
    Optional<TransferDestination> transferDestination(String referTo) {
        String user = userPart(referTo);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        Map<QueueId, QueueSetup> current = setups;
        QueueId asQueue = new QueueId(user);
        if (current.containsKey(asQueue)) {
            return Optional.of(new TransferDestination.ToQueue(asQueue));
        }
        Optional<ServiceId> service = directory.routeForSipUser(user).map(NumberRoute::service);
        if (service.isEmpty()) {
            try {
                DialledNumber number = DialledNumber.parse(user);
                service = directory.numbers().stream().filter(route -> route.number().equals(number))
                        .map(NumberRoute::service).findFirst();
            } catch (IllegalArgumentException notANumber) {
                // not one of our numbers
            }
        }
        if (service.isPresent()) {
            String id = service.get().value();
            Optional<QueueId> queue = current.values().stream().filter(s -> s.definition().service().equals(id))
                    .map(QueueSetup::id).findFirst();
            if (queue.isPresent()) {
                return Optional.of(new TransferDestination.ToQueue(queue.get()));
            }
        }
        if (trunk.isPresent() && policy.check(user) instanceof OutboundVerdict.Allowed allowed) {
            return Optional.of(new TransferDestination.ToNumber(allowed.e164()));
        }
        return Optional.empty();
    }

    static String userPart(String uri) {
        String s = uri.trim();
        int lt = s.indexOf('<');
        if (lt >= 0) {
            int gt = s.indexOf('>', lt);
            s = s.substring(lt + 1, gt > lt ? gt : s.length());
        }
        for (String scheme : List.of("sips:", "sip:", "tel:")) {
            if (s.regionMatches(true, 0, scheme, 0, scheme.length())) {
                s = s.substring(scheme.length());
                break;
            }
        }
        int end = s.length();
        for (char stop : new char[] {'@', ';', '?', '>'}) {
            int at = s.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return s.substring(0, end);
    }

    Optional<AgentId> lastAgent(String callerPseudonym) {
        if (callerPseudonym == null || callerPseudonym.equals("anonymous")) {
            return Optional.empty();
        }
        LastAgent last = lastAgents.get(callerPseudonym);
        if (last == null || last.until().isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(last.agent());
    }

    void rememberLastAgent(String callerPseudonym, AgentId agent) {
        if (callerPseudonym != null && !callerPseudonym.equals("anonymous") && !lastAgentMemory.isZero()) {
            lastAgents.put(callerPseudonym, new LastAgent(agent, clock.instant().plus(lastAgentMemory)));
        }
    }

    /** The agent's call is over: wrap-up, handling time recorded, available again after the queue's wrap-up time. */
    void agentFinished(AgentId agent, QueueSetup setup, Duration talk) {
        Duration wrapUp = setup.rules().wrapUp();
        distributor.wrapUp(agent, setup.id(), talk.plus(wrapUp));
        // Each wrap-up has its own token: the timer of an earlier wrap-up (ended early by the agent, who then
        // took another contact) must not cut the current one short.
        long token = wrapUps.merge(agent, 1L, Long::sum);
        if (wrapUp.isZero()) {
            distributor.endWrapUp(agent);
        } else {
            try {
                timer.schedule(() -> {
                    if (wrapUps.get(agent) == token) {
                        distributor.endWrapUp(agent);
                    }
                }, wrapUp.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // The contact centre is closing: nobody will be offered anything any more.
            }
        }
    }

    /** The caller booked a callback: from now on the callback desk acts for the queued contact. */
    void handOverToCallbackDesk(CallbackRequest request, ContactRecorder recorder, Service service) {
        PendingCallback pending = new PendingCallback(request, recorder, Optional.ofNullable(service));
        distributor.handOver(recorder.id(), callbackWaiter(pending));
    }

    private Distributor.Waiter callbackWaiter(PendingCallback pending) {
        return assignment -> Thread.ofVirtual().name("callback-" + assignment.contact())
                .start(() -> new CallbackRun(this, pending, assignment).run());
    }

    /** An attempt did not reach the citizen: try again after the spacing, or give up after the last attempt. */
    void callbackAttemptFailed(PendingCallback pending, String why) {
        CallbackRequest request = pending.request();
        int attempts = request.attempts() + 1;
        if (attempts >= callbackRules.attempts()) {
            callbackGivenUp(pending, attempts, "attempts-exhausted");
            return;
        }
        CallbackRequest next = request.afterAttempt(clock.instant().plus(callbackRules.spacing()));
        book.save(next);
        pending.request(next);
        deferredCallbacks.put(request.contact(), pending);
        enqueueDueCallbacks();
    }

    /** The callback cannot go on: recorded as failed, the number erased, the contact closed. */
    void callbackGivenUp(PendingCallback pending, int attempts, String why) {
        ContactRecorder recorder = pending.recorder();
        deferredCallbacks.remove(recorder.id());
        book.remove(recorder.id());
        recorder.record(new ContactEvent.CallbackFailed(recorder.now(), attempts, why));
        recorder.close(Outcome.CALLBACK_FAILED, EndReason.CALLBACK_DONE, Side.SYSTEM);
    }

    void callbackEnded(PendingCallback pending) {
        deferredCallbacks.remove(pending.recorder().id());
        book.remove(pending.recorder().id());
    }

    /** The agent's phone went away before the citizen was reached: back to the queue at once, same place. */
    void requeueCallback(PendingCallback pending) {
        deferredCallbacks.put(pending.recorder().id(), pending);
        enqueueDueCallbacks();
    }

    private void tick() {
        try {
            enqueueDueCallbacks();
            distributor.sweep();
            lastAgents.values().removeIf(last -> last.until().isBefore(clock.instant()));
        } catch (RuntimeException e) {
            log.warn("queue timer failed", e);
        }
    }

    private void enqueueDueCallbacks() {
        Instant now = clock.instant();
        for (PendingCallback pending : List.copyOf(deferredCallbacks.values())) {
            CallbackRequest request = pending.request();
            if (!pending.dueAt(now) || setup(request.queue()).isEmpty()) {
                continue;
            }
            if (deferredCallbacks.remove(request.contact(), pending)) {
                // The original arrival time keeps the callback's place in its queue.
                EnqueueResult result = distributor.enqueue(WaitingContact.of(request.contact(), request.queue(), 0, request.enqueuedAt()),
                        callbackWaiter(pending));
                if (result instanceof EnqueueResult.QueueFull) {
                    deferredCallbacks.put(request.contact(), pending);
                }
            }
        }
    }
}
