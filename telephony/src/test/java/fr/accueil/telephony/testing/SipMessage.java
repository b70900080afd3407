package fr.accueil.telephony.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed SIP request or response (RFC 3261 §7), minimal and independent of any SIP library.
 * Header names are compared case-insensitively and compact forms (§7.3.3) are expanded on parse.
 * Header order is preserved so Via and Record-Route lists keep their meaning.
 *
 * <p>Immutable after parsing except through {@link Builder}; instances are safe to share.
 */
public final class SipMessage {

    private static final Map<String, String> COMPACT = Map.ofEntries(
            Map.entry("v", "Via"), Map.entry("f", "From"), Map.entry("t", "To"), Map.entry("i", "Call-ID"),
            Map.entry("m", "Contact"), Map.entry("l", "Content-Length"), Map.entry("c", "Content-Type"),
            Map.entry("k", "Supported"), Map.entry("s", "Subject"), Map.entry("e", "Content-Encoding"),
            Map.entry("r", "Refer-To"), Map.entry("o", "Event"), Map.entry("b", "Referred-By"));

    /** One header line; the name keeps the spelling it was given. */
    public record Header(String name, String value) {
    }

    private final String startLine;
    private final List<Header> headers;
    private final byte[] body;

    private SipMessage(String startLine, List<Header> headers, byte[] body) {
        this.startLine = startLine;
        this.headers = List.copyOf(headers);
        this.body = body;
    }

    public static SipMessage parse(byte[] data, int length) {
        String text = new String(data, 0, length, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        int sep = 4;
        if (end < 0) {
            end = text.indexOf("\n\n");
            sep = 2;
        }
        if (end < 0) {
            throw new IllegalArgumentException("no end of headers");
        }
        String[] lines = text.substring(0, end).split("\r?\n");
        List<Header> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if ((line.startsWith(" ") || line.startsWith("\t")) && !headers.isEmpty()) { // folding, §7.3.1
                Header last = headers.removeLast();
                headers.add(new Header(last.name(), last.value() + " " + line.strip()));
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("bad header line: " + line);
            }
            String name = line.substring(0, colon).strip();
            name = COMPACT.getOrDefault(name.toLowerCase(Locale.ROOT), name);
            headers.add(new Header(name, line.substring(colon + 1).strip()));
        }
        int headerBytes = text.substring(0, end + sep).getBytes(StandardCharsets.UTF_8).length;
        int bodyLength = length - headerBytes;
        String cl = null;
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase("Content-Length")) {
                cl = h.value();
            }
        }
        if (cl != null) {
            bodyLength = Math.min(bodyLength, Integer.parseInt(cl.strip()));
        }
        byte[] body = new byte[Math.max(0, bodyLength)];
        System.arraycopy(data, headerBytes, body, 0, body.length);
        return new SipMessage(lines[0], headers, body);
    }

    public boolean isResponse() {
        return startLine.startsWith("SIP/2.0 ");
    }

    public int status() {
        if (!isResponse()) {
            throw new IllegalStateException("not a response: " + startLine);
        }
        return Integer.parseInt(startLine.substring(8, 11));
    }

    public String reason() {
        return startLine.length() > 12 ? startLine.substring(12) : "";
    }

    public String method() {
        if (isResponse()) {
            throw new IllegalStateException("not a request: " + startLine);
        }
        return startLine.substring(0, startLine.indexOf(' '));
    }

    public String requestUri() {
        String[] parts = startLine.split(" ");
        return parts[1];
    }

    public String startLine() {
        return startLine;
    }

    public List<Header> headers() {
        return headers;
    }

    public Optional<String> header(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    public String required(String name) {
        return header(name).orElseThrow(() -> new IllegalStateException("no " + name + " header in " + startLine));
    }

    /** All values of a header, splitting comma-separated lists (outside quotes and angle brackets). */
    public List<String> headerValues(String name) {
        List<String> values = new ArrayList<>();
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                values.addAll(splitList(h.value()));
            }
        }
        return values;
    }

    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public String callId() {
        return required("Call-ID");
    }

    public int cseqNumber() {
        return Integer.parseInt(required("CSeq").strip().split("\\s+")[0]);
    }

    public String cseqMethod() {
        return required("CSeq").strip().split("\\s+")[1];
    }

    /** The branch parameter of the top Via. */
    public String topViaBranch() {
        return param(headerValues("Via").getFirst(), "branch").orElse("");
    }

    public String fromTag() {
        return param(required("From"), "tag").orElse("");
    }

    public Optional<String> toTag() {
        return param(required("To"), "tag");
    }

    /** A header parameter ({@code ;name=value}) found after the URI's closing angle bracket, if any. */
    public static Optional<String> param(String headerValue, String name) {
        int gt = headerValue.lastIndexOf('>');
        String params = gt >= 0 ? headerValue.substring(gt + 1) : headerValue;
        for (String p : params.split(";")) {
            int eq = p.indexOf('=');
            String key = (eq < 0 ? p : p.substring(0, eq)).strip();
            if (key.equalsIgnoreCase(name)) {
                return Optional.of(eq < 0 ? "" : p.substring(eq + 1).strip());
            }
        }
        return Optional.empty();
    }

    /** The URI of a name-addr ({@code "x" <sip:..>;p}) or addr-spec header value. */
    public static String uriOf(String headerValue) {
        int lt = headerValue.indexOf('<');
        if (lt >= 0) {
            return headerValue.substring(lt + 1, headerValue.indexOf('>', lt));
        }
        int semi = headerValue.indexOf(';');
        return (semi < 0 ? headerValue : headerValue.substring(0, semi)).strip();
    }

    static List<String> splitList(String value) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int depth = 0;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                depth++;
            } else if (!quoted && c == '>') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                parts.add(value.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(value.substring(start).strip());
        return parts;
    }

    public byte[] toBytes() {
        StringBuilder sb = new StringBuilder(startLine).append("\r\n");
        for (Header h : headers) {
            sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    @Override
    public String toString() {
        return new String(toBytes(), StandardCharsets.UTF_8);
    }

    public static Builder request(String method, String uri) {
        return new Builder(method + " " + uri + " SIP/2.0");
    }

    public static Builder response(int status, String reason) {
        return new Builder("SIP/2.0 " + status + " " + reason);
    }

    /** Builds a message; Content-Length is always added last from the body. */
    public static final class Builder {
        private final String startLine;
        private final List<Header> headers = new ArrayList<>();
        private byte[] body = new byte[0];

        private Builder(String startLine) {
            this.startLine = startLine;
        }

        public Builder header(String name, String value) {
            headers.add(new Header(name, value));
            return this;
        }

        public Builder headers(List<Header> list) {
            headers.addAll(list);
            return this;
        }

        public Builder body(String contentType, String text) {
            headers.add(new Header("Content-Type", contentType));
            body = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public SipMessage build() {
            List<Header> all = new ArrayList<>(headers);
            all.removeIf(h -> h.name().equalsIgnoreCase("Content-Length"));
            all.add(new Header("Content-Length", Integer.toString(body.length)));
            return new SipMessage(startLine, all, body);
        }
    }
}
