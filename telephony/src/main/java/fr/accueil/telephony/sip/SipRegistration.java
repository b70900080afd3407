package fr.accueil.telephony.sip;

import fr.accueil.telephony.registrar.DigestChallenge;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One REGISTER as a client (RFC 3261 §10.2): sent, answered once with digest credentials if
 * challenged (401), and waited for. Used by simulated agents' phones; the endpoint routes the
 * responses here by Call-ID.
 */
final class SipRegistration {
    private static final SecureRandom CNONCES = new SecureRandom();

    private final SipMessaging sip;
    private final ConcurrentHashMap<String, CompletableFuture<Response>> awaited;

    SipRegistration(SipMessaging sip, ConcurrentHashMap<String, CompletableFuture<Response>> awaited) {
        this.sip = sip;
        this.awaited = awaited;
    }

    /** Registers and returns the final status: 200, 403, 408 (no answer)… */
    int register(String registrarHostPort, String username, String password, Duration expires, Duration timeout)
            throws Exception {
        String callId = sip.provider.getNewCallId().getCallId();
        try {
            Request request = newRegister(registrarHostPort, username, expires, callId, 1);
            Response response = send(request, callId, timeout);
            if (response.getStatusCode() != Response.UNAUTHORIZED) {
                return response.getStatusCode();
            }
            List<String> values = new ArrayList<>();
            ListIterator<?> it = response.getHeaders("WWW-Authenticate");
            while (it != null && it.hasNext()) {
                Header header = (Header) it.next();
                values.add(header.toString().substring(header.toString().indexOf(':') + 1).strip());
            }
            Optional<DigestChallenge> challenge = DigestChallenge.best(values);
            if (challenge.isEmpty()) {
                return response.getStatusCode();
            }
            Request retry = newRegister(registrarHostPort, username, expires, callId, 2);
            byte[] cnonce = new byte[12];
            CNONCES.nextBytes(cnonce);
            retry.addHeader(sip.headers.createHeader("Authorization", challenge.get().authorization(Request.REGISTER,
                    retry.getRequestURI().toString(), username, password, HexFormat.of().formatHex(cnonce))));
            return send(retry, callId, timeout).getStatusCode();
        } finally {
            awaited.remove(callId);
        }
    }

    private Response send(Request request, String callId, Duration timeout) throws Exception {
        CompletableFuture<Response> answer = new CompletableFuture<>();
        awaited.put(callId, answer);
        ClientTransaction transaction = sip.provider.getNewClientTransaction(request);
        transaction.sendRequest();
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof java.util.concurrent.TimeoutException t) {
                throw t;  // the transaction timed out (Timer F): no registrar there
            }
            throw e;
        }
    }

    private Request newRegister(String registrarHostPort, String username, Duration expires, String callId, long cseq)
            throws Exception {
        SipURI registrar = (SipURI) sip.addresses.createURI("sip:" + registrarHostPort);
        SipURI aor = sip.addresses.createSipURI(username, registrar.getHost());
        FromHeader from = sip.headers.createFromHeader(sip.addresses.createAddress(aor), SipMessaging.newTag());
        ToHeader to = sip.headers.createToHeader(sip.addresses.createAddress(aor), null);
        CallIdHeader callIdHeader = sip.headers.createCallIdHeader(callId);
        CSeqHeader cseqHeader = sip.headers.createCSeqHeader(cseq, Request.REGISTER);
        Request request = sip.messages.createRequest(registrar, Request.REGISTER, callIdHeader, cseqHeader, from, to,
                new ArrayList<>(List.of(sip.headers.createViaHeader(sip.advertisedHost(), sip.port(), "udp", null))),
                sip.headers.createMaxForwardsHeader(70));
        var contact = sip.contact("udp");
        ((SipURI) contact.getAddress().getURI()).setUser(username);
        request.addHeader(contact);
        request.addHeader(sip.headers.createExpiresHeader((int) expires.toSeconds()));
        return request;
    }
}
