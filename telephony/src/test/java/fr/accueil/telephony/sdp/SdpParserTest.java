package fr.accueil.telephony.sdp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SdpParserTest {

    @Test
    void parsesLinphoneOfferFieldByField() throws Exception {
        SessionDescription sd = SdpParser.parse(Offers.LINPHONE);

        assertThat(sd.origin()).isEqualTo(new Origin("alice", "3021", 2318, "IN", "IP4", "192.0.2.20"));
        assertThat(sd.sessionName()).isEqualTo("Talk");
        assertThat(sd.connectionAddress()).isEqualTo("192.0.2.20");
        assertThat(sd.attributes()).extracting(Attribute::name).containsExactly("rtcp-xr", "record");
        assertThat(sd.media()).hasSize(2);
        MediaDescription audio = sd.media().get(0);
        assertThat(audio.port()).isEqualTo(7078);
        assertThat(audio.formats()).containsExactly("96", "97", "98", "0", "8", "18", "101", "99", "100");
        assertThat(audio.rtpMap(100)).contains(new RtpMap(100, "telephone-event", 8000, null));
        assertThat(audio.rtpMap(96)).contains(new RtpMap(96, "opus", 48000, 2));
        assertThat(audio.rtpMap(0)).isEmpty();
        assertThat(audio.fmtp(96)).contains("useinbandfec=1");
        assertThat(sd.directionOf(audio)).isEqualTo(Direction.SENDRECV);
        assertThat(sd.media().get(1).media()).isEqualTo("video");
    }

    @Test
    void mediaLevelConnectionAndDirectionOverrideSessionLevel() throws Exception {
        SessionDescription sd = SdpParser.parse("""
                v=0
                o=- 1 1 IN IP4 10.0.0.1
                s=-
                c=IN IP4 10.0.0.1
                t=0 0
                a=sendonly
                m=audio 4000 RTP/AVP 8
                c=IN IP4 10.0.0.2/127
                a=inactive
                a=ptime:30
                m=audio 4002 RTP/AVP 0
                """);
        MediaDescription first = sd.media().get(0);
        MediaDescription second = sd.media().get(1);
        assertThat(sd.connectionAddressOf(first)).contains("10.0.0.2");
        assertThat(sd.connectionAddressOf(second)).contains("10.0.0.1");
        assertThat(sd.directionOf(first)).isEqualTo(Direction.INACTIVE);
        assertThat(sd.directionOf(second)).isEqualTo(Direction.SENDONLY);
        assertThat(first.ptime()).hasValue(30);
        assertThat(second.ptime()).isEmpty();
    }

    @Test
    void writerOutputParsesBackToTheSameDescription() throws Exception {
        for (String offer : List.of(Offers.SIPP_UAC, Offers.BARESIP, Offers.BARESIP_OPUS, Offers.LINPHONE)) {
            SessionDescription sd = SdpParser.parse(offer);
            String written = SdpWriter.write(sd);
            assertThat(written).endsWith("\r\n").doesNotContain("\n\n");
            assertThat(SdpParser.parse(written)).isEqualTo(sd);
        }
    }

    @Test
    void writesTheSippOfferByteForByte() throws Exception {
        assertThat(SdpWriter.write(SdpParser.parse(Offers.SIPP_UAC))).isEqualTo(Offers.SIPP_UAC);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "   ",
            "hello world",
            "o=- 1 1 IN IP4 1.2.3.4\r\nv=0\r\n",                       // v= not first
            "v=1\r\no=- 1 1 IN IP4 1.2.3.4\r\n",                       // unknown version
            "v=0\r\no=- 1 IN IP4 1.2.3.4\r\n",                         // o= with 5 fields
            "v=0\r\no=- 1 x IN IP4 1.2.3.4\r\n",                       // o= version not a number
            "v=0\r\ns=-\r\n",                                          // no o=
            "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nc=IN IP4\r\n",           // c= without address
            "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nc=XX IP4 1.2.3.4\r\n",   // wrong network type
            "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nm=audio port RTP/AVP 0\r\n",
            "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nm=audio 70000 RTP/AVP 0\r\n",
            "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nm=audio 4000 RTP/AVP\r\n",
            "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nm=audio 4000 RTP/AVP pcmu\r\n",
            "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nm=audio 4000 RTP/AVP 200\r\n",
            "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:zero PCMU/8000\r\n",
            "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nm=audio 4000 RTP/AVP 0\r\nthis is not sdp\r\n",
    })
    void rejectsMalformedText(String text) {
        assertThatThrownBy(() -> SdpParser.parse(text)).isInstanceOf(SdpFormatException.class);
    }
}
