package fr.accueil.telephony.sip;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's message trace routed to SLF4J at TRACE (whole messages carry caller numbers, so they
 * never go out at INFO). Named by {@code gov.nist.javax.sip.SERVER_LOGGER}. Thread-safe.
 */
public final class Slf4jServerLogger implements ServerLogger {
    private static final Logger LOG = LoggerFactory.getLogger("fr.accueil.telephony.sip.messages");

    public Slf4jServerLogger() {
    }

    @Override public void closeLogFile() {
    }

    @Override public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        if (LOG.isTraceEnabled()) {
            LOG.trace("{} {} -> {}\n{}", sender ? "sent" : "received", from, to, message.encode());
        }
    }

    @Override public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        logMessage(message, from, to, sender, time);
    }

    @Override public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        logMessage(message, from, to, sender, 0L);
    }

    @Override public void logException(Exception ex) {
        LOG.debug("JAIN-SIP message exception", ex);
    }

    @Override public void setStackProperties(Properties properties) {
    }

    @Override public void setSipStack(SipStack sipStack) {
    }
}
