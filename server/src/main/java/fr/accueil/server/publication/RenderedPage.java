package fr.accueil.server.publication;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * One public page as it goes on the wire: its status, its UTF-8 bytes, the same gzip'd, and an
 * entity tag of the content. Built once per render, then written by any number of requests without
 * encoding or compressing again. Immutable (the arrays are never handed out).
 */
record RenderedPage(int status, byte[] html, byte[] gzip, String etag) {
    static final String CONTENT_TYPE = "text/html;charset=UTF-8";

    /**
     * The headers Spring Security's defaults add to every other response of the application; pages
     * served ahead of its filter chain carry them too (a test compares both paths).
     */
    private static final String[][] SECURITY_HEADERS = {
            {"X-Content-Type-Options", "nosniff"}, {"X-XSS-Protection", "0"}, {"X-Frame-Options", "DENY"}};

    static RenderedPage of(int status, String html) {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        return new RenderedPage(status, bytes, gzip(bytes), entityTag(bytes));
    }

    /**
     * Writes the page: gzip'd when the client accepts it, 304 when its copy is current (pages are
     * still not kept by browsers without asking: no Cache-Control), headers only for HEAD.
     */
    void writeTo(HttpServletRequest request, HttpServletResponse response) throws IOException {
        for (String[] header : SECURITY_HEADERS) {
            response.setHeader(header[0], header[1]);
        }
        response.setHeader("Vary", "Accept-Encoding");
        boolean gzipped = acceptsGzip(request.getHeader("Accept-Encoding"));
        String tag = gzipped ? etag.substring(0, etag.length() - 1) + "-gzip\"" : etag;
        if (status == HttpServletResponse.SC_OK) {
            response.setHeader("ETag", tag);
            if (matches(request.getHeader("If-None-Match"), tag)) {
                response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                return;
            }
        }
        response.setStatus(status);
        response.setContentType(CONTENT_TYPE);
        byte[] body = gzipped ? gzip : html;
        if (gzipped) {
            response.setHeader("Content-Encoding", "gzip");
        }
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }

    /** True when the client lists gzip (or *) without q=0. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.split(";");
            String name = parts[0].strip();
            if (name.equalsIgnoreCase("gzip") || name.equals("*")) {
                return !refused(parts);
            }
        }
        return false;
    }

    private static boolean refused(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String p = parameters[i].strip().replace(" ", "");
            if (p.startsWith("q=") || p.startsWith("Q=")) {
                try {
                    return Double.parseDouble(p.substring(2)) == 0;
                } catch (NumberFormatException e) {
                    return true;
                }
            }
        }
        return false;
    }

    /** If-None-Match uses the weak comparison (RFC 9110 §13.1.2). */
    static boolean matches(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals(tag)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String entityTag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
