package fr.accueil.telephony.sip;

import java.util.List;
import java.util.Set;

/**
 * A representative set of RFC 4475 "SIP Torture Test Messages", written from the RFC's
 * descriptions. Every top {@code Via} (and every Via the server might answer to) is a placeholder
 * rewritten to the test's own 127.0.0.1 socket, so that no answer ever leaves loopback; the RFC's
 * 192.0.2.x hosts appear only where the server never sends anything (lower Vias, Contacts of
 * requests that are refused). Placeholders: {@code $T} transport, {@code $HP} 127.0.0.1:port of the
 * test client, {@code $CL} the body's length in bytes.
 */
final class TortureMessages {
    private TortureMessages() {
    }

    /** What the endpoint must do with a message. */
    enum Expect {
        /** Answered with exactly {@link TortureCase#statuses} (the message is valid and processed). */
        ANSWERED,
        /** Invalid: answered with one of {@link TortureCase#statuses} (400, or 505 for the version), or dropped. */
        REFUSED_OR_DROPPED,
        /** A response nobody asked for: nothing comes back. */
        NOTHING,
        /**
         * Invalid by the RFC, but JAIN-SIP's parser normalises it before we see it (a named
         * tolerance): processed like its valid form, answered with exactly {@link TortureCase#statuses}.
         */
        TOLERATED
    }

    record TortureCase(String section, String name, String template, Expect expect, Set<Integer> statuses, boolean udpOnly) {
        @Override
        public String toString() {
            return section + " " + name;
        }
    }

    static final String SDP_NO_G711 = """
            v=0
            o=mhandley 29739 7272939 IN IP4 192.0.2.3
            s=-
            c=IN IP4 192.0.2.4
            t=0 0
            m=audio 49217 RTP/AVP 12
            m=video 3227 RTP/AVP 31
            a=rtpmap:31 LPC
            """;

    static final String SDP_PCMU = """
            v=0
            o=caller 53655765 2353687637 IN IP4 192.0.2.3
            s=-
            c=IN IP4 192.0.2.4
            t=0 0
            m=audio 49217 RTP/AVP 0
            a=rtpmap:0 PCMU/8000
            """;

    private static final String LONG = "extreme".repeat(60);

