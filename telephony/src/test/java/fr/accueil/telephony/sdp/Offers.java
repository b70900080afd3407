package fr.accueil.telephony.sdp;

/** Real-world offers, written by hand after what these user agents send. */
final class Offers {
    private Offers() {
    }

    /** SIPp 3.6 built-in {@code -sn uac} scenario (PCMU only, no telephone-event). */
    static final String SIPP_UAC = """
            v=0\r
            o=user1 53655765 2353687637 IN IP4 127.0.0.1\r
            s=-\r
            c=IN IP4 127.0.0.1\r
            t=0 0\r
            m=audio 6000 RTP/AVP 0\r
            a=rtpmap:0 PCMU/8000\r
            """;

    /** baresip 1.0 with its default g711 module order (PCMU first), telephone-event 101. */
    static final String BARESIP = """
            v=0\r
            o=- 1430633862 2006347264 IN IP4 192.0.2.10\r
            s=-\r
            c=IN IP4 192.0.2.10\r
            t=0 0\r
            a=tool:baresip 1.0.0\r
            m=audio 10098 RTP/AVP 0 8 101\r
            b=AS:93\r
            a=rtpmap:0 PCMU/8000\r
            a=rtpmap:8 PCMA/8000\r
            a=rtpmap:101 telephone-event/8000\r
            a=fmtp:101 0-15\r
            a=sendrecv\r
            a=label:1\r
            a=rtcp-rsize\r
            a=ssrc:1862352734 cname:ac3a86b5-2b6e-4d2b-9d83-bd1d1f1b2cd0\r
            a=ptime:20\r
            """;

    /** baresip built with opus, which it lists first: we skip it. */
    static final String BARESIP_OPUS = """
            v=0\r
            o=- 3851718920 1577003456 IN IP4 192.0.2.11\r
            s=-\r
            c=IN IP4 192.0.2.11\r
            t=0 0\r
            m=audio 10004 RTP/AVP 96 8 0 101\r
            b=AS:125\r
            a=rtpmap:96 opus/48000/2\r
            a=fmtp:96 stereo=1;sprop-stereo=1\r
            a=rtpmap:8 PCMA/8000\r
            a=rtpmap:0 PCMU/8000\r
            a=rtpmap:101 telephone-event/8000\r
            a=fmtp:101 0-15\r
            a=sendrecv\r
            a=ptime:20\r
            """;

    /**
     * linphone 5.1: many codecs, three telephone-event clock rates (only the 8000 one is ours, PT
     * 100), session-level attributes, and a video stream we must reject with port 0.
     */
    static final String LINPHONE = """
            v=0\r
            o=alice 3021 2318 IN IP4 192.0.2.20\r
            s=Talk\r
            c=IN IP4 192.0.2.20\r
            t=0 0\r
            a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics\r
            a=record:off\r
            m=audio 7078 RTP/AVP 96 97 98 0 8 18 101 99 100\r
            a=rtpmap:96 opus/48000/2\r
            a=fmtp:96 useinbandfec=1\r
            a=rtpmap:97 speex/16000\r
            a=fmtp:97 vbr=on\r
            a=rtpmap:98 speex/8000\r
            a=fmtp:98 vbr=on\r
            a=fmtp:18 annexb=yes\r
            a=rtpmap:101 telephone-event/48000\r
            a=rtpmap:99 telephone-event/16000\r
            a=rtpmap:100 telephone-event/8000\r
            a=rtcp-fb:* trr-int 1000\r
            a=rtcp-fb:* ccm tmmbr\r
            m=video 9078 RTP/AVP 96 97\r
            a=rtpmap:96 VP8/90000\r
            a=rtpmap:97 H264/90000\r
            a=fmtp:97 profile-level-id=42801F\r
            a=rtcp-fb:* trr-int 1000\r
            """;
}
