package fr.accueil.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.accueil.core.contact.ContactId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AgentSessionTest {
    private static final AgentId AGENT = new AgentId("a1");
    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    private final AgentSession session = new AgentSession(AGENT);
    private final ContactId contact = ContactId.random();

    @Test
    void fullCycleEmitsOneEventPerTransition() {
        assertThat(session.state()).isEqualTo(AgentState.LOGGED_OUT);
        assertThat(session.logIn(T0)).isEqualTo(new AgentEvent.LoggedIn(AGENT, T0));
        assertThat(session.idleSince()).contains(T0);
        assertThat(session.offer(contact, T0.plusSeconds(1))).isEqualTo(new AgentEvent.Offered(AGENT, contact, T0.plusSeconds(1)));
        assertThat(session.state()).isEqualTo(new AgentState.Ringing(contact));
        assertThat(session.idleSince()).isEmpty();
        assertThat(session.answer(T0.plusSeconds(2))).isEqualTo(new AgentEvent.Answered(AGENT, contact, T0.plusSeconds(2)));
        assertThat(session.state()).isEqualTo(new AgentState.OnContact(contact));
        assertThat(session.hangUp(T0.plusSeconds(60))).isEqualTo(new AgentEvent.HungUp(AGENT, contact, T0.plusSeconds(60)));
        assertThat(session.state()).isEqualTo(AgentState.WRAP_UP);
        assertThat(session.endWrapUp(T0.plusSeconds(90))).isEqualTo(new AgentEvent.WrapUpEnded(AGENT, T0.plusSeconds(90)));
        assertThat(session.idleSince()).contains(T0.plusSeconds(90));
        assertThat(session.pause("déjeuner", T0.plusSeconds(100))).isEqualTo(new AgentEvent.Paused(AGENT, "déjeuner", T0.plusSeconds(100)));
        assertThat(session.state()).isEqualTo(new AgentState.Paused("déjeuner"));
        assertThat(session.ready(T0.plusSeconds(200))).isEqualTo(new AgentEvent.Ready(AGENT, T0.plusSeconds(200)));
        assertThat(session.logOut(T0.plusSeconds(300))).isEqualTo(new AgentEvent.LoggedOut(AGENT, T0.plusSeconds(300)));
        assertThat(session.state()).isEqualTo(AgentState.LOGGED_OUT);
    }

    @Test
    void noAnswerPausesWithReasonNoAnswer() {
        session.logIn(T0);
        session.offer(contact, T0);
        assertThat(session.noAnswer(T0.plusSeconds(20))).isEqualTo(new AgentEvent.NoAnswer(AGENT, contact, T0.plusSeconds(20)));
        assertThat(session.state()).isEqualTo(new AgentState.Paused("no answer"));
        assertThat(session.state().label()).isEqualTo("PAUSED(no answer)");
    }

    @Test
    void withdrawnOfferKeepsIdleSince() {
        session.logIn(T0);
        session.offer(contact, T0.plusSeconds(5));
        session.withdrawOffer(T0.plusSeconds(8));
        assertThat(session.state()).isEqualTo(AgentState.AVAILABLE);
        assertThat(session.idleSince()).contains(T0);
    }

    @Test
    void illegalTransitionNamesBothStatesAndChangesNothing() {
        assertThatThrownBy(() -> session.answer(T0))
                .isInstanceOf(IllegalAgentTransitionException.class)
                .hasMessageContaining("LOGGED_OUT")
                .hasMessageContaining("ON_CONTACT")
                .satisfies(e -> {
                    IllegalAgentTransitionException illegal = (IllegalAgentTransitionException) e;
                    assertThat(illegal.current()).isEqualTo(AgentState.LOGGED_OUT);
                    assertThat(illegal.requested()).isEqualTo("ON_CONTACT");
                    assertThat(illegal.agent()).isEqualTo(AGENT);
                });
        assertThat(session.state()).isEqualTo(AgentState.LOGGED_OUT);

        session.logIn(T0);
        assertThatThrownBy(() -> session.logIn(T0)).hasMessage("agent a1 cannot go from AVAILABLE to AVAILABLE");
        assertThatThrownBy(() -> session.hangUp(T0)).hasMessage("agent a1 cannot go from AVAILABLE to WRAP_UP");
        assertThatThrownBy(() -> session.endWrapUp(T0)).hasMessage("agent a1 cannot go from AVAILABLE to AVAILABLE");
        assertThatThrownBy(() -> session.ready(T0)).isInstanceOf(IllegalAgentTransitionException.class);
        session.offer(contact, T0);
        assertThatThrownBy(() -> session.logOut(T0)).hasMessage("agent a1 cannot go from RINGING to LOGGED_OUT");
        assertThatThrownBy(() -> session.pause("pause", T0)).hasMessage("agent a1 cannot go from RINGING to PAUSED(pause)");
        assertThatThrownBy(() -> session.offer(ContactId.random(), T0)).hasMessage("agent a1 cannot go from RINGING to RINGING");
        assertThat(session.state()).isEqualTo(new AgentState.Ringing(contact));
        session.answer(T0);
        assertThatThrownBy(() -> session.noAnswer(T0)).hasMessage("agent a1 cannot go from ON_CONTACT to PAUSED(no answer)");
    }

    @Test
    void valueTypesRejectBadInput() {
        assertThatThrownBy(() -> new SkillLevel(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SkillLevel(6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AgentId(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AgentState.Paused("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueueDefinition.of(new QueueId("q"), "s").withMaxLength(0))
                .hasMessageContaining("maxLength");
        assertThatThrownBy(() -> QueueDefinition.of(new QueueId("q"), "s").withPriority(1001))
                .hasMessageContaining("priority");
        assertThatThrownBy(() -> WaitingContact.of(ContactId.random(), new QueueId("q"), -1001, T0))
                .hasMessageContaining("priority");
    }
}
