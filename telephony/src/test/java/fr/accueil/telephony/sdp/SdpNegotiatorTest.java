package fr.accueil.telephony.sdp;

import fr.accueil.telephony.media.NegotiationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetSocketAddress;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SdpNegotiatorTest {
    private final SdpNegotiator negotiator = new SdpNegotiator("203.0.113.5", 20000, 42);

    static Stream<Arguments> realOffers() {
        return Stream.of(
                Arguments.of("sipp uac", Offers.SIPP_UAC, AudioCodec.PCMU, 0, -1, "127.0.0.1", 6000,
                        "m=audio 20000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=ptime:20\r\na=sendrecv\r\n"),
                Arguments.of("baresip", Offers.BARESIP, AudioCodec.PCMU, 0, 101, "192.0.2.10", 10098,
                        "m=audio 20000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
                                + "a=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\n"),
                Arguments.of("baresip with opus", Offers.BARESIP_OPUS, AudioCodec.PCMA, 8, 101, "192.0.2.11", 10004,
                        "m=audio 20000 RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
                                + "a=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\n"),
                Arguments.of("linphone", Offers.LINPHONE, AudioCodec.PCMU, 0, 100, "192.0.2.20", 7078,
                        "m=audio 20000 RTP/AVP 0 100\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:100 telephone-event/8000\r\n"
                                + "a=fmtp:100 0-15\r\na=ptime:20\r\na=sendrecv\r\nm=video 0 RTP/AVP 96 97\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realOffers")
    void answersRealOffers(String agent, String offer, AudioCodec codec, int pt, int telephoneEventPt, String host, int port,
                           String expectedMedia) throws Exception {
        SdpNegotiator.Answer answer = negotiator.answer(offer);

        NegotiatedAudio audio = answer.audio().orElseThrow();
        assertThat(audio.codec()).isEqualTo(codec);
        assertThat(audio.payloadType()).isEqualTo(pt);
        assertThat(audio.telephoneEventPayloadType()).isEqualTo(telephoneEventPt);
        assertThat(audio.remote()).isEqualTo(new InetSocketAddress(host, port));
        assertThat(audio.sends()).isTrue();
        assertThat(answer.sdp()).isEqualTo("v=0\r\no=accueil 42 42 IN IP4 203.0.113.5\r\ns=Accueil\r\n"
                + "c=IN IP4 203.0.113.5\r\nt=0 0\r\n" + expectedMedia);
    }

    static Stream<Arguments> directions() {
        return Stream.of(
                Arguments.of("a=sendrecv", "127.0.0.1", Direction.SENDRECV, true, "a=sendrecv"),
                Arguments.of("", "127.0.0.1", Direction.SENDRECV, true, "a=sendrecv"),
                Arguments.of("a=sendonly", "127.0.0.1", Direction.RECVONLY, false, "a=recvonly"),
                Arguments.of("a=recvonly", "127.0.0.1", Direction.SENDONLY, true, "a=sendonly"),
                Arguments.of("a=inactive", "127.0.0.1", Direction.INACTIVE, false, "a=inactive"),
                // RFC 3264 §8.4 old-style hold: we must stop sending; we still listen.
                Arguments.of("", "0.0.0.0", Direction.SENDRECV, false, "a=recvonly"),
                Arguments.of("a=sendonly", "0.0.0.0", Direction.RECVONLY, false, "a=recvonly"));
    }

    @ParameterizedTest(name = "{0} c={1}")
    @MethodSource("directions")
    void answersDirections(String attribute, String address, Direction ours, boolean sends, String answered) throws Exception {
        String offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 " + address + "\r\nt=0 0\r\n"
                + "m=audio 5000 RTP/AVP 8\r\n" + (attribute.isEmpty() ? "" : attribute + "\r\n");

        SdpNegotiator.Answer answer = negotiator.answer(offer);

        assertThat(answer.audio().orElseThrow().direction()).isEqualTo(ours);
        assertThat(answer.audio().orElseThrow().sends()).isEqualTo(sends);
        assertThat(answer.sdp()).contains(answered + "\r\n");
    }

    @Test
    void noCommonCodecIs488() {
        String offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 5000 RTP/AVP 9 18 101\r\na=rtpmap:9 G722/8000\r\na=rtpmap:101 telephone-event/8000\r\n";
        assertThatThrownBy(() -> negotiator.answer(offer))
                .isInstanceOfSatisfying(NegotiationException.class, e -> assertThat(e.sipStatus()).isEqualTo(488));
    }

    @Test
    void dynamicPayloadTypeWithOurCodecNameIsAccepted() throws Exception {
        String offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 5000 RTP/AVP 97\r\na=rtpmap:97 pcma/8000\r\n";
        NegotiatedAudio audio = negotiator.answer(offer).audio().orElseThrow();
        assertThat(audio.codec()).isEqualTo(AudioCodec.PCMA);
        assertThat(audio.payloadType()).isEqualTo(97);
    }

    @Test
    void staticPayloadTypeRemappedToAnotherCodecIsNotTakenForG711() {
        String offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 5000 RTP/AVP 0\r\na=rtpmap:0 G729/8000\r\n";
        assertThatThrownBy(() -> negotiator.answer(offer))
                .isInstanceOfSatisfying(NegotiationException.class, e -> assertThat(e.sipStatus()).isEqualTo(488));
    }

    static Stream<String> badOffers() {
        return Stream.of(
                "garbage",
                "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n",  // no m-line
                "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=video 5000 RTP/AVP 96\r\n",
                "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\n");  // no c= at all
    }

    @ParameterizedTest
    @MethodSource("badOffers")
    void unusableSdpIs400(String offer) {
        assertThatThrownBy(() -> negotiator.answer(offer))
                .isInstanceOfSatisfying(NegotiationException.class, e -> assertThat(e.sipStatus()).isEqualTo(400));
    }

    @Test
    void rejectedAudioStreamIsAnsweredWithPortZero() throws Exception {
        String offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 0 RTP/AVP 0\r\n";
        SdpNegotiator.Answer answer = negotiator.answer(offer);
        assertThat(answer.audio()).isEmpty();
        assertThat(answer.sdp()).contains("m=audio 0 RTP/AVP 0\r\n");
    }

    @Test
    void secondAudioStreamAndSecureProfilesAreRejectedInPlace() throws Exception {
        String offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/SAVP 0\r\nm=audio 5000 RTP/AVP 8 0\r\nm=audio 6000 RTP/AVP 0\r\n";
        SdpNegotiator.Answer answer = negotiator.answer(offer);
        assertThat(answer.audio().orElseThrow().remote().getPort()).isEqualTo(5000);
        assertThat(answer.sdp()).contains("m=audio 0 RTP/SAVP 0\r\nm=audio 20000 RTP/AVP 8\r\n")
                .endsWith("m=audio 0 RTP/AVP 0\r\n");
    }

    @Test
    void originVersionIncreasesWithEachNewAnswerAndKeepsTheSessionId() throws Exception {
        SessionDescription first = SdpParser.parse(negotiator.answer(Offers.BARESIP).sdp());
        SessionDescription second = SdpParser.parse(negotiator.answer(Offers.BARESIP).sdp());
        SessionDescription third = SdpParser.parse(negotiator.offer());
        assertThat(second.origin().version()).isEqualTo(first.origin().version() + 1);
        assertThat(third.origin().version()).isEqualTo(first.origin().version() + 2);
        assertThat(second.origin().sessionId()).isEqualTo(first.origin().sessionId());
    }

    @Test
    void ourOfferListsPcmaPcmuAndTelephoneEvent101() throws Exception {
        SessionDescription offer = SdpParser.parse(negotiator.offer());
        MediaDescription m = offer.media().get(0);
        assertThat(m.port()).isEqualTo(20000);
        assertThat(m.formats()).containsExactly("8", "0", "101");
        assertThat(m.rtpMap(101)).contains(new RtpMap(101, "telephone-event", 8000, null));
        assertThat(m.fmtp(101)).contains("0-15");
        assertThat(m.ptime()).hasValue(20);
        assertThat(offer.connectionAddress()).isEqualTo("203.0.113.5");
    }

    @Test
    void acceptsAnAnswerToOurOfferAndMirrorsItsDirection() throws Exception {
        negotiator.offer();
        NegotiatedAudio audio = negotiator.acceptAnswer("v=0\r\no=- 7 7 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
                + "t=0 0\r\nm=audio 7000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\na=recvonly\r\n").orElseThrow();
        assertThat(audio.codec()).isEqualTo(AudioCodec.PCMU);
        assertThat(audio.telephoneEventPayloadType()).isEqualTo(101);
        assertThat(audio.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(audio.remote()).isEqualTo(new InetSocketAddress("127.0.0.1", 7000));
    }

    @Test
    void answerWithoutOurCodecsIs488() {
        assertThatThrownBy(() -> negotiator.acceptAnswer("v=0\r\no=- 7 7 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
                + "t=0 0\r\nm=audio 7000 RTP/AVP 9\r\n"))
                .isInstanceOfSatisfying(NegotiationException.class, e -> assertThat(e.sipStatus()).isEqualTo(488));
    }
}
