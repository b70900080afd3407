package fr.accueil.server.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Where the caller-pseudonymisation key comes from: the {@code accueil.pseudonym-key} property if
 * set, otherwise {@code ${data-dir}/pseudonym.key}, created once with 32 random bytes (base64,
 * owner-only permissions) and reused at every start, so pseudonyms stay stable across restarts.
 * Losing the file breaks the link between old and new pseudonyms, which is the intended effect of
 * deleting it.
 */
public final class PseudonymKeys {
    static final String FILE_NAME = "pseudonym.key";

    private PseudonymKeys() {
    }

    public static byte[] resolve(AccueilSettings settings) {
        if (settings.pseudonymKey() != null && !settings.pseudonymKey().isBlank()) {
            return decode(settings.pseudonymKey());
        }
        return fromFile(settings.dataDir().resolve(FILE_NAME));
    }

    static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("accueil.pseudonym-key is not valid base64: " + e.getMessage(), e);
        }
    }

    static byte[] fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] key = decode(Files.readString(file, StandardCharsets.US_ASCII));
            if (key.length < 16) {
                throw new IllegalStateException(file + " holds a " + key.length + "-byte key; at least 16 bytes are needed");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the pseudonymisation key " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        byte[] text = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (posix) {
                Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
                // Created with 0600 from the start: no window where another user could read it.
                Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException raced) {
            return; // another process created it first; use theirs
        }
        Files.write(file, text, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    }
}
