package fr.accueil.server.queues;

import fr.accueil.core.callback.CallbackBook;
import fr.accueil.core.contact.CallerPseudonym;
import fr.accueil.core.contact.ContactJournal;
import fr.accueil.core.outbound.OutboundPolicy;
import fr.accueil.server.agents.AgentAccount;
import fr.accueil.server.agents.AgentDirectory;
import fr.accueil.server.directory.DirectoryService;
import fr.accueil.server.settings.AccueilSettings;
import fr.accueil.telephony.acd.CallbackRules;
import fr.accueil.telephony.acd.ContactCentre;
import fr.accueil.telephony.acd.OutboundTrunk;
import fr.accueil.telephony.acd.RegisteredPhones;
import fr.accueil.telephony.call.Dial;
import fr.accueil.telephony.call.Dialer;
import fr.accueil.telephony.media.MediaUnavailableException;
import fr.accueil.telephony.media.WavPrompts;
import fr.accueil.telephony.registrar.Registrations;
import fr.accueil.telephony.sip.SipEndpoint;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the queue runtime ({@link ContactCentre}): the one owner of agents' states, queues and callbacks.
 * It exists with or without SIP (the agents' page and API work either way); it dials through the SIP
 * endpoint when there is one, looked up lazily because the endpoint's IVR hands callers to the centre.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ContactCentreSettings.class)
public class ContactCentreConfiguration {

    @Bean(destroyMethod = "close")
    ContactCentre contactCentre(ObjectProvider<SipEndpoint> endpoint, AgentDirectory agents, Registrations registrations,
                                WavPrompts prompts, CallbackBook book, OutboundPolicy policy, ContactCentreSettings settings,
                                CallerPseudonym pseudonym, ContactJournal journal, Clock clock) {
        Dialer dialer = dial -> dialThrough(endpoint, dial);
        var phones = new RegisteredPhones(registrations, agent -> agents.byId(agent).map(AgentAccount::username));
        var callbacks = settings.callbacks();
        return new ContactCentre(dialer, phones, prompts, book, policy, trunk(settings.trunk()),
                new CallbackRules(callbacks.attempts(), callbacks.spacing(), callbacks.confirmKey(), callbacks.ringTimeout()),
                pseudonym, settings.lastAgentMemory(), journal, clock);
    }

    @Bean
    ContactCentreAgentStates agentStates(ContactCentre centre) {
        return new ContactCentreAgentStates(centre);
    }

    @Bean
    WavPrompts prompts(AccueilSettings settings) {
        return new WavPrompts(settings.promptDirs());
    }

    @Bean
    ContactCentreLifecycle contactCentreLifecycle(ContactCentre centre, DirectoryService directory, AgentDirectory agents) {
        return new ContactCentreLifecycle(centre, directory, agents);
    }

    static Optional<OutboundTrunk> trunk(ContactCentreSettings.Trunk trunk) {
        if (trunk.uriTemplate().isBlank()) {
            return Optional.empty();
        }
        Optional<Dial.Credentials> credentials = trunk.username().isBlank()
                ? Optional.empty()
                : Optional.of(new Dial.Credentials(trunk.username(), trunk.password()));
        return Optional.of(new OutboundTrunk(trunk.uriTemplate(), trunk.fromNumber(), credentials));
    }

    private static fr.accueil.telephony.call.OutboundCall dialThrough(ObjectProvider<SipEndpoint> endpoint, Dial dial)
            throws MediaUnavailableException {
        SipEndpoint sip = endpoint.getIfAvailable();
        if (sip == null) {
            throw new MediaUnavailableException("SIP is disabled (accueil.sip.enabled=false): no outbound call");
        }
        return sip.dial(dial);
    }
}
