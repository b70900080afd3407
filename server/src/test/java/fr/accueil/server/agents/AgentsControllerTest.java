package fr.accueil.server.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.accueil.core.routing.AgentId;
import fr.accueil.telephony.registrar.Registrations;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The agents API over Spring MVC (standalone), with the demo accounts. */
class AgentsControllerTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T08:00:00Z"), ZoneOffset.UTC);
    private final Registrations registrations = new Registrations();
    private AgentStates states;
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        AgentDirectory directory = new AgentDirectory("accueil", AgentDirectory.demoAccounts());
        states = new AgentStates(directory, clock);
        mvc = MockMvcBuilders.standaloneSetup(new AgentsController(directory, states, registrations, clock)).build();
    }

    private static MockHttpServletRequestBuilder stateChange(String id, String json) {
        return put("/api/v1/agents/{id}/state", id).contentType(MediaType.APPLICATION_JSON).content(json)
                .with(r -> {
                    r.setRemoteAddr("127.0.0.1");
                    return r;
                });
    }

    @Test
    void listsAgentsWithStateAndRegisteredContacts() throws Exception {
        registrations.apply("agent1", List.of(new Registrations.Update("sip:agent1@192.0.2.7:5060",
                clock.instant().plusSeconds(600))), clock.instant(), 10);

        mvc.perform(get("/api/v1/agents"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value("agent1"))
                .andExpect(jsonPath("$[0].state").value("LOGGED_OUT"))
                .andExpect(jsonPath("$[0].contacts[0].uri").value("sip:agent1@192.0.2.7:5060"))
                .andExpect(jsonPath("$[0].contacts[0].expiresIn").value(600))
                .andExpect(jsonPath("$[1].id").value("agent2"))
                .andExpect(jsonPath("$[1].contacts").isEmpty());
    }

    @Test
    void logsInPausesWithAReasonAndLogsOut() throws Exception {
        mvc.perform(stateChange("agent1", "{\"state\":\"AVAILABLE\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("AVAILABLE"));
        mvc.perform(stateChange("agent1", "{\"state\":\"PAUSED\",\"reason\":\"réunion\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("PAUSED"))
                .andExpect(jsonPath("$.pauseReason").value("réunion"));
        mvc.perform(stateChange("agent1", "{\"state\":\"AVAILABLE\"}")).andExpect(status().isOk());
        mvc.perform(stateChange("agent1", "{\"state\":\"LOGGED_OUT\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("LOGGED_OUT"));
    }

    @Test
    void anInvalidTransitionIsAConflictNamingBothStates() throws Exception {
        mvc.perform(stateChange("agent2", "{\"state\":\"PAUSED\",\"reason\":\"pause café\"}"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.currentState").value("LOGGED_OUT"))
                .andExpect(jsonPath("$.requestedState").value("PAUSED(pause café)"))
                .andExpect(jsonPath("$.detail").value("agent agent2 cannot go from LOGGED_OUT to PAUSED(pause café)"));
        assertThat(states.stateOf(new AgentId("agent2")).orElseThrow().label()).isEqualTo("LOGGED_OUT");
    }

    @Test
    void availableWhenAlreadyAvailableIsAConflict() throws Exception {
        mvc.perform(stateChange("agent1", "{\"state\":\"AVAILABLE\"}")).andExpect(status().isOk());
        mvc.perform(stateChange("agent1", "{\"state\":\"AVAILABLE\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.currentState").value("AVAILABLE"))
                .andExpect(jsonPath("$.requestedState").value("AVAILABLE"));
    }

    @Test
    void anUnknownAgentIsNotFound() throws Exception {
        mvc.perform(stateChange("nobody", "{\"state\":\"AVAILABLE\"}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("no agent with id nobody"));
    }

    @Test
    void malformedChangesAreBadRequests() throws Exception {
        mvc.perform(stateChange("agent1", "{\"state\":")).andExpect(status().isBadRequest());
        mvc.perform(stateChange("agent1", "{\"state\":\"ASLEEP\"}")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("state must be AVAILABLE, PAUSED or LOGGED_OUT, got ASLEEP"));
        mvc.perform(stateChange("agent1", "{}")).andExpect(status().isBadRequest());
        mvc.perform(stateChange("agent1", "{\"state\":\"AVAILABLE\"}")).andExpect(status().isOk());
        mvc.perform(stateChange("agent1", "{\"state\":\"PAUSED\"}")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("a pause needs a reason"));
        assertThat(states.stateOf(new AgentId("agent1")).orElseThrow().label()).isEqualTo("AVAILABLE");
    }

    @Test
    void aStateChangeFromAnotherHostIsRefused() throws Exception {
        mvc.perform(put("/api/v1/agents/agent1/state").contentType(MediaType.APPLICATION_JSON).content("{\"state\":\"AVAILABLE\"}")
                        .with(r -> {
                            r.setRemoteAddr("192.0.2.10");
                            return r;
                        }))
                .andExpect(status().isForbidden());
        assertThat(states.stateOf(new AgentId("agent1")).orElseThrow().label()).isEqualTo("LOGGED_OUT");
    }

    @Test
    void aChangedStateCarriesItsSince() throws Exception {
        mvc.perform(get("/api/v1/agents")).andExpect(jsonPath("$[0].since").doesNotExist());
        mvc.perform(stateChange("agent1", "{\"state\":\"AVAILABLE\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.since").value("2026-11-27T08:00:00Z"));
    }

    @Test
    void theRuntimeStatesOfACallShowByName() throws Exception {
        var contact = fr.accueil.core.contact.ContactId.random();
        var byAgent = new java.util.HashMap<AgentId, fr.accueil.core.routing.AgentState>();
        byAgent.put(new AgentId("agent1"), new fr.accueil.core.routing.AgentState.Ringing(contact));
        byAgent.put(new AgentId("agent2"), new fr.accueil.core.routing.AgentState.OnContact(contact));
        AgentDirectory directory = new AgentDirectory("accueil", AgentDirectory.demoAccounts());
        AgentStateChanger runtime = new AgentStateChanger() {
            @Override
            public java.util.Optional<fr.accueil.core.routing.AgentState> stateOf(AgentId agent) {
                return java.util.Optional.ofNullable(byAgent.get(agent));
            }

            @Override
            public boolean changeState(AgentId agent, fr.accueil.telephony.acd.AgentTarget target, String reason) {
                return false;
            }

            @Override
            public java.util.Map<AgentId, Instant> since() {
                return java.util.Map.of(new AgentId("agent2"), Instant.parse("2026-11-27T07:59:30Z"));
            }
        };
        MockMvc runtimeMvc = MockMvcBuilders.standaloneSetup(new AgentsController(directory, runtime, registrations, clock)).build();

        runtimeMvc.perform(get("/api/v1/agents"))
                .andExpect(jsonPath("$[0].state").value("RINGING"))
                .andExpect(jsonPath("$[1].state").value("ON_CONTACT"))
                .andExpect(jsonPath("$[1].since").value("2026-11-27T07:59:30Z"));
        byAgent.put(new AgentId("agent2"), new fr.accueil.core.routing.AgentState.WrapUp());
        runtimeMvc.perform(get("/api/v1/agents")).andExpect(jsonPath("$[1].state").value("WRAP_UP"));
    }
}
