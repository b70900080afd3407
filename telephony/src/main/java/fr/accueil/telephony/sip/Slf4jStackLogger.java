package fr.accueil.telephony.sip;

import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's stack logger routed to SLF4J (the stack's default needs log4j 1.x, which we keep off
 * the classpath). Named by {@code gov.nist.javax.sip.STACK_LOGGER}; the stack instantiates it by
 * reflection, hence the public no-argument constructor. Stateless apart from SLF4J: thread-safe.
 */
public final class Slf4jStackLogger implements StackLogger {
    private static final Logger LOG = LoggerFactory.getLogger("fr.accueil.telephony.sip.stack");
    private static final int MAX_LOGGED_CHARS = 300;
    /** Stack messages about peers' bad input, or TLS start-up notes for TLS we do not use: DEBUG only. */
    private static final java.util.List<String> DEBUG_ONLY = java.util.List.of(
            "Error while processing incoming UDP packet", "Dropping Badly formatted", "BAD MESSAGE!",
            "Bad message", "Parse Error", "Dropping message", "Rejecting message",
            "using default tls", "Using default keystore", "TLS server settings", "Using default truststore",
            "TLS trust settings",
            // JAIN-SIP 1.2.279 bug: answering a CRLFCRLF keep-alive on a blocking TCP channel throws
            // a NullPointerException (no transport set); the connection itself carries on.
            "A problem occured while trying to send a single CLRF");

    public Slf4jStackLogger() {
    }

    @Override public void logStackTrace() {
        if (LOG.isTraceEnabled()) {
            LOG.trace("stack trace", new Exception("stack trace"));
        }
    }

    @Override public void logStackTrace(int traceLevel) {
        logStackTrace();
    }

    @Override public int getLineCount() {
        return 0;
    }

    @Override public void logException(Throwable ex) {
        LOG.warn("JAIN-SIP exception", ex);
    }

    @Override public void logDebug(String message) {
        LOG.debug(message);
    }

    @Override public void logTrace(String message) {
        LOG.trace(message);
    }

    @Override public void logFatalError(String message) {
        LOG.error(message);
    }

    @Override public void logError(String message) {
        peerProblemOrWarning(message, null);
    }

    @Override public boolean isLoggingEnabled() {
        return LOG.isDebugEnabled();
    }

    @Override public boolean isLoggingEnabled(int logLevel) {
        return switch (logLevel) {
            case TRACE_TRACE -> LOG.isTraceEnabled();
            case TRACE_DEBUG -> LOG.isDebugEnabled();
            case TRACE_INFO -> LOG.isInfoEnabled();
            case TRACE_WARN, TRACE_ERROR, TRACE_FATAL -> LOG.isWarnEnabled();
            default -> false;
        };
    }

    @Override public void logError(String message, Exception ex) {
        peerProblemOrWarning(message, ex);
    }

    @Override public void logWarning(String message) {
        peerProblemOrWarning(message, null);
    }

    /**
     * The stack reports a peer's unparseable datagram as an error, with the whole receive buffer
     * (64 KiB printed as numbers, caller numbers included): a garbage flood would turn into a log
     * flood and leak numbers. Those are the peer's problem: DEBUG, truncated. Other messages are
     * truncated too so one odd message cannot write megabytes.
     */
    private static void peerProblemOrWarning(String message, Exception ex) {
        String text = truncate(message);
        if (message != null && DEBUG_ONLY.stream().anyMatch(message::startsWith)) {
            LOG.debug(text, ex);
        } else {
            LOG.warn(text, ex);
        }
    }

    private static String truncate(String message) {
        if (message == null || message.length() <= MAX_LOGGED_CHARS) {
            return message;
        }
        return message.substring(0, MAX_LOGGED_CHARS) + "… (" + message.length() + " chars)";
    }

    @Override public void logInfo(String message) {
        // The stack's INFO is chatty start-up noise for us.
        LOG.debug(message);
    }

    @Override public void disableLogging() {
    }

    @Override public void enableLogging() {
    }

    @Override public void setBuildTimeStamp(String buildTimeStamp) {
    }

    @Override public void setStackProperties(Properties properties) {
    }

    @Override public String getLoggerName() {
        return LOG.getName();
    }
}
