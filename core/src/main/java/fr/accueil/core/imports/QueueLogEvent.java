package fr.accueil.core.imports;

import java.util.HashMap;
import java.util.Map;

/**
 * The Asterisk queue_log events this importer knows, with the number of data fields it needs
 * (app_queue's documented layouts; extra fields are tolerated, as Asterisk versions append some).
 */
public enum QueueLogEvent {
    /** data: url, callerid, origposition. */
    ENTERQUEUE(Kind.START, 0),
    /** data: DID (the dialled number), logged just before ENTERQUEUE. */
    DID(Kind.CALL_INFO, 1),
    /** data: holdtime, bridged uniqueid, ringtime. */
    CONNECT(Kind.CONNECT, 1),
    /** data: holdtime, calltime, origposition. */
    COMPLETEAGENT(Kind.END_ANSWERED, 2),
    COMPLETECALLER(Kind.END_ANSWERED, 2),
    /** data: position, origposition, waittime. */
    ABANDON(Kind.END_ABANDONED, 3),
    /** data: position, origposition, waittime. */
    EXITEMPTY(Kind.END_UNANSWERED, 3),
    EXITWITHTIMEOUT(Kind.END_UNANSWERED, 3),
    /** data: key, position, origposition, waittime. */
    EXITWITHKEY(Kind.END_UNANSWERED, 4),
    /** data: extension, context, holdtime, calltime, origposition. */
    TRANSFER(Kind.END_TRANSFERRED, 4),
    BLINDTRANSFER(Kind.END_TRANSFERRED, 4),
    /** data: method (BRIDGE, APP, LINK), target, holdtime, calltime, origposition. */
    ATTENDEDTRANSFER(Kind.END_TRANSFERRED, 4),
    RINGNOANSWER(Kind.CALL_INFO, 0),
    RINGCANCELED(Kind.CALL_INFO, 0),
    AGENTDUMP(Kind.CALL_INFO, 0),
    SYSCOMPAT(Kind.CALL_INFO, 0),
    INFO(Kind.CALL_INFO, 0),
    AGENTLOGIN(Kind.NOT_A_CALL, 0),
    AGENTLOGOFF(Kind.NOT_A_CALL, 0),
    AGENTCALLBACKLOGIN(Kind.NOT_A_CALL, 0),
    AGENTCALLBACKLOGOFF(Kind.NOT_A_CALL, 0),
    ADDMEMBER(Kind.NOT_A_CALL, 0),
    REMOVEMEMBER(Kind.NOT_A_CALL, 0),
    PAUSE(Kind.NOT_A_CALL, 0),
    UNPAUSE(Kind.NOT_A_CALL, 0),
    PAUSEALL(Kind.NOT_A_CALL, 0),
    UNPAUSEALL(Kind.NOT_A_CALL, 0),
    PENALTY(Kind.NOT_A_CALL, 0),
    QUEUESTART(Kind.NOT_A_CALL, 0),
    CONFIGRELOAD(Kind.NOT_A_CALL, 0);

    /** What an event means for the call it belongs to. */
    public enum Kind { START, CALL_INFO, CONNECT, END_ANSWERED, END_ABANDONED, END_UNANSWERED, END_TRANSFERRED, NOT_A_CALL }

    private static final Map<String, QueueLogEvent> BY_NAME = new HashMap<>();

    static {
        for (QueueLogEvent e : values()) {
            BY_NAME.put(e.name(), e);
        }
    }

    private final Kind kind;
    private final int requiredData;

    QueueLogEvent(Kind kind, int requiredData) {
        this.kind = kind;
        this.requiredData = requiredData;
    }

    public Kind kind() {
        return kind;
    }

    public int requiredData() {
        return requiredData;
    }

    /** The event of that exact (upper-case) name, or null. */
    static QueueLogEvent named(String name) {
        return BY_NAME.get(name);
    }
}
