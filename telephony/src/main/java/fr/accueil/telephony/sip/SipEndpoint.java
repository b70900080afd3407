package fr.accueil.telephony.sip;

import fr.accueil.telephony.call.CallHandler;
import fr.accueil.telephony.call.CallInfo;
import fr.accueil.telephony.call.Dial;
import fr.accueil.telephony.call.Dialer;
import fr.accueil.telephony.call.EndCause;
import fr.accueil.telephony.call.OutboundCall;
import fr.accueil.telephony.media.MediaSession;
import fr.accueil.telephony.media.MediaSessionFactory;
import fr.accueil.telephony.media.MediaUnavailableException;
import fr.accueil.telephony.media.NegotiationException;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.TransactionUnavailableException;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.RequireHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.UnsupportedHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP user agent server: UDP and TCP listening points on one port, RFC 3261 UAS behaviour for
 * INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, re-INVITE and the NOTIFYs of our REFERs, one
 * {@link SipCall} per INVITE dialog handed to the {@link CallHandler}; and the UAC side for
 * {@link Dialer#dial}: one {@link SipOutboundCall} per INVITE we place (agents' phones, the trunk),
 * counted in the same call capacity, watched by the same timers and ended at shutdown.
 *
 * <p>Threading: JAIN-SIP delivers messages on its bounded pool of listener threads (reentrant
 * listener); this class never blocks them: it answers, looks calls up in a concurrent map by
 * Call-ID (O(1) per message) and hands the call to {@code CallHandler.handle} on a new virtual
 * thread named after the Call-ID. One scheduled platform thread ("sip-watchdog") enforces Timer H,
 * RTP inactivity and the maximum call duration for all calls. {@link #start()} and {@link #stop}
 * are meant for one controlling thread.
 */
public final class SipEndpoint implements AutoCloseable, Dialer {
    private static final Logger LOG = LoggerFactory.getLogger(SipEndpoint.class);
    private static final AtomicLong STACK_NAMES = new AtomicLong();
    /** Methods from RFC 3261 and its extensions that we recognise but do not serve: 405 (RFC 3261 §21.4.6). */
    private static final Set<String> KNOWN_NOT_SERVED = Set.of(Request.REGISTER, Request.SUBSCRIBE, Request.MESSAGE,
            Request.UPDATE, Request.PUBLISH, Request.PRACK);

    /** Headers the endpoint writes itself; a Dial's extra headers must not carry them (nor their compact forms). */
    private static final Set<String> CORE_HEADERS = Set.of("via", "v", "from", "f", "to", "t", "call-id", "i", "cseq",
            "contact", "m", "max-forwards", "content-type", "c", "content-length", "l", "route", "record-route",
            "authorization", "proxy-authorization", "allow");

    /** Bound on TCP connections (each holds one stack thread); SIP trunks use a handful. */
    private static final int MAX_TCP_CONNECTIONS = 512;

    private final SipSettings settings;
    private final MediaSessionFactory mediaFactory;
    private final CallHandler handler;
    private final Clock clock;
    /** Serves REGISTER when the server configured a registrar; otherwise REGISTER is 405. */
    private final SipRegistrar registrar;

    private final ConcurrentHashMap<String, SipCall> calls = new ConcurrentHashMap<>();
    /** Outbound legs by Call-ID, from dial until their INVITE is settled and they ended. */
    private final ConcurrentHashMap<String, SipOutboundCall> outbound = new ConcurrentHashMap<>();
    /** T1 of our outbound INVITEs (RFC 3261 §17.1.1.2: Timer B = 64·T1); shorter only in tests. */
    private volatile Duration outboundTimerT1 = Duration.ofMillis(500);
    /** Non-dialog requests we sent (REGISTER), waiting for their final response, by Call-ID. */
    private final ConcurrentHashMap<String, java.util.concurrent.CompletableFuture<Response>> awaitedResponses =
            new ConcurrentHashMap<>();
    /** Slots taken, counted apart from the map so that admission is one atomic step. */
    private final AtomicInteger slots = new AtomicInteger();
    /** Serialises start and stop (stop waits for calls: a lock, not a monitor, for virtual threads). */
    private final java.util.concurrent.locks.ReentrantLock lifecycle = new java.util.concurrent.locks.ReentrantLock();
    private volatile boolean accepting;
    private volatile boolean running;

    private SipStack stack;
    private SipProvider provider;
    private SipMessaging sip;
    private ScheduledExecutorService watchdog;
    private int boundPort;

    public SipEndpoint(SipSettings settings, MediaSessionFactory mediaFactory, CallHandler handler, Clock clock) {
        this(settings, mediaFactory, handler, clock, null);
    }

    /** An endpoint that also registers agents' phones with {@code registrar} (null: REGISTER is 405). */
    public SipEndpoint(SipSettings settings, MediaSessionFactory mediaFactory, CallHandler handler, Clock clock,
                       fr.accueil.telephony.registrar.Registrar registrar) {
        this.registrar = registrar == null ? null : new SipRegistrar(registrar, clock);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.mediaFactory = Objects.requireNonNull(mediaFactory, "mediaFactory");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public SipSettings settings() {
        return settings;
    }

    public boolean isRunning() {
        return running;
    }

    public int activeCalls() {
        return slots.get();
    }

    /**
     * Places an outbound call: opens a media session, sends the INVITE with our offer (PCMA, PCMU,
     * telephone-event) to {@code dial.requestUri()} over UDP, or TCP with {@code ;transport=tcp}, and
     * returns at once. The leg counts in {@link SipSettings#maxConcurrentCalls()}.
     *
     * @throws MediaUnavailableException no RTP port free, the endpoint full, or not taking calls
     */
    @Override
    public OutboundCall dial(Dial dial) throws MediaUnavailableException {
        Objects.requireNonNull(dial, "dial");
        for (String name : dial.headers().keySet()) {
            if (CORE_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("extra header " + name + " would override what the endpoint writes");
            }
        }
        if (!running || !accepting) {
            throw new MediaUnavailableException("SIP endpoint not taking calls");
        }
        if (slots.incrementAndGet() > settings.maxConcurrentCalls()) {
            slots.decrementAndGet();
            throw new MediaUnavailableException("SIP endpoint at capacity (" + settings.maxConcurrentCalls() + " calls)");
        }
        String callId = provider.getNewCallId().getCallId();
        MediaSession media;
        try {
            media = mediaFactory.open(callId);
        } catch (MediaUnavailableException e) {
            slots.decrementAndGet();
            throw e;
        }
        SipOutboundCall leg = new SipOutboundCall(this, sip, dial, callId, media, clock, outboundTimerT1);
        outbound.put(callId, leg);
        leg.start();
        return leg;
    }

    /**
     * Registers this endpoint as {@code username}'s phone at a registrar (RFC 3261 §10.2), answering a
     * digest challenge (MD5 or SHA-256) once with {@code password}; blocks until the final response.
     * Our own endpoint acting as an agent's phone: simulated agents and tests.
     *
     * @param registrarHostPort e.g. {@code 127.0.0.1:5060}
     * @return the final status code: 200 registered, 403 wrong credentials, 408 no answer within {@code timeout}
     */
    public int register(String registrarHostPort, String username, String password, Duration expires, Duration timeout) {
        if (!running) {
            throw new IllegalStateException("endpoint not started");
        }
        try {
            return new SipRegistration(sip, awaitedResponses).register(registrarHostPort, username, password, expires, timeout);
        } catch (java.util.concurrent.TimeoutException e) {
            return Response.REQUEST_TIMEOUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Response.REQUEST_TIMEOUT;
        } catch (Exception e) {
            throw new IllegalStateException("cannot REGISTER " + username + " at " + registrarHostPort + ": " + e.getMessage(), e);
        }
    }

    /** Sets T1 for outbound INVITEs (Timer B = 64·T1 bounds an unanswered INVITE); tests shorten it. */
    void outboundTimerT1(Duration t1) {
        this.outboundTimerT1 = t1;
    }

    /** An outbound leg ended: its slot is free; it stays known until its INVITE has its final response. */
    void outboundEnded(SipOutboundCall leg, boolean inviteSettled) {
        slots.decrementAndGet();
        if (inviteSettled) {
            outbound.remove(leg.callId(), leg);
        }
    }

    /** Forgets an ended outbound leg whose INVITE transaction is over. */
    void forget(SipOutboundCall leg) {
        if (!leg.live()) {
            outbound.remove(leg.callId(), leg);
        }
    }

    private boolean anyLiveOutbound() {
        for (SipOutboundCall leg : outbound.values()) {
            if (leg.live()) {
                return true;
            }
        }
        return false;
    }

    /** The UDP and TCP port, once started. */
    public int port() {
        if (!running) {
            throw new IllegalStateException("endpoint not started");
        }
        return boundPort;
    }

    public void start() throws IOException {
        lifecycle.lock();
        try {
            doStart();
        } finally {
            lifecycle.unlock();
        }
    }

    private void doStart() throws IOException {
        if (running) {
            throw new IllegalStateException("endpoint already started");
        }
        int port = settings.port() == 0 ? freePort(settings.bindAddress()) : settings.port();
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            stack = new gov.nist.javax.sip.SipStackImpl(stackProperties());
            ListeningPoint udp = stack.createListeningPoint(settings.bindAddress(), port, ListeningPoint.UDP);
            ListeningPoint tcp = stack.createListeningPoint(settings.bindAddress(), port, ListeningPoint.TCP);
            provider = stack.createSipProvider(udp);
            provider.addListeningPoint(tcp);
            provider.addSipListener(new Listener());
            sip = new SipMessaging(provider, factory.createMessageFactory(), factory.createHeaderFactory(),
                    factory.createAddressFactory(), settings.advertisedHost(), port);
            stack.start();
        } catch (Exception e) {
            if (stack != null) {
                stack.stop();
            }
            throw new IOException("cannot start SIP on " + settings.bindAddress() + ":" + port + ": " + e.getMessage(), e);
        }
        boundPort = port;
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sip-watchdog");
            t.setDaemon(true);
            return t;
        });
        long period = watchdogPeriod().toMillis();
        watchdog.scheduleWithFixedDelay(this::checkTimers, period, period, TimeUnit.MILLISECONDS);
        accepting = true;
        running = true;
        LOG.info("SIP listening on {}:{} (UDP, TCP), up to {} calls", settings.bindAddress(), port, settings.maxConcurrentCalls());
    }

    /**
     * Stops taking calls (new INVITEs get 503), lets calls in progress finish for up to {@code grace},
     * then hangs up the rest (cause SHUTDOWN) and closes the listening points.
     */
    public void stop(Duration grace) {
        lifecycle.lock();
        try {
            doStop(grace);
        } finally {
            lifecycle.unlock();
        }
    }

    private void doStop(Duration grace) {
        if (!running) {
            return;
        }
        accepting = false;
        Instant deadline = Instant.now().plus(grace);
        while ((!calls.isEmpty() || anyLiveOutbound()) && Instant.now().isBefore(deadline)) {
            sleepQuietly(20);
        }
        for (SipOutboundCall leg : outbound.values()) {
            leg.hangUpWith(EndCause.SHUTDOWN);
        }
        List<Thread> scripts = new ArrayList<>();
        for (SipCall call : calls.values()) {
            Optional.ofNullable(call.scriptThread()).ifPresent(scripts::add);
            call.hangUpWith(EndCause.SHUTDOWN);
        }
        Instant joinDeadline = Instant.now().plusSeconds(2);
        for (Thread script : scripts) {
            try {
                script.join(Duration.between(Instant.now(), joinDeadline).plusMillis(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        watchdog.shutdownNow();
        running = false;
        stopStack(stack);
        LOG.info("SIP stopped on port {}", boundPort);
    }

    /**
     * Stops the JAIN-SIP stack, again if it throws a {@code ConcurrentModificationException}: its UDP
     * processor closes its message channels while iterating the list that a closing channel's own
     * thread removes itself from. The stack has already dropped that processor (it is removed before it
     * is stopped, its socket closed first), so a second stop stops the rest (TCP, threads).
     */
    static void stopStack(SipStack stack) {
        for (int attempt = 1; ; attempt++) {
            try {
                stack.stop();
                return;
            } catch (java.util.ConcurrentModificationException e) {
                if (attempt == 3) {
                    LOG.warn("The SIP stack did not stop cleanly after {} attempts: {}", attempt, e.toString());
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }

    void callEnded(SipCall call) {
        if (calls.remove(call.info().callId(), call)) {
            slots.decrementAndGet();
        }
    }

    private Duration watchdogPeriod() {
        Duration shortest = settings.ackWait();
        if (settings.rtpInactivityTimeout().compareTo(shortest) < 0) {
            shortest = settings.rtpInactivityTimeout();
        }
        if (settings.maxCallDuration().compareTo(shortest) < 0) {
            shortest = settings.maxCallDuration();
        }
        long millis = Math.clamp(shortest.toMillis() / 4, 25, 1000);
        return Duration.ofMillis(millis);
    }

    private void checkTimers() {
        try {
            Instant now = clock.instant();
            for (SipCall call : calls.values()) {
                call.checkTimers(now, settings);
            }
            for (SipOutboundCall leg : outbound.values()) {
                leg.checkTimers(now, settings);
            }
        } catch (RuntimeException e) {
            LOG.warn("watchdog tick failed", e);
        }
    }

    private Properties stackProperties() {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "accueil-" + STACK_NAMES.incrementAndGet());
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", LoggerFactory.getLogger("fr.accueil.telephony.sip.stack").isDebugEnabled() ? "DEBUG" : "ERROR");
        // Listener calls run concurrently on a bounded pool; our listener never blocks.
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(settings.stackThreadPoolSize()));
        p.setProperty("gov.nist.javax.sip.TCP_POST_PARSING_THREAD_POOL_SIZE", Integer.toString(settings.stackThreadPoolSize()));
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(settings.maxMessageSize()));
        // The default timer is one java.util.Timer whose queue lock every transaction takes:
        // under a few hundred calls per second the listener threads queue on it.
        p.setProperty("gov.nist.javax.sip.TIMER_CLASS_NAME", "gov.nist.javax.sip.stack.timers.ScheduledExecutorSipTimer");
        // Bursts of INVITEs (a trunk recovering, a load test) must queue in the kernel, not be dropped.
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(4 << 20));
        p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", Integer.toString(4 << 20));
        // Each call holds an INVITE transaction and a few short ones; bound the tables accordingly.
        p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", Integer.toString(Math.max(1000, settings.maxConcurrentCalls() * 4)));
        p.setProperty("gov.nist.javax.sip.MAX_CLIENT_TRANSACTIONS", Integer.toString(Math.max(1000, settings.maxConcurrentCalls() * 2)));
        // TCP over NIO: one selector thread instead of a thread per connection, idle sockets closed.
        // TCP: the stack's default blocking processor, not its NIO one. The NIO parser of this JAIN-SIP
        // version finds the body length only in a long-form "Content-Length:" header: a compact "l:"
        // (RFC 3261 §7.3.3) or "Content-Length :" splits the message in two (seen with RFC 4475
        // longreq/wsinv). The blocking processor parses headers with the full parser; its cost is one
        // platform thread per TCP connection (not per call), bounded by MAX_CONNECTIONS, and READ_TIMEOUT
        // closes connections that start a message and never finish it (half-open).
        p.setProperty("gov.nist.javax.sip.READ_TIMEOUT", Long.toString(settings.tcpIdleTimeout().toMillis()));
        // ... and a silent connection (never a byte) is closed by a socket read time-out.
        p.setProperty("gov.nist.javax.sip.NETWORK_LAYER", IdleTimeoutNetworkLayer.class.getName());
        p.setProperty(IdleTimeoutNetworkLayer.IDLE_PROPERTY, Long.toString(settings.tcpIdleTimeout().toMillis()));
        p.setProperty("gov.nist.javax.sip.MAX_CONNECTIONS", Integer.toString(MAX_TCP_CONNECTIONS));
        // Keep peers' TCP connections so responses and our in-dialog requests reuse them (RFC 3261 §18.2.2).
        p.setProperty("gov.nist.javax.sip.CACHE_SERVER_CONNECTIONS", "true");
        // NOTIFYs for our REFERs come in-dialog; unsolicited ones must reach us to be answered 405/481.
        p.setProperty("gov.nist.javax.sip.DELIVER_UNSOLICITED_NOTIFY", "true");
        return p;
    }

    /**
     * A port free for both UDP and TCP on {@code bindAddress} at the time of asking (another process
     * may take it before it is bound). Start with port 0 for this; callers that must publish the port
     * before the endpoint starts (a stand-in trunk's URI) ask here first.
     */
    public static int freePort(String bindAddress) throws IOException {
        InetAddress address = InetAddress.getByName(bindAddress);
        for (int attempt = 0; attempt < 50; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, 0))) {
                int port = udp.getLocalPort();
                try (ServerSocket tcp = new ServerSocket()) {
                    tcp.bind(new InetSocketAddress(address, port));
                    return port;
                } catch (IOException taken) {
                    // TCP side taken: try another.
                }
            }
        }
        throw new IOException("no port free for both UDP and TCP on " + bindAddress);
    }

    private DialogLeg legOf(String callId) {
        SipCall call = calls.get(callId);
        return call != null ? call : outbound.get(callId);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String callIdOf(javax.sip.message.Message message) {
        CallIdHeader header = (CallIdHeader) message.getHeader(CallIdHeader.NAME);
        return header == null ? "?" : header.getCallId();
    }

    /** Runs on JAIN-SIP threads; must not block. */
    private final class Listener implements SipListener {

        @Override
        public void processRequest(RequestEvent event) {
            Request request = event.getRequest();
            String callId = callIdOf(request);
            try {
                route(event, request, callId);
            } catch (Exception e) {
                LOG.warn("call {}: failed to process {}", callId, request.getMethod(), e);
            }
        }

        private void route(RequestEvent event, Request request, String callId) throws Exception {
            String method = request.getMethod();
            if (tooLarge(request)) {
                // The stack bounds TCP messages itself (it closes the connection); a UDP datagram is cut at
                // the limit: refuse to serve it, RFC 3261 §21.5.11.
                LOG.debug("call {}: {} of {} bytes exceeds {} bytes", callId, method, sizeOf(request), settings.maxMessageSize());
                if (!Request.ACK.equals(method)) {
                    Response tooBig = sip.response(request, Response.MESSAGE_TOO_LARGE, SipMessaging.newTag());
                    sip.send(null, tooBig, callId);
                }
                return;
            }
            Optional<String> malformed = Request.ACK.equals(method) ? Optional.empty() : RequestChecks.problem(request);
            if (malformed.isPresent()) {
                refuseMalformed(event, request, callId, malformed.get());
                return;
            }
            switch (method) {
                case Request.ACK -> {
                    SipCall call = calls.get(callId);
                    if (call != null) {
                        call.onAck(request);
                    }
                    return;
                }
                case Request.CANCEL -> {
                    onCancel(event, request, callId);
                    return;
                }
                default -> {
                }
            }
            ServerTransaction transaction = serverTransaction(event, request);
            if (transaction == null) {
                return; // a retransmission the stack already answers
            }
            if (!SipMessaging.ALLOWED.contains(method) && !KNOWN_NOT_SERVED.contains(method)) {
                Response response = sip.response(request, Response.NOT_IMPLEMENTED, SipMessaging.newTag());
                sip.addAllow(response);
                sip.send(transaction, response, callId);
                return;
            }
            List<String> unsupported = unsupportedRequirements(request);
            if (!unsupported.isEmpty()) {
                // RFC 3261 §8.2.2.3: list the extensions we do not support.
                Response response = sip.response(request, Response.BAD_EXTENSION, SipMessaging.newTag());
                for (String tag : unsupported) {
                    UnsupportedHeader header = sip.headers.createUnsupportedHeader(tag);
                    response.addHeader(header);
                }
                sip.send(transaction, response, callId);
                return;
            }
            if (Request.REGISTER.equals(method) && registrar != null) {
                InetSocketAddress source = sourceOf(event, request);
                if (source == null) {
                    return;
                }
                registrar.onRegister(sip, request, transaction, callId, source.getAddress());
                return;
            }
            String toTag = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag();
            DialogLeg call = toTag == null ? null : legOf(callId);
            boolean unknownDialog = toTag != null && (call == null || !toTag.equals(call.localTag()));
            boolean dialogOnly = Request.NOTIFY.equals(method) || Request.REFER.equals(method);
            if (KNOWN_NOT_SERVED.contains(method) || (dialogOnly && toTag == null)) {
                Response response = sip.response(request, Response.METHOD_NOT_ALLOWED, SipMessaging.newTag());
                sip.addAllow(response);
                sip.send(transaction, response, callId);
                return;
            }
            if (unknownDialog) {
                // RFC 3261 §12.2.2: a request for a dialog we do not hold.
                sip.send(transaction, sip.response(request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, SipMessaging.newTag()), callId);
                return;
            }
            switch (method) {
                case Request.INVITE -> {
                    if (call == null) {
                        onInvite(event, request, transaction, callId);
                    } else {
                        onReInvite(request, transaction, call);
                    }
                }
                case Request.BYE -> {
                    // End first (media released), then confirm: the peer's 200 means we are done.
                    call.onBye();
                    sip.send(transaction, sip.response(request, Response.OK, call.localTag()), callId);
                    if (call instanceof SipOutboundCall leg) {
                        forget(leg);
                    }
                }
                case Request.INFO -> onInfo(request, transaction, call);
                case Request.OPTIONS -> onOptions(request, transaction, callId, call);
                case Request.NOTIFY -> {
                    sip.send(transaction, sip.response(request, Response.OK, call.localTag()), callId);
                    call.onNotify(SipMessaging.body(request));
                }
                case Request.REFER -> onRefer(request, transaction, call);
                case null, default -> throw new IllegalStateException("unrouted method " + method);
            }
        }

        /** Answers statelessly: a malformed request gets no transaction (RFC 3261 §8.2 ¶ 400/505). */
        private void refuseMalformed(RequestEvent event, Request request, String callId, String problem) throws ParseException {
            LOG.debug("call {}: {} refused: {}", callId, request.getMethod(), problem);
            int status = problem.startsWith(RequestChecks.VERSION) ? Response.VERSION_NOT_SUPPORTED : Response.BAD_REQUEST;
            Response response = sip.response(request, status, SipMessaging.newTag());
            response.setReasonPhrase(problem);
            sip.send(null, response, callId);
        }

        private boolean tooLarge(Request request) {
            // The UDP reader stops at MAX_MESSAGE_SIZE bytes and records that size: reaching the limit
            // means the datagram was cut, and a cut message must not be served.
            return sizeOf(request) >= settings.maxMessageSize();
        }

        private int sizeOf(Request request) {
            if (!(request instanceof gov.nist.javax.sip.message.SIPMessage nist)) {
                return 0;
            }
            // The stack records the received size for TCP only; for UDP re-encoding costs a few
            // microseconds for a normal message, negligible next to parsing it.
            return nist.getSize() > 0 ? nist.getSize() : nist.encode().length();
        }

        private ServerTransaction serverTransaction(RequestEvent event, Request request) {
            ServerTransaction transaction = event.getServerTransaction();
            if (transaction != null) {
                return transaction;
            }
            try {
                return provider.getNewServerTransaction(request);
            } catch (TransactionAlreadyExistsException e) {
                return null;
            } catch (TransactionUnavailableException e) {
                // The stack refuses a transaction for a request missing what its method requires (e.g. a
                // NOTIFY without Subscription-State): RFC 3261 §8.2 ¶ answer 400, statelessly.
                LOG.debug("call {}: {} refused by the stack: {}", callIdOf(request), request.getMethod(), e.getMessage());
                try {
                    Response bad = sip.response(request, Response.BAD_REQUEST, SipMessaging.newTag());
                    bad.setReasonPhrase("Bad Request");
                    sip.send(null, bad, callIdOf(request));
                } catch (ParseException | RuntimeException ignored) {
                    // nothing sensible to answer
                }
                return null;
            } catch (Exception e) {
                LOG.debug("call {}: no server transaction for {}: {}", callIdOf(request), request.getMethod(), e.toString());
                return null;
            }
        }

        private List<String> unsupportedRequirements(Request request) {
            List<String> tags = new ArrayList<>();
            ListIterator<?> requires = request.getHeaders(RequireHeader.NAME);
            while (requires != null && requires.hasNext()) {
                RequireHeader require = (RequireHeader) requires.next();
                tags.add(require.getOptionTag());
            }
            return tags;
        }

        private void onInvite(RequestEvent event, Request invite, ServerTransaction transaction, String callId) throws ParseException {
            // RFC 3261 §17.2.1: answer 100 at once so the caller stops retransmitting.
            sip.send(transaction, sip.messages.createResponse(Response.TRYING, invite), callId);
            FromHeader from = (FromHeader) invite.getHeader(FromHeader.NAME);
            String caller = from.getAddress().getURI() instanceof javax.sip.address.SipURI uri ? uri.getUser() : null;
            String requestUser = invite.getRequestURI() instanceof javax.sip.address.SipURI uri && uri.getUser() != null ? uri.getUser() : "";
            CallInfo info = new CallInfo(callId, requestUser, caller, from.getAddress().getDisplayName(),
                    sourceOf(event, invite), SipMessaging.transportOf(invite), clock.instant());
            if (calls.containsKey(callId)) {
                // RFC 3261 §8.2.2.2: same Call-ID and From tag but a new transaction: a merged request.
                sip.send(transaction, sip.response(invite, Response.LOOP_DETECTED, SipMessaging.newTag()), callId);
                return;
            }
            if (!accepting) {
                refuse(invite, transaction, callId, Response.SERVICE_UNAVAILABLE, "Service Unavailable");
                return;
            }
            if (CallInfo.isFeatureCode(requestUser)) {
                // Feature codes act on an agent's account: only that agent's credentials may reach them.
                Optional<String> agent = Optional.empty();
                if (registrar == null || info.source() == null) {
                    Response forbidden = sip.response(invite, Response.FORBIDDEN, SipMessaging.newTag());
                    forbidden.setReasonPhrase("Feature Codes Need Agent Accounts");
                    sip.send(transaction, forbidden, callId);
                } else {
                    agent = registrar.authenticateInvite(sip, invite, transaction, callId, info.source().getAddress());
                }
                if (agent.isEmpty()) {
                    return;
                }
                info = new CallInfo(info.callId(), info.requestUser(), info.callerNumber(), info.callerDisplayName(),
                        info.source(), info.transport(), info.receivedAt(), agent);
            }
            Optional<String> offer = SipMessaging.body(invite);
            if (offer.isPresent() && !isSdp(invite)) {
                Response response = sip.response(invite, Response.UNSUPPORTED_MEDIA_TYPE, SipMessaging.newTag());
                sip.addAccept(response, "application", "sdp");
                sip.send(transaction, response, callId);
                return;
            }
            if (slots.incrementAndGet() > settings.maxConcurrentCalls()) {
                slots.decrementAndGet();
                refuse(invite, transaction, callId, Response.SERVICE_UNAVAILABLE, "Service Unavailable");
                LOG.info("call {}: refused at capacity ({} calls), from {}", callId, settings.maxConcurrentCalls(), SipCall.masked(caller));
                try {
                    handler.refusedAtCapacity(info);
                } catch (RuntimeException e) {
                    LOG.warn("call {}: refusedAtCapacity failed", callId, e);
                }
                return;
            }
            MediaSession media;
            try {
                media = mediaFactory.open(callId);
            } catch (MediaUnavailableException e) {
                slots.decrementAndGet();
                LOG.warn("call {}: no media port: {}", callId, e.getMessage());
                refuse(invite, transaction, callId, Response.SERVICE_UNAVAILABLE, "No Media Port");
                return;
            }
            String answer = null;
            if (offer.isPresent()) {
                try {
                    answer = media.answer(offer.get());
                } catch (NegotiationException e) {
                    media.close();
                    slots.decrementAndGet();
                    LOG.info("call {}: offer refused with {}: {}", callId, e.sipStatus(), e.getMessage());
                    Response response = sip.response(invite, e.sipStatus(), SipMessaging.newTag());
                    sip.send(transaction, response, callId);
                    return;
                }
            }
            SipCall call = new SipCall(SipEndpoint.this, sip, info, invite, transaction, media, answer, clock);
            calls.put(callId, call);
            LOG.info("call {}: INVITE for {} from {} over {}", callId, requestUser, SipCall.masked(caller), info.transport());
            Thread script = Thread.ofVirtual().name("call-" + callId).unstarted(() -> runScript(call));
            call.attachScriptThread(script);
            script.start();
        }

        private void runScript(SipCall call) {
            Throwable failure = null;
            try {
                handler.handle(call);
            } catch (Throwable t) {
                failure = t;
            } finally {
                call.scriptFinished(failure);
            }
        }

        private void refuse(Request invite, ServerTransaction transaction, String callId, int status, String reason) throws ParseException {
            Response response = sip.response(invite, status, SipMessaging.newTag());
            response.setReasonPhrase(reason);
            try {
                sip.addRetryAfter(response, settings.retryAfter());
            } catch (javax.sip.InvalidArgumentException e) {
                throw new IllegalStateException(e);
            }
            sip.send(transaction, response, callId);
        }

        private void onReInvite(Request reInvite, ServerTransaction transaction, DialogLeg call) throws ParseException {
            String callId = call.callId();
            if (call.offerPending()) {
                // RFC 3261 §14.2: a new offer while ours is pending (our 2xx carried an offer, no ACK yet).
                sip.send(transaction, sip.response(reInvite, Response.REQUEST_PENDING, call.localTag()), callId);
                return;
            }
            Optional<String> offer = SipMessaging.body(reInvite);
            String sdp;
            try {
                sdp = offer.isPresent() ? call.media().answer(offer.get()) : call.media().offer();
            } catch (NegotiationException e) {
                // RFC 3261 §14.2: a refused re-offer leaves the session as it was.
                LOG.info("call {}: re-INVITE refused with 488: {}", callId, e.getMessage());
                sip.send(transaction, sip.response(reInvite, Response.NOT_ACCEPTABLE_HERE, call.localTag()), callId);
                return;
            }
            call.onReInviteOffer(offer.isPresent());
            // Before the 200: the peer cannot send its next re-INVITE until it has our 200, so hold
            // changes reach listeners in the order the peer made them (listener threads run in parallel).
            offer.flatMap(HoldOffer::of).ifPresent(call::holdOffered);
            Response ok = sip.response(reInvite, Response.OK, call.localTag());
            ok.addHeader(sip.contact(call.transport()));
            sip.addAllow(ok);
            sip.addSupported(ok);
            ok.setContent(sdp, sip.headers.createContentTypeHeader("application", "sdp"));
            sip.send(transaction, ok, callId);
            LOG.debug("call {}: re-INVITE answered", callId);
        }

        /**
         * The far end's blind transfer (RFC 3515): the leg's listeners decide; yes is 202 then a NOTIFY
         * saying "200 OK" that ends the implicit subscription, no (or no listener) is 603.
         */
        private void onRefer(Request refer, ServerTransaction transaction, DialogLeg call) throws ParseException {
            String callId = call.callId();
            javax.sip.header.ReferToHeader referTo = (javax.sip.header.ReferToHeader) refer.getHeader(javax.sip.header.ReferToHeader.NAME);
            if (referTo == null || referTo.getAddress() == null) {
                Response bad = sip.response(refer, Response.BAD_REQUEST, call.localTag());
                bad.setReasonPhrase("Missing Refer-To");
                sip.send(transaction, bad, callId);
                return;
            }
            String target = referTo.getAddress().getURI().toString();
            if (!call.transferRequested(target)) {
                LOG.info("call {}: REFER refused (603)", callId);
                sip.send(transaction, sip.response(refer, Response.DECLINE, call.localTag()), callId);
                return;
            }
            Response accepted = sip.response(refer, Response.ACCEPTED, call.localTag());
            accepted.addHeader(sip.contact(call.transport()));
            sip.send(transaction, accepted, callId);
            LOG.info("call {}: REFER accepted", callId);
            Optional<javax.sip.Dialog> dialog = call.sipDialog();
            if (dialog.isEmpty()) {
                call.transferAccepted(target);
                return;
            }
            try {
                Request notify = dialog.get().createRequest(Request.NOTIFY);
                notify.addHeader(sip.headers.createEventHeader("refer"));
                javax.sip.header.SubscriptionStateHeader subscription =
                        sip.headers.createSubscriptionStateHeader(javax.sip.header.SubscriptionStateHeader.TERMINATED);
                subscription.setReasonCode("noresource");
                notify.addHeader(subscription);
                notify.addHeader(sip.contact(call.transport()));
                ContentTypeHeader sipfrag = sip.headers.createContentTypeHeader("message", "sipfrag");
                sipfrag.setParameter("version", "2.0");
                notify.setContent("SIP/2.0 200 OK\r\n", sipfrag);
                javax.sip.ClientTransaction notifyTransaction = provider.getNewClientTransaction(notify);
                dialog.get().sendRequest(notifyTransaction);
            } catch (Exception e) {
                LOG.warn("call {}: could not send the NOTIFY for an accepted REFER: {}", callId, e.toString());
            }
            // Only now: the listeners may hang this leg up, and the BYE must follow the NOTIFY.
            call.transferAccepted(target);
        }

        private void onCancel(RequestEvent event, Request cancel, String callId) throws ParseException {
            ServerTransaction transaction = serverTransaction(event, cancel);
            if (transaction == null) {
                return;
            }
            SipCall call = calls.get(callId);
            if (call == null) {
                sip.send(transaction, sip.response(cancel, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, SipMessaging.newTag()), callId);
                return;
            }
            // RFC 3261 §9.2: 200 to the CANCEL, then 487 to the INVITE if it is still pending.
            sip.send(transaction, sip.response(cancel, Response.OK, call.localTag()), callId);
            call.onCancel();
        }

        private void onInfo(Request info, ServerTransaction transaction, DialogLeg call) throws ParseException {
            String callId = call.callId();
            Optional<String> body = SipMessaging.body(info);
            ContentTypeHeader type = (ContentTypeHeader) info.getHeader(ContentTypeHeader.NAME);
            if (body.isEmpty()) {
                sip.send(transaction, sip.response(info, Response.OK, call.localTag()), callId);
                return;
            }
            Optional<Optional<Character>> digit = type == null ? Optional.empty()
                    : DtmfInfo.digitOf(type.getContentType() + "/" + type.getContentSubType(), body.get());
            if (digit.isEmpty()) {
                // RFC 6086 §4.2.2: an INFO body we do not take is 415, with what we take in Accept.
                Response response = sip.response(info, Response.UNSUPPORTED_MEDIA_TYPE, call.localTag());
                sip.addAccept(response, "application", "dtmf-relay");
                sip.addAccept(response, "application", "dtmf");
                sip.send(transaction, response, callId);
                return;
            }
            // Digit first, then 200: a peer that waits for the 200 before the next INFO keeps its order
            // even though the stack may process two INFOs on two threads.
            digit.get().ifPresent(d -> call.media().injectDigit(d));
            sip.send(transaction, sip.response(info, Response.OK, call.localTag()), callId);
        }

        private void onOptions(Request options, ServerTransaction transaction, String callId, DialogLeg call) throws ParseException {
            Response ok = sip.response(options, Response.OK, call == null ? SipMessaging.newTag() : call.localTag());
            sip.addAllow(ok);
            sip.addAccept(ok, "application", "sdp");
            sip.addSupported(ok);
            sip.send(transaction, ok, callId);
        }

        private boolean isSdp(Request request) {
            ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
            return type != null && "application".equalsIgnoreCase(type.getContentType())
                    && "sdp".equalsIgnoreCase(type.getContentSubType());
        }

        private InetSocketAddress sourceOf(RequestEvent event, Request request) {
            if (request instanceof gov.nist.javax.sip.message.SIPRequest nist) {
                InetAddress peer = nist.getRemoteAddress();
                if (peer != null) {
                    return new InetSocketAddress(peer, nist.getRemotePort());
                }
            }
            return null;
        }

        @Override
        public void processResponse(ResponseEvent event) {
            Response response = event.getResponse();
            var awaited = awaitedResponses.get(callIdOf(response));
            if (awaited != null) {
                if (response.getStatusCode() >= 200) {
                    awaited.complete(response);
                }
                return;
            }
            SipOutboundCall leg = outbound.get(callIdOf(response));
            if (leg != null) {
                leg.onResponse(event);
                return;
            }
            ClientTransaction transaction = event.getClientTransaction();
            if (transaction == null) {
                return;
            }
            SipCall call = calls.get(callIdOf(response));
            if (call != null && Request.REFER.equals(transaction.getRequest().getMethod())) {
                call.onReferResponse(response.getStatusCode());
            }
        }

        @Override
        public void processTimeout(TimeoutEvent event) {
            if (event.isServerTransaction()) {
                return;
            }
            Request request = event.getClientTransaction().getRequest();
            var awaited = awaitedResponses.get(callIdOf(request));
            if (awaited != null) {
                awaited.completeExceptionally(new java.util.concurrent.TimeoutException("no response to " + request.getMethod()));
            }
            SipOutboundCall leg = outbound.get(callIdOf(request));
            if (leg != null && Request.INVITE.equals(request.getMethod())) {
                leg.onInviteTimeout(event.getClientTransaction());
            }
            SipCall call = calls.get(callIdOf(request));
            if (call != null && Request.REFER.equals(request.getMethod())) {
                call.onReferResponse(Response.REQUEST_TIMEOUT);
            }
            LOG.debug("call {}: {} timed out", callIdOf(request), request.getMethod());
        }

        @Override
        public void processIOException(IOExceptionEvent event) {
            LOG.debug("I/O error towards {}:{}/{}", event.getHost(), event.getPort(), event.getTransport());
        }

        @Override
        public void processTransactionTerminated(TransactionTerminatedEvent event) {
        }

        @Override
        public void processDialogTerminated(DialogTerminatedEvent event) {
            LOG.debug("call {}: dialog terminated", event.getDialog().getCallId().getCallId());
        }
    }
}
