package fr.accueil.server.calls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged platform ({@code accueil.jar}) run as a separate process, so a test can kill it with
 * SIGKILL exactly as a crash would, and start it again on the same data directory.
 */
final class AccueilProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    final int sipPort;
    final int httpPort;

    private AccueilProcess(Process process, Path log, int sipPort, int httpPort) {
        this.process = process;
        this.log = log;
        this.sipPort = sipPort;
        this.httpPort = httpPort;
    }

    static AccueilProcess start(Path dataDir, String... extraArguments) {
        Path jar = Path.of(System.getProperty("accueil.jar", "target/accueil.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the integration tests with 'mvn verify'");
        }
        int sipPort = freePort();
        int httpPort = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-jar", jar.toString(),
                "--accueil.data-dir=" + dataDir, "--accueil.sip.port=" + sipPort, "--accueil.sip.bind=127.0.0.1",
                "--server.port=" + httpPort,
                "--accueil.prompt-dirs=" + Path.of("../prompts/fr").toAbsolutePath().normalize(),
                "--accueil.directory-file=" + Path.of("src/test/resources/directories/end-to-end.yaml").toAbsolutePath()));
        command.addAll(List.of(extraArguments));
        try {
            Files.createDirectories(dataDir);
            Path log = Files.createTempFile(dataDir.getParent(), "accueil-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            AccueilProcess started = new AccueilProcess(process, log, sipPort, httpPort);
            started.awaitHealthy(Duration.ofSeconds(90));
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealthy(Duration bound) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(bound);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Accueil exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        close();
        throw new IllegalStateException("Accueil not healthy within " + bound + ":\n" + logTail());
    }

    /** SIGKILL: no shutdown hook, no drain, exactly like a crash. Returns the exit status. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor();
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
