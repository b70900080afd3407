package fr.accueil.telephony.sip;

import fr.accueil.telephony.registrar.Binding;
import fr.accueil.telephony.registrar.RegisterOutcome;
import fr.accueil.telephony.registrar.RegisterRequest;
import fr.accueil.telephony.registrar.Registrar;
import java.net.InetAddress;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.OptionalLong;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Translates REGISTER requests for the {@link Registrar} and its outcomes into responses (RFC 3261
 * §10.3). Stateless apart from the registrar; runs on SIP stack threads and never blocks.
 */
final class SipRegistrar {
    private final Registrar registrar;
    private final Clock clock;

    SipRegistrar(Registrar registrar, Clock clock) {
        this.registrar = registrar;
        this.clock = clock;
    }

    void onRegister(SipMessaging sip, Request register, ServerTransaction transaction, String callId, InetAddress source)
            throws ParseException, InvalidArgumentException {
        RegisterOutcome outcome = registrar.handle(toRegisterRequest(register, source));
        Response response;
        switch (outcome) {
            case RegisterOutcome.Challenge challenge -> {
                response = sip.response(register, Response.UNAUTHORIZED, SipMessaging.newTag());
                for (String value : challenge.wwwAuthenticate()) {
                    response.addHeader(sip.headers.createHeader("WWW-Authenticate", value));
                }
            }
            case RegisterOutcome.Forbidden forbidden -> {
                response = sip.response(register, Response.FORBIDDEN, SipMessaging.newTag());
                response.setReasonPhrase(forbidden.reason());
            }
            case RegisterOutcome.BadRequest bad -> {
                response = sip.response(register, Response.BAD_REQUEST, SipMessaging.newTag());
                response.setReasonPhrase(bad.reason());
            }
            case RegisterOutcome.IntervalTooBrief brief -> {
                response = sip.response(register, Response.INTERVAL_TOO_BRIEF, SipMessaging.newTag());
                response.addHeader(sip.headers.createMinExpiresHeader((int) brief.minExpires().toSeconds()));
            }
            case RegisterOutcome.Registered registered -> {
                response = sip.response(register, Response.OK, SipMessaging.newTag());
                Instant now = clock.instant();
                for (Binding binding : registered.bindings()) {
                    ContactHeader contact = sip.headers.createContactHeader(
                            sip.addresses.createAddress(sip.addresses.createURI(binding.contactUri())));
                    contact.setExpires((int) binding.secondsLeft(now));
                    response.addHeader(contact);
                }
            }
        }
        sip.send(transaction, response, callId);
    }

    /**
     * Checks the digest credentials of an INVITE to a feature code (RFC 3261 §22.3): answers 407 with
     * Proxy-Authenticate challenges, 403 or 400 itself and returns empty; returns the agent's username
     * when the credentials verify. Credentials in Authorization are read too, for phones that put them
     * there (they answer a 401 the same way).
     */
    java.util.Optional<String> authenticateInvite(SipMessaging sip, Request invite, ServerTransaction transaction, String callId,
                                                  InetAddress source) throws ParseException {
        List<String> authorizations = new ArrayList<>();
        for (String name : List.of("Proxy-Authorization", "Authorization")) {
            ListIterator<?> it = invite.getHeaders(name);
            while (it != null && it.hasNext()) {
                authorizations.add(valueOf((Header) it.next()));
            }
        }
        fr.accueil.telephony.registrar.DigestOutcome outcome =
                registrar.authenticate(Request.INVITE, invite.getRequestURI().toString(), authorizations, source);
        Response response;
        switch (outcome) {
            case fr.accueil.telephony.registrar.DigestOutcome.Authenticated authenticated -> {
                return java.util.Optional.of(authenticated.username());
            }
            case fr.accueil.telephony.registrar.DigestOutcome.Challenge challenge -> {
                response = sip.response(invite, Response.PROXY_AUTHENTICATION_REQUIRED, SipMessaging.newTag());
                for (String value : challenge.challenges()) {
                    response.addHeader(sip.headers.createHeader("Proxy-Authenticate", value));
                }
            }
            case fr.accueil.telephony.registrar.DigestOutcome.Forbidden forbidden -> {
                response = sip.response(invite, Response.FORBIDDEN, SipMessaging.newTag());
                response.setReasonPhrase(forbidden.reason());
            }
            case fr.accueil.telephony.registrar.DigestOutcome.BadRequest bad -> {
                response = sip.response(invite, Response.BAD_REQUEST, SipMessaging.newTag());
                response.setReasonPhrase(bad.reason());
            }
        }
        sip.send(transaction, response, callId);
        return java.util.Optional.empty();
    }

    /** A malformed Contact or Expires is refused by JAIN-SIP's parser before we get here. */
    private static RegisterRequest toRegisterRequest(Request register, InetAddress source) {
        ToHeader to = (ToHeader) register.getHeader(ToHeader.NAME);
        String toUser = to != null && to.getAddress().getURI() instanceof SipURI uri ? uri.getUser() : null;
        List<String> authorizations = new ArrayList<>();
        ListIterator<?> auth = register.getHeaders("Authorization");
        while (auth != null && auth.hasNext()) {
            authorizations.add(valueOf((Header) auth.next()));
        }
        boolean wildcard = false;
        List<RegisterRequest.Contact> contacts = new ArrayList<>();
        ListIterator<?> it = register.getHeaders(ContactHeader.NAME);
        while (it != null && it.hasNext()) {
            ContactHeader contact = (ContactHeader) it.next();
            if (contact.getAddress() == null || "*".equals(contact.getAddress().toString().strip())
                    || (contact instanceof gov.nist.javax.sip.header.Contact nist && nist.isWildCard())) {
                wildcard = true;
                continue;
            }
            int expires = contact.getExpires();
            contacts.add(new RegisterRequest.Contact(contact.getAddress().getURI().toString(),
                    expires < 0 ? OptionalLong.empty() : OptionalLong.of(expires)));
        }
        ExpiresHeader expires = (ExpiresHeader) register.getHeader(ExpiresHeader.NAME);
        return new RegisterRequest(register.getRequestURI().toString(), toUser, authorizations, wildcard, contacts,
                expires == null ? OptionalLong.empty() : OptionalLong.of(expires.getExpires()), source);
    }

    private static String valueOf(Header header) {
        if (header instanceof gov.nist.javax.sip.header.SIPHeader nist) {
            return nist.getHeaderValue();
        }
        String text = header.toString();
        int colon = text.indexOf(':');
        return text.substring(colon + 1).strip();
    }
}
