package fr.accueil.server.wallboard;

import fr.accueil.server.indicators.IndicatorQueries;
import fr.accueil.server.settings.AccueilSettings;
import fr.accueil.telephony.acd.ContactCentre;
import fr.accueil.telephony.sip.SipEndpoint;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Wires the supervisor wallboard. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SupervisionSettings.class)
public class WallboardConfiguration {

    @Bean
    WallboardSnapshots wallboardSnapshots(IndicatorQueries queries, ObjectProvider<SipEndpoint> sip, ContactCentre centre,
                                          Clock clock, AccueilSettings settings) {
        return new WallboardSnapshots(queries, sip, LiveQueues.of(centre), clock, settings.zone());
    }

    @Bean
    WallboardFeed wallboardFeed(WallboardSnapshots snapshots, SupervisionSettings settings) {
        return new WallboardFeed(snapshots, settings.refresh());
    }
}
