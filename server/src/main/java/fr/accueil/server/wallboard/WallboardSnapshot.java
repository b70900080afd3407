package fr.accueil.server.wallboard;

import java.util.List;

/**
 * What the wallboard shows at one instant, already worded in French, every rate with its counts.
 * Sent as JSON in each server-sent event and rendered in the page at first load.
 *
 * @param time          local time of the figures, "08:42:10"
 * @param todayRate     today's pickup rate with counts, or « non disponible (0 sur 0) »
 * @param todayReached  today's rate reaches the target
 * @param todayAvailable today's rate has a denominator
 * @param todayGlobal   today's global rate with counts
 * @param lastHourRate  the pickup rate of the last hour (the current quarter hour and the three before)
 * @param alert         the last hour's rate is available and under the target
 * @param alertText     the banner's text when {@code alert}, else empty
 * @param contacts      today's contacts by what became of them
 * @param activeCalls   calls in progress on the SIP endpoint, or « non disponible » without telephony
 * @param queues        every configured queue, live
 * @param agents        every configured agent, live
 */
public record WallboardSnapshot(String time, String todayRate, boolean todayReached, boolean todayAvailable,
                                String todayGlobal, String lastHourRate, boolean alert, String alertText,
                                List<Line> contacts, String activeCalls, List<QueueLine> queues, List<AgentLine> agents) {

    /**
     * One queue: waits as « 2 min 05 s », the estimated wait « non disponible » while unknown, and the
     * qualified agents counted by state in the order of {@code AgentStateNames.STATES} (French labels),
     * and the same in one line without the zeros, « Disponible : 1, Post-appel : 1 » (« aucun agent »).
     */
    public record QueueLine(String id, String service, int waiting, String longestWait, String estimatedWait,
                            List<Line> agents, String agentsText) {
    }

    /** One agent: its state in French (« En pause (Réunion) ») and since when, « 08:42 », or « — ». */
    public record AgentLine(String name, String state, String since) {
    }

    /** One line of "today's contacts by outcome". */
    public record Line(String label, long count) {
    }
}
