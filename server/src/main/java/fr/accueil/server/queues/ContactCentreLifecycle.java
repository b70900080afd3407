package fr.accueil.server.queues;

import fr.accueil.core.directory.Directory;
import fr.accueil.server.agents.AgentAccount;
import fr.accueil.server.agents.AgentDirectory;
import fr.accueil.server.contacts.InterruptedContactsRecovery;
import fr.accueil.server.directory.DirectoryService;
import fr.accueil.telephony.acd.ContactCentre;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Gives the contact centre its queues and agents, and resumes the callbacks of a previous run: after the
 * journal's recovery (which keeps contacts awaiting a callback open) and before SIP takes calls. A
 * directory reload reconfigures the queues without losing waiting callers.
 */
final class ContactCentreLifecycle implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ContactCentreLifecycle.class);
    static final int PHASE = InterruptedContactsRecovery.TELEPHONY_PHASE - 100;

    private final ContactCentre centre;
    private final DirectoryService directory;
    private final AgentDirectory agents;
    private volatile boolean running;

    ContactCentreLifecycle(ContactCentre centre, DirectoryService directory, AgentDirectory agents) {
        this.centre = centre;
        this.directory = directory;
        this.agents = agents;
    }

    @Override
    public void start() {
        configure(directory.current());
        directory.onReload(this::configure);
        centre.resumePendingCallbacks();
        running = true;
    }

    private void configure(Directory current) {
        centre.configure(current.queues(), agents.accounts().stream().map(AgentAccount::profile).toList(), current);
        log.info("Contact centre: {} queue(s), {} agent(s)", current.queues().size(), agents.accounts().size());
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
