package fr.accueil.server.telephony;

import fr.accueil.core.contact.CallerPseudonym;
import fr.accueil.core.contact.ContactJournal;
import fr.accueil.server.directory.DirectoryService;
import fr.accueil.server.settings.AccueilSettings;
import fr.accueil.telephony.acd.ContactCentre;
import fr.accueil.telephony.ivr.IvrCallHandler;
import fr.accueil.telephony.media.MediaEngine;
import fr.accueil.telephony.media.MediaSettings;
import fr.accueil.telephony.media.WavPrompts;
import fr.accueil.telephony.registrar.Registrar;
import fr.accueil.telephony.sip.SipEndpoint;
import fr.accueil.telephony.sip.SipSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the telephone front door: prompts, the RTP engine, the IVR and the SIP endpoint. The SIP
 * listener starts in {@link TelephonyLifecycle} after the interrupted contacts of a previous run
 * are closed, and stops first on shutdown so calls end before the journal closes.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "accueil.sip.enabled", havingValue = "true", matchIfMissing = true)
public class TelephonyConfiguration {
    private static final Logger log = LoggerFactory.getLogger(TelephonyConfiguration.class);

    @Bean
    AdvertisedHost advertisedHost(AccueilSettings settings) {
        return new AdvertisedHost(advertisedHostOf(settings));
    }

    @Bean(destroyMethod = "close")
    MediaEngine mediaEngine(AccueilSettings settings, AdvertisedHost advertised) throws UnknownHostException {
        InetAddress bind = InetAddress.getByName(settings.sip().bind());
        return new MediaEngine(MediaSettings.of(bind, advertised.host(), settings.rtp().portMin(), settings.rtp().portMax()));
    }

    @Bean
    RtpMetrics rtpMetrics(MediaEngine media) {
        return new RtpMetrics(media);
    }

    @Bean
    IvrCallHandler ivrCallHandler(DirectoryService directory, ContactJournal journal, WavPrompts prompts,
                                  CallerPseudonym pseudonym, Clock clock, ContactCentre queues) {
        return new IvrCallHandler(directory::current, journal, prompts, pseudonym, clock, queues);
    }

    @Bean
    SipEndpoint sipEndpoint(AccueilSettings settings, AdvertisedHost advertised, MediaEngine media, IvrCallHandler ivr, Clock clock,
                            Registrar registrar) {
        SipSettings d = SipSettings.defaults(settings.sip().bind(), settings.sip().port());
        SipSettings sip = new SipSettings(d.bindAddress(), d.port(), advertised.host(), settings.maxCalls(),
                d.retryAfter(), settings.sip().rtpTimeout(), settings.sip().maxCallDuration(), d.ackWait(),
                d.maxMessageSize(), d.stackThreadPoolSize(), d.tcpIdleTimeout(), d.transferTimeout());
        return new SipEndpoint(sip, media, ivr, clock, registrar);
    }

    @Bean
    TelephonyLifecycle telephonyLifecycle(SipEndpoint endpoint) {
        return new TelephonyLifecycle(endpoint);
    }

    @Bean
    HealthIndicator sipHealthIndicator(SipEndpoint endpoint) {
        return () -> endpoint.isRunning()
                ? Health.up().withDetail("port", endpoint.port()).withDetail("calls", endpoint.activeCalls()).build()
                : Health.down().withDetail("reason", "SIP endpoint not listening").build();
    }

    /**
     * The address peers must use for SIP and RTP. With a wildcard bind and nothing configured we
     * advertise the loopback: right for a demo on this machine, wrong for phones elsewhere, hence the warning.
     */
    static String advertisedHostOf(AccueilSettings settings) {
        String configured = settings.sip().advertisedHost();
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String bind = settings.sip().bind();
        if (!bind.equals("0.0.0.0") && !bind.equals("::")) {
            return bind;
        }
        log.warn("accueil.sip.advertised-host is not set: advertising 127.0.0.1, so only callers on this machine can reach Accueil");
        return "127.0.0.1";
    }

    /** The host written into Via/Contact and SDP, decided once. */
    record AdvertisedHost(String host) {
    }
}
