package fr.accueil.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.telephony.call.EndCause;
import fr.accueil.telephony.call.LegListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LegListenersTest {
    private final LegListeners listeners = new LegListeners("call-1");
    private final List<String> heard = new ArrayList<>();
    /** A listener that fails on everything, as a buggy one would; it would have accepted a REFER. */
    private final LegListener failing = new Recording("failing", true, true, heard);

    private LegListener recording(String name, boolean accepts) {
        return new Recording(name, accepts, false, heard);
    }

    /**
     * Records what it hears in {@code heard} under its name, or throws instead when {@code fails}; says
     * {@code accepts} to a REFER.
     */
    private record Recording(String name, boolean accepts, boolean fails, List<String> heard) implements LegListener {
        private void hear(String what) {
            if (fails) {
                throw new IllegalStateException(name + " failed on " + what);
            }
            heard.add(name + " " + what);
        }

        @Override
        public void ended(EndCause cause) {
            hear("ended " + cause);
        }

        @Override
        public boolean transferRequested(String referTo) {
            hear("asked " + referTo);
            return accepts;
        }

        @Override
        public void transferAccepted(String referTo) {
            hear("transferred " + referTo);
        }

        @Override
        public void holdChanged(boolean onHold) {
            hear("hold " + onHold);
        }
    }

    @Test
    void the_end_is_told_once_in_registration_order() {
        listeners.add(recording("a", false));
        listeners.add(recording("b", false));

        listeners.tellEnded(EndCause.REMOTE_BYE);
        listeners.tellEnded(EndCause.LOCAL_HANGUP);

        assertThat(heard).containsExactly("a ended REMOTE_BYE", "b ended REMOTE_BYE");
    }

    @Test
    void a_listener_registering_after_the_end_is_told_at_once_with_the_first_cause() {
        listeners.tellEnded(EndCause.REMOTE_CANCEL);

        listeners.add(recording("late", false));
        listeners.tellEnded(EndCause.LOCAL_HANGUP);

        assertThat(heard).containsExactly("late ended REMOTE_CANCEL");
    }

    @Test
    void a_failing_listener_does_not_keep_the_others_from_hearing() {
        listeners.add(failing);
        listeners.add(recording("b", false));

        listeners.tellHold(true);
        listeners.tellTransferAccepted("sip:2001@pbx");
        listeners.tellEnded(EndCause.REMOTE_BYE);

        assertThat(heard).containsExactly("b hold true", "b transferred sip:2001@pbx", "b ended REMOTE_BYE");
    }

    @Test
    void the_first_listener_saying_yes_accepts_a_refer_and_a_failure_counts_as_no() {
        listeners.add(failing);
        listeners.add(recording("no", false));
        listeners.add(recording("yes", true));
        listeners.add(recording("unasked", true));

        assertThat(listeners.transferRequested("sip:2001@pbx")).isTrue();
        assertThat(heard).containsExactly("no asked sip:2001@pbx", "yes asked sip:2001@pbx");
    }

    @Test
    void a_refer_nobody_accepts_is_refused() {
        assertThat(listeners.transferRequested("sip:2001@pbx")).isFalse();

        listeners.add(recording("no", false));
        assertThat(listeners.transferRequested("sip:2001@pbx")).isFalse();
    }
}
