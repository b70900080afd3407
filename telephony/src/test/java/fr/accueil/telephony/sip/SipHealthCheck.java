package fr.accueil.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/** After bad input: the endpoint still answers OPTIONS and completes a call, on UDP and TCP. */
final class SipHealthCheck {
    private SipHealthCheck() {
    }

    /** The handler must answer calls to {@link #HEALTHY_USER} and keep them up until BYE. */
    static final String HEALTHY_USER = "healthy";

    static void assertHealthy(SipEndpoint endpoint) throws Exception {
        // each client opens right before use: an idle TCP connection may be closed by the endpoint
        try (RawSipClient udp = RawSipClient.udp(endpoint.port())) {
            optionsAndCall(udp);
        }
        try (RawSipClient tcp = RawSipClient.tcp(endpoint.port())) {
            optionsAndCall(tcp);
        }
    }

    private static void optionsAndCall(RawSipClient client) throws Exception {
        UacCall probe = client.newCall(HEALTHY_USER);
        probe.sendRequest("OPTIONS", null, "");
        assertThat(client.awaitFinalRetransmitting(probe.callId, "OPTIONS").status()).as("OPTIONS over " + client.transport).isEqualTo(200);

        UacCall call = client.newCall(HEALTHY_USER);
        call.invite(RawSipClient.OFFER);
        RawSipMessage ok = client.awaitFinalRetransmitting(call.callId, "INVITE");
        assertThat(ok.status()).as("INVITE over " + client.transport).isEqualTo(200);
        call.toTag = ok.toTag().orElseThrow();
        call.ack(null);
        call.bye();
        assertThat(client.awaitFinalRetransmitting(call.callId, "BYE").status()).as("BYE over " + client.transport).isEqualTo(200);
    }

    static ScriptedHandler.Script answerHealthyRejectOthers() {
        return c -> {
            if (c.info().requestUser().equals(HEALTHY_USER)) {
                c.answer();
                c.play(java.util.List.of(fr.accueil.telephony.media.AudioClip.silence(Duration.ofSeconds(30))), false);
            } else {
                c.reject(fr.accueil.telephony.call.Rejection.notFound());
            }
        };
    }
}
