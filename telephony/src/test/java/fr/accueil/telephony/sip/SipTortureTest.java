package fr.accueil.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.telephony.sip.TortureMessages.TortureCase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 4475 torture messages fed as raw bytes over UDP and TCP from plain Java sockets: valid ones are
 * processed (exact status), invalid ones answered 400 or dropped, stray responses ignored; after
 * each, the endpoint still answers OPTIONS and completes a call.
 */
class SipTortureTest {
    private static final Duration DROP_WAIT = Duration.ofSeconds(1);
    private final FakeMediaFactory media = new FakeMediaFactory();
    private final ScriptedHandler handler = new ScriptedHandler();
    private SipEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        handler.script = SipHealthCheck.answerHealthyRejectOthers();
        endpoint = new SipEndpoint(SipSettings.defaults("127.0.0.1", 0), media, handler, Clock.systemUTC());
        endpoint.start();
    }

    @AfterEach
    void stop() {
        endpoint.close();
        assertThat(media.sessions.values()).allSatisfy(s -> assertThat(s.closes.get()).isEqualTo(1));
    }

    static Stream<Arguments> cases() {
        return TortureMessages.all().stream().flatMap(c -> c.udpOnly()
                ? Stream.of(Arguments.of(c, "UDP"))
                : Stream.of(Arguments.of(c, "UDP"), Arguments.of(c, "TCP")));
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("cases")
    void tortureMessage(TortureCase c, String transport) throws Exception {
        try (RawSipClient client = transport.equals("UDP") ? RawSipClient.udp(endpoint.port()) : RawSipClient.tcp(endpoint.port())) {
            byte[] message = TortureMessages.render(c, transport, "127.0.0.1:" + client.localPort());
            String callId = TortureMessages.callIdOf(message);
            client.send(new String(message, StandardCharsets.UTF_8));

            switch (c.expect()) {
                case ANSWERED, TOLERATED -> {
                    RawSipMessage answer = client.await(m -> m.isResponse() && m.status() >= 200 && m.callId().equals(callId),
                            "final response to " + c);
                    assertThat(answer.status()).as(c.toString()).isIn(c.statuses());
                }
                case REFUSED_OR_DROPPED -> {
                    Optional<RawSipMessage> answer = client.poll(m -> m.isResponse() && m.status() >= 200
                            && (callId == null || m.callId().equals(callId)), DROP_WAIT);
                    answer.ifPresent(a -> assertThat(a.status()).as(c + " answered").isIn(c.statuses()));
                    assertThat(media.sessions).as("no call set up for " + c).isEmpty();
                }
                case NOTHING -> assertThat(client.poll(m -> true, DROP_WAIT)).as("answer to a stray response").isEmpty();
            }
        }
        if (c.name().equals("dblreq")) {
            assertThat(media.sessions).as("the INVITE after the REGISTER in the same datagram is ignored").isEmpty();
        }
        SipHealthCheck.assertHealthy(endpoint);
    }
}
