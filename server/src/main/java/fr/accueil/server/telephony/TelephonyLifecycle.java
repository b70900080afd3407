package fr.accueil.server.telephony;

import fr.accueil.server.contacts.InterruptedContactsRecovery;
import fr.accueil.telephony.sip.SipEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * Starts SIP after the contact recovery (a later phase) and stops it first: calls in progress get
 * a grace period, then are hung up and recorded before the journal drains.
 */
final class TelephonyLifecycle implements SmartLifecycle {
    private static final Duration GRACE = Duration.ofSeconds(5);
    private final SipEndpoint endpoint;

    TelephonyLifecycle(SipEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void start() {
        try {
            endpoint.start();
        } catch (IOException e) {
            throw new UncheckedIOException("SIP could not listen on port " + endpoint.settings().port() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        endpoint.stop(GRACE);
    }

    @Override
    public boolean isRunning() {
        return endpoint.isRunning();
    }

    @Override
    public int getPhase() {
        return InterruptedContactsRecovery.TELEPHONY_PHASE;
    }
}