    static List<TortureCase> all() {
        return List.of(
                // ---- §3.1.1 valid messages: processed ----
                answered("3.1.1.1", "wsinv", """
                        INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0
                        TO :
                         sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n
                        from   : "J Rosenberg \\\\\\""       <sip:jdrosen@example.com>
                          ;
                          tag = 98asjd8
                        MaX-fOrWaRdS: 0068
                        Call-ID: wsinv.ndaksdj@192.0.2.1
                        Content-Length   : $CL
                        cseq: 0009
                          INVITE
                        Via  : SIP  /   2.0
                         /$T
                            $HP;branch=390skdjuw
                        s :
                        NewFangledHeader:   newfangled value
                         continued newfangled value
                        UnknownHeaderWithUnusualValue: ;;,,;;,;
                        Content-Type: application/sdp
                        Route:
                         <sip:services.example.com;lr;unknownwith=value;unknown-no-value>
                        v:  SIP  / 2.0  / TCP     spindle.example.com   ;
                          branch  =   z9hG4bK9ikj8  ,
                         SIP  /    2.0   / UDP  192.168.255.111   ; branch=
                         z9hG4bK30239
                        m:"Quoted string \\"\\"" <sip:jdrosen@example.com> ; newparam =
                              newvalue ;
                          secondparam ; q = 0.33

                        """ + SDP_NO_G711, 481), // To carries a tag of a dialog we never had
                answered("3.1.1.2", "intmeth", """
                        !interesting-Method0123456789_*+`.%indeed'~ sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com SIP/2.0
                        Via: SIP/2.0/$T $HP;branch=z9hG4bK-.!%66*_+`'~
                        To: "BEL:\\\u0007 NUL:\\\u0000 DEL:\\\u007F" <sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*@example.com>
                        From: token1~` token2'+_ token3*%!.- <sip:mundane@example.com>;fromParam''~+*_!.-%="\u0440\u0430\u0431\u043e\u0442\u0430\u044e\u0449\u0438\u0439";tag=_token~1'+`*%!-.
                        Call-ID: intmeth.word%ZK-!.*_+'@word`~)(><:\\/"][?}{
                        CSeq: 139122385 !interesting-Method0123456789_*+`.%indeed'~
                        Max-Forwards: 255
                        extensionHeader-!.%*+_`'~:\uFEFF\u5927\u505C\u96FB
                        Content-Length: 0

                        """, 501),
                answered("3.1.1.3", "esc01", """
                        INVITE sip:sips%3Auser%40example.com@example.net SIP/2.0
                        To: sip:%75se%72@example.com
                        From: <sip:I%20have%20spaces@example.net>;tag=938
                        Max-Forwards: 87
                        i: esc01.239409asdfakjkn23onasd0-3234
                        CSeq: 234234 INVITE
                        Via: SIP/2.0/$T $HP;branch=z9hG4bKkdjuw
                        C: application/sdp
                        Contact:
                          <sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31>
                        Content-Length: $CL

                        """ + SDP_NO_G711, 488),
                answered("3.1.1.4", "escnull", """
                        REGISTER sip:example.com SIP/2.0
                        To: sip:null-%00-null@example.com
                        From: sip:null-%00-null@example.com;tag=839923423
                        Max-Forwards: 70
                        Call-ID: escnull.39203ndfvkjdasfkq3w4otrq0adsfdfnavd
                        CSeq: 14398234 REGISTER
                        Via: SIP/2.0/$T $HP;branch=z9hG4bKkdjuw
                        Contact: <sip:%00@host5.example.com>
                        Contact: <sip:%00%00@host5.example.com>
                        L:0

                        """, 405),
                answered("3.1.1.5", "esc02", """
                        RE%47IST%45R sip:registrar.example.com SIP/2.0
                        To: "%Z%45" <sip:resource@example.com>
                        From: "%Z%45" <sip:resource@example.com>;tag=f232jadfj23
                        Call-ID: esc02.asdfnqwo34rq23i34jrjasdcnl23nrlknsdf
                        Via: SIP/2.0/$T $HP;branch=z9hG4bK209793
                        Contact: <sip:alias1@host1.example.com>
                        Contact: <sip:alias2@host2.example.com>
                        Contact: <sip:alias3@host3.example.com>
                        Max-Forwards: 70
                        CSeq: 98176 RE%47IST%45R
                        Content-Length: 0

                        """, 501),
                answered("3.1.1.6", "lwsdisp", """
                        OPTIONS sip:user@example.com SIP/2.0
                        To: sip:user@example.com
                        From: caller<sip:caller@example.com>;tag=323
                        Max-Forwards: 70
                        Call-ID: lwsdisp.1234abcd@funky.example.com
                        CSeq: 60 OPTIONS
                        Via: SIP/2.0/$T $HP;branch=z9hG4bKkdjuw
                        l: 0

                        """, 200),
                answered("3.1.1.7", "longreq", "INVITE sip:user@example.com SIP/2.0\n"
                        + "To: \"I have a user name of " + LONG + " proportion\"<sip:user@example.com:6000;unknownparam1=very"
                        + LONG + "value;longparam" + LONG + "name=shortvalue;very" + LONG + "ParameterNameWithNoValue>\n"
                        + "F: sip:" + LONG + "user@example.com;tag=12982" + LONG + "424;unknownheaderparam" + LONG
                        + "name=unknowheaderparam" + LONG + "value;unknownValuelessparam" + LONG + "name\n"
                        + "Call-ID: longreq.one" + "really".repeat(40) + "longcallid\n"
                        + "CSeq: 3882340 INVITE\n"
                        + "Unknown-" + LONG + "-Name: unknown-" + LONG + "-value; unknown-" + LONG + "-parameter-name = unknown-"
                        + LONG + "-parameter-value\n"
                        + "Via: SIP/2.0/$T $HP;branch=z9hG4bK" + LONG + "\n"
                        + "Via: SIP/2.0/TCP sip33.example.com\n".repeat(30)
                        + "Max-Forwards: 70\n"
                        + "Contact: <sip:amazinglylongcallername" + LONG + "@host5.example.net>\n"
                        + "Content-Type: application/sdp\n"
                        + "l: $CL\n\n" + SDP_PCMU, 404), // processed: the call logic refused the number
                new TortureCase("3.1.1.8", "dblreq", """
                        REGISTER sip:example.com SIP/2.0
                        To: sip:j.user@example.com
                        From: sip:j.user@example.com;tag=43251j3j324
                        Max-Forwards: 8
                        I: dblreq.0ha0isndaksdj99sdfafnl3lk233412
                        Contact: sip:j.user@host.example.com
                        CSeq: 8 REGISTER
                        Via: SIP/2.0/$T $HP;branch=z9hG4bKkdjuw23492
                        Content-Length: 0

                        INVITE sip:joe@example.com SIP/2.0
                        t: sip:joe@example.com
                        From: sip:caller@example.net;tag=141334
                        Max-Forwards: 8
                        Call-ID: dblreq.0ha0isnda977644900765@192.0.2.15
                        CSeq: 8 INVITE
                        Via: SIP/2.0/$T $HP;branch=z9hG4bKkdjuw380234
                        Content-Type: application/sdp
                        Content-Length: $CL

                        """ + SDP_PCMU, Expect.ANSWERED, Set.of(405), true), // UDP: the trailing INVITE is ignored
                answered("3.1.1.9", "semiuri", """
                        OPTIONS sip:user;par=u%40example.net@example.com SIP/2.0
                        To: sip:j_user@example.com
                        From: sip:caller@example.org;tag=33242
                        Max-Forwards: 3
                        Call-ID: semiuri.0ha0isndaksdj
                        CSeq: 8 OPTIONS
                        Accept: application/sdp, application/pkcs7-mime,
                                multipart/mixed, multipart/signed,
                                message/sip, message/sipfrag
                        Via: SIP/2.0/$T $HP;branch=z9hG4bKkdjuw
                        l: 0

                        """, 200),
                answered("3.1.1.10", "transports", """
                        OPTIONS sip:user@example.com SIP/2.0
                        To: sip:user@example.com
                        From: <sip:caller@example.com>;tag=323
                        Max-Forwards: 70
                        Call-ID:  transports.kijh4akdnaqjkwendsasfdj
                        Accept: application/sdp
                        CSeq: 60 OPTIONS
                        Via: SIP/2.0/$T $HP;branch=z9hG4bKkdjuw
                        Via: SIP/2.0/SCTP t2.example.com;branch=z9hG4bKklasjdhf
                        Via: SIP/2.0/TLS t3.example.com;branch=z9hG4bK2980unddj
                        Via: SIP/2.0/UNKNOWN t4.example.com;branch=z9hG4bKasd0f3en
                        Via: SIP/2.0/TCP t5.example.com;branch=z9hG4bK0a9idfnee
                        l: 0

                        """, 200),
                answered("3.1.1.11", "mpart01", """
                        INVITE sip:joe@example.com SIP/2.0
                        From: <sip:caller@example.net>;tag=08148
                        To: <sip:joe@example.com>
                        Call-ID: mpart01.0ha0isndaksdjweiafasdk3
                        CSeq: 8 INVITE
                        Max-Forwards: 70
                        Via: SIP/2.0/$T $HP;branch=z9hG4bKkdjuw8ad
                        Contact: <sip:caller@host59.example.net>
                        MIME-Version: 1.0
                        Content-Type: multipart/mixed;boundary=7a9cbec02ceef655
                        Content-Length: $CL

                        --7a9cbec02ceef655
                        Content-Type: application/sdp
                        Content-Transfer-Encoding: binary

                        """ + SDP_PCMU + """

                        --7a9cbec02ceef655
                        Content-Type: application/octet-stream
                        Content-Transfer-Encoding: binary

                        0\u0082\u0001R\u0006\t*\u0086H\u0086
                        --7a9cbec02ceef655--
                        """, 415), // we take application/sdp only; 415 says so with Accept
                nothing("3.1.1.12", "unreason", """
                        SIP/2.0 200 = 2**3 * 5**2 \u043d\u043e \u0441\u0442\u043e \u0434\u0435\u0432\u044f\u043d\u043e\u0441\u0442\u043e
                        Via: SIP/2.0/$T $HP;branch=z9hG4bK1324923
                        Call-ID: unreason.1234ksdfak3j2erwedfsASdf
                        CSeq: 35 INVITE
                        From: sip:user@example.com;tag=11141343
                        To: sip:user@example.edu;tag=2229
                        Content-Length: $CL
                        Content-Type: application/sdp
                        Contact: <sip:user@host198.example.com>

                        """ + SDP_PCMU),
                nothing("3.1.1.13", "noreason", """
                        SIP/2.0 100\s
                        Via: SIP/2.0/$T $HP;branch=z9hG4bK-39234-23523
                        To: <sip:user@example.com>;tag=a4f2
                        From: <sip:caller@example.net>;tag=9c51a
                        Call-ID: noreason.asndj203insdf99223ndf
                        CSeq: 35 INVITE
                        Contact: <sip:user@host198.example.com>
                        Content-Length: 0

                        """),

                // ---- §3.1.2 invalid messages: 400 or dropped, never served ----
                refused("3.1.2.1", "badinv01", """
                        INVITE sip:user@example.com SIP/2.0
                        To: sip:j.user@example.com
                        From: sip:caller@example.net;;tag=134161461246
                        Max-Forwards: 7
                        Call-ID: badinv01.0ha0isndaksdjweiafasdk3
                        CSeq: 8 INVITE
                        Via: SIP/2.0/$T $HP;;,;,,
                        Contact: "Joe" <sip:joe@example.org>;;;;
                        Content-Length: $CL
                        Content-Type: application/sdp

                        """ + SDP_PCMU),
                new TortureCase("3.1.2.2", "clerr", """
                        INVITE sip:user@example.com SIP/2.0
                        Max-Forwards: 80
                        To: sip:j.user@example.com
                        From: sip:caller@example.net;tag=93942939o2
                        Contact: <sip:caller@hungry.example.net>
                        Call-ID: clerr.0ha0isndaksdjweiafasdk3
                        CSeq: 8 INVITE
                        Via: SIP/2.0/$T $HP;branch=z9hG4bK-39234-23523
                        Content-Type: application/sdp
                        Content-Length: 9999

                        """ + SDP_PCMU, Expect.REFUSED_OR_DROPPED, Set.of(400), false), // on TCP the server waits for bytes that never come
                refused("3.1.2.3", "ncl", """
                        INVITE sip:user@example.com SIP/2.0
                        Max-Forwards: 254
                        To: sip:j.user@example.com
                        From: sip:caller@example.net;tag=32394234
                        Call-ID: ncl.0ha0isndaksdj2193423r542w35
                        CSeq: 0 INVITE
                        Via: SIP/2.0/$T $HP;branch=z9hG4bKkdjuw
                        Contact: <sip:caller@example53.example.net>
                        Content-Type: application/sdp
                        Content-Length: -999

                        """ + SDP_PCMU),
                refused("3.1.2.4", "scalar02", """
                        REGISTER sip:example.com SIP/2.0
                        Via: SIP/2.0/$T $HP;branch=z9hG4bK342sdfoi3
                        To: <sip:user@example.com>
                        From: <sip:user@example.com>;tag=239232jh3
                        CSeq: 36893488147419103232 REGISTER
                        Call-ID: scalar02.23o0pd9vanlq3wnrlnewofjas9ui32
                        Max-Forwards: 300
                        Expires: 1""" + "0".repeat(100) + """

                        Contact: <sip:user@host129.example.com>
                          ;expires=280297596632815
                        Content-Length: 0

                        """),
                refused("3.1.2.4", "scalar-invite-cseq", """
                        INVITE sip:user@example.com SIP/2.0
                        Via: SIP/2.0/$T $HP;branch=z9hG4bK342sdfoi4
                        To: <sip:user@example.com>
                        From: <sip:caller@example.com>;tag=239232jh4
                        CSeq: 4294967296 INVITE
                        Call-ID: scalar02b.23o0pd9vanlq3wnrlnewofjas9ui32
                        Max-Forwards: 70
                        Content-Length: 0

                        """),
                refused("3.1.2.6", "quotbal", """
                        INVITE sip:user@example.com SIP/2.0
                        To: "Mr. J. User <sip:j.user@example.com>
                        From: sip:caller@example.net;tag=93334
                        Max-Forwards: 10
                        Call-ID: quotbal.aksdj
                        Contact: <sip:caller@host59.example.net>
                        CSeq: 8 INVITE
                        Via: SIP/2.0/$T $HP;branch=z9hG4bKkdjuw39234
                        Content-Type: application/sdp
                        Content-Length: $CL

                        """ + SDP_PCMU),
                refused("3.1.2.7", "ltgtruri", """
                        INVITE <sip:user@example.com> SIP/2.0
                        To: sip:user@example.com
                        From: sip:caller@example.net;tag=39291
                        Max-Forwards: 23
                        Call-ID: ltgtruri.1@192.0.2.5
                        CSeq: 1 INVITE
                        Via: SIP/2.0/$T $HP;branch=z9hG4bKkdjuw
                        Contact: <sip:caller@host5.example.net>
                        Content-Type: application/sdp
                        Content-Length: $CL

                        """ + SDP_PCMU),
                refused("3.1.2.8", "lwsruri", """
                        INVITE sip:user@example.com; lr SIP/2.0
                        To: sip:user@example.com;tag=3xfe-9921883-z9f
                        From: sip:caller@example.net;tag=231413434
                        Max-Forwards: 5
                        Call-ID: lwsruri.asdfasdoeoi2323-asdfwrn23-asd834rk423
                        CSeq: 2130706432 INVITE
                        Via: SIP/2.0/$T $HP;branch=z9hG4bKkdjuw2395
                        Contact: <sip:caller@host1.example.net>
                        Content-Type: application/sdp
                        Content-Length: $CL

                        """ + SDP_PCMU),
                tolerated("3.1.2.9", "lwsstart", """
                        INVITE  sip:user@example.com  SIP/2.0
                        Max-Forwards: 8
                        To: sip:user@example.com
                        From: sip:caller@example.net;tag=8814
                        Call-ID: lwsstart.dfknq234oi243099adsdfnawe3@example.com
                        CSeq: 1893884 INVITE
                        Via: SIP/2.0/$T $HP;branch=z9hG4bKkdjuw3923
                        Contact: <sip:caller@host1.example.net>
                        Content-Type: application/sdp
                        Content-Length: $CL

                        """ + SDP_PCMU, 404), // the stack collapses the double spaces; the number is then refused
                refused("3.1.2.11", "escruri", """
                        INVITE sip:user@example.com?Route=%3Csip:example.com%3E SIP/2.0
                        To: sip:user@example.com
                        From: sip:caller@example.net;tag=341518
                        Max-Forwards: 7
                        Contact: <sip:caller@host39923.example.net>
                        Call-ID: escruri.23940-asdfhj-aje3br-234q098w-fawerh2q-h4n5
                        CSeq: 149209342 INVITE
                        Via: SIP/2.0/$T $HP;branch=z9hG4bKkdjuw
                        Content-Type: application/sdp
                        Content-Length: $CL

                        """ + SDP_PCMU),
                tolerated("3.1.2.15", "baddn", """
                        OPTIONS sip:t.watson@example.org SIP/2.0
                        Via:     SIP/2.0/$T $HP;branch=z9hG4bKkdjuw
                        Max-Forwards:     70
                        From:    Bell, Alexander <sip:a.g.bell@example.com>;tag=43
                        To:      Watson, Thomas <sip:t.watson@example.org>
                        Call-ID: baddn.31415@c.example.com
                        Accept: application/sdp
                        CSeq:    3923239 OPTIONS
                        l: 0

                        """, 200), // read as display name "Bell, Alexander": nothing left to see
                new TortureCase("3.1.2.16", "badvers", """
                        OPTIONS sip:t.watson@example.org SIP/7.0
                        Via:     SIP/7.0/$T $HP;branch=z9hG4bKkdjuw
                        Max-Forwards:     70
                        From:    A. Bell <sip:a.g.bell@example.com>;tag=qweoiqpe
                        To:      T. Watson <sip:t.watson@example.org>
                        Call-ID: badvers.31417@c.example.com
                        CSeq:    1 OPTIONS
                        l: 0

                        """, Expect.REFUSED_OR_DROPPED, Set.of(400, 505), false),
                refused("3.1.2.17", "mismatch01", """
                        OPTIONS sip:user@example.com SIP/2.0
                        To: sip:j.user@example.com
                        From: sip:caller@example.net;tag=34525
                        Max-Forwards: 6
                        Call-ID: mismatch01.dj0234sxdfl3
                        CSeq: 8 INVITE
                        Via: SIP/2.0/$T $HP;branch=z9hG4bKkdjuw
                        l: 0

                        """),
                new TortureCase("3.1.2.18", "mismatch02", """
                        NEWMETHOD sip:user@example.com SIP/2.0
                        To: sip:j.user@example.com
                        From: sip:caller@example.net;tag=34525
                        Max-Forwards: 6
                        Call-ID: mismatch02.dj0234sxdfl3
                        CSeq: 8 INVITE
                        Contact: <sip:caller@host.example.net>
                        Via: SIP/2.0/$T $HP;branch=z9hG4bKkdjuw
                        Content-Type: application/sdp
                        l: $CL

                        """ + SDP_PCMU, Expect.REFUSED_OR_DROPPED, Set.of(400, 501), false),
                nothing("3.1.2.19", "bigcode", """
                        SIP/2.0 4294967301 better not break the receiver
                        Via: SIP/2.0/$T $HP;branch=z9hG4bK-39234-23523
                        Call-ID: bigcode.asdof3uj203asdnf3429uasdhfas3ehjasdfas9i
                        CSeq: 353494 INVITE
                        From: <sip:user@example.com>;tag=39ansfi3
                        To: <sip:user@example.edu>;tag=902jndnke3
                        Content-Length: 0
                        Contact: <sip:user@host105.example.com>

                        """),
                refused("extra", "bad-port-request-uri", """
                        OPTIONS sip:user@example.com:99999999 SIP/2.0
                        To: sip:user@example.com
                        From: sip:caller@example.net;tag=8327
                        Max-Forwards: 70
                        Call-ID: badport.2394802394
                        CSeq: 1 OPTIONS
                        Via: SIP/2.0/$T $HP;branch=z9hG4bKbadport
                        l: 0

                        """),
                refused("extra", "missing-call-id", """
                        OPTIONS sip:user@example.com SIP/2.0
                        To: sip:user@example.com
                        From: sip:caller@example.net;tag=8328
                        Max-Forwards: 70
                        CSeq: 1 OPTIONS
                        Via: SIP/2.0/$T $HP;branch=z9hG4bKnocallid
                        l: 0

                        """),
                refused("extra", "missing-cseq", """
                        INVITE sip:user@example.com SIP/2.0
                        To: sip:user@example.com
                        From: sip:caller@example.net;tag=8329
                        Max-Forwards: 70
                        Call-ID: nocseq.2394802394
                        Via: SIP/2.0/$T $HP;branch=z9hG4bKnocseq
                        l: 0

                        """),
                refused("extra", "missing-from", """
                        INVITE sip:user@example.com SIP/2.0
                        To: sip:user@example.com
                        Max-Forwards: 70
                        Call-ID: nofrom.2394802394
                        CSeq: 1 INVITE
                        Via: SIP/2.0/$T $HP;branch=z9hG4bKnofrom
                        l: 0

                        """),
                refused("extra", "missing-to", """
                        INVITE sip:user@example.com SIP/2.0
                        From: sip:caller@example.net;tag=8330
                        Max-Forwards: 70
                        Call-ID: noto.2394802394
                        CSeq: 1 INVITE
                        Via: SIP/2.0/$T $HP;branch=z9hG4bKnoto
                        l: 0

                        """));
    }

