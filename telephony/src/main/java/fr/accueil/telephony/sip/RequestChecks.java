package fr.accueil.telephony.sip;

import java.util.Iterator;
import java.util.ListIterator;
import java.util.Optional;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/**
 * Strict checks on requests JAIN-SIP parsed but RFC 3261 forbids, so that they are answered 400/505
 * instead of served (RFC 4475 §3.1.2). What the stack's parser already normalised away (double
 * spaces in the request line, an unquoted display name) cannot be seen here and is tolerated.
 * Stateless.
 */
final class RequestChecks {
    static final String VERSION = "Version Not Supported";

    private RequestChecks() {
    }

    /** A peer-safe reason phrase when the request must be refused, empty when it may be served. */
    static Optional<String> problem(Request request) {
        // RFC 3261 §21.5.7: 505. JAIN-SIP's request-line parser reports SIP/2.0 whatever the line said,
        // so the top Via's sent-protocol (which a SIP/7.0 sender writes as SIP/7.0) is checked too.
        ViaHeader top = (ViaHeader) request.getHeader(ViaHeader.NAME);
        if (!"SIP/2.0".equalsIgnoreCase(request.getSIPVersion())
                || (top != null && top.getProtocol() != null && !"SIP/2.0".equalsIgnoreCase(top.getProtocol()))) {
            return Optional.of(VERSION);
        }
        URI target = request.getRequestURI();
        if (target instanceof SipURI sip) {
            Iterator<?> headers = sip.getHeaderNames();
            if (headers != null && headers.hasNext()) {
                return Optional.of("Headers In Request-URI"); // RFC 3261 §19.1.5, RFC 4475 §3.1.2.11
            }
            if (badPort(sip.getPort())) {
                return Optional.of("Bad Port In Request-URI");
            }
        }
        ListIterator<?> vias = request.getHeaders(ViaHeader.NAME);
        while (vias != null && vias.hasNext()) {
            if (badPort(((ViaHeader) vias.next()).getPort())) {
                return Optional.of("Bad Port In Via");
            }
        }
        ListIterator<?> contacts = request.getHeaders(ContactHeader.NAME);
        while (contacts != null && contacts.hasNext()) {
            ContactHeader contact = (ContactHeader) contacts.next();
            if (contact.getAddress() != null && contact.getAddress().getURI() instanceof SipURI uri && badPort(uri.getPort())) {
                return Optional.of("Bad Port In Contact");
            }
        }
        return Optional.empty();
    }

    /** JAIN-SIP reports an absent port as -1 (or 0 on some paths); anything above 65535 is invalid. */
    private static boolean badPort(int port) {
        return port > 65535 || port < -1;
    }
}
