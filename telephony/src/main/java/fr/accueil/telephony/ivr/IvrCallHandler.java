package fr.accueil.telephony.ivr;

import fr.accueil.core.contact.CallerPseudonym;
import fr.accueil.core.contact.Channel;
import fr.accueil.core.contact.ContactEvent;
import fr.accueil.core.contact.ContactJournal;
import fr.accueil.core.contact.EndReason;
import fr.accueil.core.contact.Outcome;
import fr.accueil.core.contact.Side;
import fr.accueil.core.directory.Administration;
import fr.accueil.core.directory.Directory;
import fr.accueil.core.directory.NumberRoute;
import fr.accueil.core.directory.Service;
import fr.accueil.telephony.call.Call;
import fr.accueil.telephony.call.CallHandler;
import fr.accueil.telephony.call.CallInfo;
import fr.accueil.telephony.call.Rejection;
import fr.accueil.telephony.media.Prompts;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the administrations' numbers: finds the service a call's Request-URI user reaches, opens
 * its contact record, and runs the service's IVR as plain sequential code ({@link IvrScript}) on
 * the call's own virtual thread. Calls to numbers not in the directory are refused with 404 and are
 * not contacts of any service.
 *
 * <p>Thread-safe and stateless: the directory is read once per call, so a reload in the middle of
 * a call does not change that call's menus.
 */
public final class IvrCallHandler implements CallHandler {
    private static final Logger log = LoggerFactory.getLogger(IvrCallHandler.class);

    private final Supplier<Directory> directory;
    private final ContactJournal journal;
    private final Prompts prompts;
    private final CallerPseudonym pseudonym;
    private final Clock clock;
    private final QueueEntrance queues;

    public IvrCallHandler(Supplier<Directory> directory, ContactJournal journal, Prompts prompts,
                          CallerPseudonym pseudonym, Clock clock) {
        this(directory, journal, prompts, pseudonym, clock, QueueEntrance.NONE);
    }

    /** @param queues where callers who choose a queue option go (the queue runtime, {@code ContactCentre}) */
    public IvrCallHandler(Supplier<Directory> directory, ContactJournal journal, Prompts prompts,
                          CallerPseudonym pseudonym, Clock clock, QueueEntrance queues) {
        this.queues = Objects.requireNonNull(queues, "queues");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.prompts = Objects.requireNonNull(prompts, "prompts");
        this.pseudonym = Objects.requireNonNull(pseudonym, "pseudonym");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void handle(Call call) {
        CallInfo info = call.info();
        Directory current = directory.get();
        Optional<Destination> destination = resolve(current, info.requestUser());
        if (destination.isEmpty()) {
            log.debug("[{}] no service for '{}': 404", info.callId(), info.requestUser());
            call.reject(Rejection.notFound());
            return;
        }
        Destination to = destination.get();
        ContactRecorder recorder = open(info, to);
        new IvrScript(call, to.service(), prompts, recorder, queues).run();
    }

    @Override
    public void refusedAtCapacity(CallInfo info) {
        // Called on a SIP thread: the durable close blocks, so the record is written on a virtual thread.
        Thread.ofVirtual().name("capacity-record-" + info.callId()).start(() -> {
            Optional<Destination> to = resolve(directory.get(), info.requestUser());
            if (to.isEmpty()) {
                return;
            }
            ContactRecorder recorder = open(info, to.get());
            recorder.close(Outcome.REFUSED_AT_CAPACITY, EndReason.CAPACITY, Side.SYSTEM);
        });
    }

    private ContactRecorder open(CallInfo info, Destination to) {
        ContactRecorder recorder = ContactRecorder.open(journal, clock, Channel.PHONE, info.callId(), info.receivedAt(),
                new ContactRecorder.Origin(to.administration().id().value(), to.service().id().value(),
                        to.route().number().value(), info.requestUser(), pseudonym.of(info.callerNumber())));
        recorder.record(new ContactEvent.Received(info.receivedAt(), to.route().number().value(), info.requestUser()));
        return recorder;
    }

    private static Optional<Destination> resolve(Directory directory, String sipUser) {
        return directory.routeForSipUser(sipUser).flatMap(route -> directory.service(route.service())
                .flatMap(service -> directory.administration(service.administration())
                        .map(admin -> new Destination(route, service, admin))));
    }

    private record Destination(NumberRoute route, Service service, Administration administration) {
    }
}
