package fr.accueil.telephony.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A SIP message as text read off a socket by the test's own tiny parser (independent of JAIN-SIP). */
record RawSipMessage(String startLine, List<Map.Entry<String, String>> headers, String body) {
    private static final Map<String, String> COMPACT = Map.of("i", "call-id", "v", "via", "f", "from", "t", "to",
            "m", "contact", "l", "content-length", "c", "content-type", "k", "supported");
    private static final Pattern TAG = Pattern.compile(";\\s*tag=([^;>\\s,]+)", Pattern.CASE_INSENSITIVE);

    static RawSipMessage parse(String text) {
        int split = text.indexOf("\r\n\r\n");
        String head = split < 0 ? text : text.substring(0, split);
        String body = split < 0 ? "" : text.substring(split + 4);
        String[] lines = head.split("\r\n");
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
                headers.add(Map.entry(COMPACT.getOrDefault(name, name), lines[i].substring(colon + 1).strip()));
            }
        }
        return new RawSipMessage(lines[0], headers, body);
    }

    boolean isResponse() {
        return startLine.startsWith("SIP/2.0 ");
    }

    int status() {
        return isResponse() ? Integer.parseInt(startLine.substring(8, 11)) : -1;
    }

    String method() {
        return isResponse() ? header("cseq").map(c -> c.split("\\s+")[1]).orElse("") : startLine.split(" ")[0];
    }

    Optional<String> header(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return headers.stream().filter(h -> h.getKey().equals(key)).map(Map.Entry::getValue).findFirst();
    }

    List<String> all(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equals(key)) {
                for (String v : h.getValue().split(",")) {
                    values.add(v.strip());
                }
            }
        }
        return values;
    }

    String callId() {
        return header("call-id").orElse("");
    }

    Optional<String> toTag() {
        return header("to").map(TAG::matcher).filter(Matcher::find).map(m -> m.group(1));
    }

    @Override
    public String toString() {
        return startLine + " " + headers + (body.isEmpty() ? "" : "\n" + body);
    }
}
