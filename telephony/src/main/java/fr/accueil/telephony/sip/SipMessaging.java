package fr.accueil.telephony.sip;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.AcceptHeader;
import javax.sip.header.AllowHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RetryAfterHeader;
import javax.sip.header.SupportedHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and sends the responses the endpoint and its calls share: To tags, Contact, Allow,
 * Accept, Supported, Retry-After. Stateless apart from the JAIN-SIP factories and provider, which
 * are thread-safe; callable from listener threads, the watchdog and call threads.
 */
final class SipMessaging {
    private static final Logger LOG = LoggerFactory.getLogger(SipMessaging.class);

    /** Methods we serve; everything else we know is 405, the rest 501 (RFC 3261 §8.2.1). */
    static final List<String> ALLOWED = List.of(Request.INVITE, Request.ACK, Request.CANCEL, Request.BYE,
            Request.OPTIONS, Request.INFO, Request.NOTIFY, Request.REFER);

    final SipProvider provider;
    final MessageFactory messages;
    final HeaderFactory headers;
    final AddressFactory addresses;
    private final String advertisedHost;
    private final int port;

    SipMessaging(SipProvider provider, MessageFactory messages, HeaderFactory headers, AddressFactory addresses,
                 String advertisedHost, int port) {
        this.provider = provider;
        this.messages = messages;
        this.headers = headers;
        this.addresses = addresses;
        this.advertisedHost = advertisedHost;
        this.port = port;
    }

    String advertisedHost() {
        return advertisedHost;
    }

    int port() {
        return port;
    }

    static String newTag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    static String transportOf(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return via == null || via.getTransport() == null ? "udp" : via.getTransport().toLowerCase(java.util.Locale.ROOT);
    }

    static Optional<String> body(javax.sip.message.Message message) {
        byte[] raw = message.getRawContent();
        return raw == null || raw.length == 0 ? Optional.empty() : Optional.of(new String(raw, StandardCharsets.UTF_8));
    }

    /** A response with a To tag (RFC 3261 §8.2.6.2: a UAS must add one if the request had none). */
    Response response(Request request, int status, String toTag) throws ParseException {
        Response response = messages.createResponse(status, request);
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (status > 100 && to.getTag() == null) {
            to.setTag(toTag);
        }
        return response;
    }

    ContactHeader contact(String transport) throws ParseException {
        SipURI uri = addresses.createSipURI(null, advertisedHost);
        uri.setPort(port);
        if (!"udp".equals(transport)) {
            uri.setTransportParam(transport);
        }
        Address address = addresses.createAddress(uri);
        return headers.createContactHeader(address);
    }

    void addAllow(Response response) throws ParseException {
        for (String method : ALLOWED) {
            AllowHeader allow = headers.createAllowHeader(method);
            response.addHeader(allow);
        }
    }

    void addAccept(Response response, String type, String subType) throws ParseException {
        AcceptHeader accept = headers.createAcceptHeader(type, subType);
        response.addHeader(accept);
    }

    /**
     * We implement no SIP extension, and say so with an empty Supported header: RFC 3261 §20.37 /
     * §25.1 allow a Supported with no option-tag. JAIN-SIP has no factory call for an empty one, so
     * a header is created with a placeholder tag and then emptied.
     */
    void addSupported(Response response) throws ParseException {
        SupportedHeader supported = headers.createSupportedHeader("placeholder");
        supported.setOptionTag("");
        response.removeHeader(SupportedHeader.NAME);
        response.addHeader(supported);
    }

    void addRetryAfter(Response response, Duration retryAfter) throws InvalidArgumentException {
        RetryAfterHeader header = headers.createRetryAfterHeader((int) Math.max(1, retryAfter.toSeconds()));
        response.addHeader(header);
    }

    /** Sends on the transaction, falling back to stateless sending when there is none. */
    boolean send(ServerTransaction transaction, Response response, String callId) {
        try {
            if (transaction != null) {
                transaction.sendResponse(response);
            } else {
                provider.sendResponse(response);
            }
            return true;
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            LOG.debug("call {}: could not send {} response: {}", callId, response.getStatusCode(), e.toString());
            return false;
        }
    }
}