    private static TortureCase answered(String section, String name, String template, int status) {
        return new TortureCase(section, name, template, Expect.ANSWERED, Set.of(status), false);
    }

    private static TortureCase refused(String section, String name, String template) {
        return new TortureCase(section, name, template, Expect.REFUSED_OR_DROPPED, Set.of(400), false);
    }

    private static TortureCase tolerated(String section, String name, String template, int status) {
        return new TortureCase(section, name, template, Expect.TOLERATED, Set.of(status), false);
    }

    private static TortureCase nothing(String section, String name, String template) {
        return new TortureCase(section, name, template, Expect.NOTHING, Set.of(), false);
    }

    /** The message as bytes: CRLF line ends, placeholders filled, $CL the length of what follows the first blank line. */
    static byte[] render(TortureCase c, String transport, String hostPort) {
        String text = c.template().replace("\r\n", "\n").replace("\n", "\r\n")
                .replace("$T", transport).replace("$HP", hostPort);
        int split = text.indexOf("\r\n\r\n");
        String body = split < 0 ? "" : text.substring(split + 4);
        if (c.name().equals("dblreq")) {
            // only the first message's body counts; the INVITE's own $CL is its SDP
            body = SDP_PCMU.replace("\n", "\r\n");
        }
        int length = body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        return text.replace("$CL", Integer.toString(length)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The Call-ID the endpoint's answer will carry, read from the rendered message. */
    static String callIdOf(byte[] message) {
        for (String line : new String(message, java.nio.charset.StandardCharsets.UTF_8).split("\r\n")) {
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("call-id:") || lower.startsWith("i:")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return null;
    }
}
