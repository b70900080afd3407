package fr.accueil.server.directory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the directory text is read from, again at every reload. */
public sealed interface DirectorySource {

    /** The name problems are reported against. */
    String name();

    /** @throws UncheckedIOException when the text cannot be read */
    String read();

    record File(Path path) implements DirectorySource {
        @Override
        public String name() {
            return path.toString();
        }

        @Override
        public String read() {
            try {
                return Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path + ": " + e, e);
            }
        }
    }

    /** The built-in demo directory. */
    record Classpath(String resource) implements DirectorySource {
        @Override
        public String name() {
            return "classpath:" + resource;
        }

        @Override
        public String read() {
            try (InputStream in = DirectorySource.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("resource not found");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + name() + ": " + e.getMessage(), e);
            }
        }
    }
}
