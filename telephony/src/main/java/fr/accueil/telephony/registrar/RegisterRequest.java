package fr.accueil.telephony.registrar;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What the registrar needs of a REGISTER, taken out of the SIP message by {@code telephony.sip}.
 *
 * @param requestUri     the Request-URI as sent (compared with the digest {@code uri})
 * @param toUser         user part of the To URI: the address of record being registered
 * @param authorizations values of the Authorization headers (without the header name)
 * @param wildcard       true for {@code Contact: *}
 * @param contacts       the contacts, each with its own {@code expires} parameter if any
 * @param expiresHeader  the Expires header, if any
 * @param source         the address the request came from (rate limiting)
 */
public record RegisterRequest(String requestUri, String toUser, List<String> authorizations, boolean wildcard,
                              List<Contact> contacts, OptionalLong expiresHeader, InetAddress source) {

    /** One Contact of the request. */
    public record Contact(String uri, OptionalLong expires) {
        public Contact {
            Objects.requireNonNull(uri, "uri");
        }
    }

    public RegisterRequest {
        Objects.requireNonNull(requestUri, "requestUri");
        authorizations = List.copyOf(authorizations);
        contacts = List.copyOf(contacts);
        Objects.requireNonNull(source, "source");
    }
}
