package fr.accueil.telephony.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small codecs the peers rely on: G.711, WAV, SIP and SDP parsing. */
class PeerCodecTest {

    @TempDir
    Path dir;

    @Test
    void g711RoundTripsWithinQuantisationError() {
        for (int v = -32000; v <= 32000; v += 97) {
            short s = (short) v;
            double tolerance = Math.max(16, Math.abs(v) / 16.0);
            assertThat((double) G711.alawToLinear(G711.linearToAlaw(s))).isCloseTo(v, org.assertj.core.data.Offset.offset(tolerance));
            assertThat((double) G711.ulawToLinear(G711.linearToUlaw(s))).isCloseTo(v, org.assertj.core.data.Offset.offset(tolerance));
        }
        assertThat(Math.abs(G711.alawToLinear(G711.ALAW_SILENCE))).isLessThanOrEqualTo(8);
        assertThat(G711.ulawToLinear(G711.ULAW_SILENCE)).isZero();
    }

    @Test
    void wavRoundTripAndSilenceDetection() {
        short[] silence = new short[8000];
        short[] tone = new short[8000];
        for (int i = 4000; i < 4800; i++) {
            tone[i] = (short) (3000 * Math.sin(2 * Math.PI * 440 * i / 8000.0)); // 100 ms of tone in 1 s
        }
        WavAnalysis.write(dir.resolve("t.wav"), new WavAnalysis.Pcm(8000, tone));
        WavAnalysis.Pcm read = WavAnalysis.read(dir.resolve("t.wav"));

        assertThat(read.samples()).containsExactly(tone);
        assertThat(read.durationSeconds()).isEqualTo(1.0);
        assertThat(read.isSilent()).isFalse();
        assertThat(WavAnalysis.isSilent(silence)).isTrue();
        assertThat(WavAnalysis.rms(silence)).isZero();
        assertThat(WavAnalysis.peakWindowRms(tone, 800)).isBetween(2000.0, 2200.0);
    }

    @Test
    void wavParserRejectsWhatItCannotRead() {
        assertThatThrownBy(() -> WavAnalysis.parse("not a wav file at all".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("RIFF");
        byte[] wav = WavAnalysis.toBytes(new WavAnalysis.Pcm(8000, new short[10]));
        wav[34] = 8; // 8-bit samples
        assertThatThrownBy(() -> WavAnalysis.parse(wav)).hasMessageContaining("16-bit");
    }

    @Test
    void sipParserExpandsCompactHeadersAndSplitsLists() {
        String text = "SIP/2.0 200 OK\r\n"
                + "v: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKabc;rport=5070, SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bKdef\r\n"
                + "f: \"A, B\" <sip:a@x>;tag=1\r\n"
                + "t: <sip:b@y>;tag=2\r\n"
                + "i: call-1\r\n"
                + "CSeq: 7 INVITE\r\n"
                + "Record-Route: <sip:p1;lr>, <sip:p2;lr>\r\n"
                + "m: <sip:b@127.0.0.1:5090>\r\n"
                + "l: 4\r\n\r\nbodyEXTRA";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        SipMessage m = SipMessage.parse(bytes, bytes.length);

        assertThat(m.status()).isEqualTo(200);
        assertThat(m.topViaBranch()).isEqualTo("z9hG4bKabc");
        assertThat(m.headerValues("Via")).hasSize(2);
        assertThat(m.fromTag()).isEqualTo("1");
        assertThat(m.toTag()).contains("2");
        assertThat(m.cseqNumber()).isEqualTo(7);
        assertThat(m.cseqMethod()).isEqualTo("INVITE");
        assertThat(m.headerValues("Record-Route")).containsExactly("<sip:p1;lr>", "<sip:p2;lr>");
        assertThat(SipMessage.uriOf(m.required("Contact"))).isEqualTo("sip:b@127.0.0.1:5090");
        assertThat(m.bodyText()).isEqualTo("body"); // Content-Length wins over trailing bytes
        assertThatThrownBy(() -> SipMessage.parse("garbage".getBytes(), 7)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sdpAnswerIsReadForAddressPortCodecsAndDirection() {
        Sdp sdp = Sdp.parse("v=0\r\no=x 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.2\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP 0 96\r\na=rtpmap:96 telephone-event/8000\r\na=recvonly\r\n");

        assertThat(sdp.address()).isEqualTo("127.0.0.2");
        assertThat(sdp.port()).isEqualTo(40000);
        assertThat(sdp.firstG711()).contains(0);
        assertThat(sdp.telephoneEvent()).contains(96);
        assertThat(sdp.direction()).isEqualTo("recvonly");
        assertThatThrownBy(() -> Sdp.parse("v=0\r\n")).hasMessageContaining("m=audio");

        String offer = Sdp.offer("127.0.0.1", 4000, 42, 2, java.util.List.of(SdpCodec.PCMA, SdpCodec.TELEPHONE_EVENT), "sendonly");
        assertThat(offer).contains("m=audio 4000 RTP/AVP 8 101", "a=fmtp:101 0-16", "a=ptime:20", "a=sendonly", "o=testphone 42 2 ");
    }
}
