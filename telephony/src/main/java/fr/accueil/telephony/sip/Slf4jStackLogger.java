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
        // The stack reports peers' malformed messages as errors; those are the peer's problem.
        LOG.warn(message);
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
        LOG.warn(message, ex);
    }

    @Override public void logWarning(String message) {
        LOG.warn(message);
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
