package fr.accueil.telephony.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Runs SIPp (Debian {@code sip-tester} 3.6.1) from JUnit and benchmarks: builds the command line,
 * runs it in the foreground under a hard time bound (SIPp is always killed when the bound passes or
 * the caller closes it), and reads the outcome from the exit code and the {@code -trace_stat} CSV.
 *
 * <p>SIPp's exit codes: 0 every call succeeded, 1 at least one failed, 97 stopped by an internal
 * command, 99 normal exit without any call processed, 255 fatal error, 254 cannot bind its socket.
 * {@link Result#exitCode()} is -1 when this runner had to kill SIPp.
 *
 * <p>Not thread-safe: build and run from one thread. A started {@link Running} may be closed from any.
 */
public final class Sipp {

    private Sipp() {
    }

    /** A built-in scenario ({@code -sn uas}, {@code -sn uac}, …). */
    public static Builder builtin(String name) {
        return new Builder(List.of("-sn", name));
    }

    /** A scenario file ({@code -sf}). */
    public static Builder scenario(Path xml) {
        if (!Files.isRegularFile(xml)) {
            throw new IllegalArgumentException("no SIPp scenario at " + xml.toAbsolutePath());
        }
        return new Builder(List.of("-sf", xml.toAbsolutePath().toString()));
    }

    /**
     * A scenario shipped on the test class path (e.g. {@code /sipp/uas-play-audio-bye.xml} from the
     * telephony test-jar), copied to a temporary file because SIPp reads scenarios from disk.
     */
    public static Builder scenarioResource(String resource) {
        try (var in = Sipp.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no SIPp scenario resource " + resource);
            }
            Path file = Files.createTempFile("sipp-", "-" + Path.of(resource).getFileName());
            Files.write(file, in.readAllBytes());
            file.toFile().deleteOnExit();
            return scenario(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Command-line options; every setter returns the builder. */
    public static final class Builder {
        private final List<String> scenario;
        private InetSocketAddress target;
        private String service;
        private Integer calls;
        private Double rate;
        private Integer ratePeriodMs;
        private Integer limit;
        private int localPort;
        private int mediaPort;
        private Duration timeout = Duration.ofSeconds(30);
        private boolean rtpEcho;
        private boolean captureRtp;
        private String transport;
        private Path workDir;
        private final Map<String, String> variables = new HashMap<>();
        private final Map<String, String> keys = new HashMap<>();
        private final List<String> extra = new ArrayList<>();

        private Builder(List<String> scenario) {
            this.scenario = scenario;
        }

        public Builder target(InetSocketAddress remote) {
            this.target = remote;
            return this;
        }

        /** {@code -s}: the user part of the Request-URI ({@code [service]}). */
        public Builder service(String user) {
            this.service = user;
            return this;
        }

        /** {@code -m}: stop after this many calls (for a UAS: after answering them). */
        public Builder calls(int count) {
            this.calls = count;
            return this;
        }

        /** {@code -r}: new calls per second (per {@link #ratePeriod}). */
        public Builder rate(double callsPerPeriod) {
            this.rate = callsPerPeriod;
            return this;
        }

        public Builder ratePeriod(Duration period) {
            this.ratePeriodMs = (int) period.toMillis();
            return this;
        }

        /** {@code -l}: at most this many simultaneous calls. */
        public Builder limit(int concurrent) {
            this.limit = concurrent;
            return this;
        }

        /** {@code -p}: local SIP port; a free one is chosen when not set. */
        public Builder localPort(int port) {
            this.localPort = port;
            return this;
        }

        /** {@code -mp}: local media port ({@code [media_port]}); a free even one is chosen when not set. */
        public Builder mediaPort(int port) {
            this.mediaPort = port;
            return this;
        }

        /** {@code -timeout}: SIPp quits after this; the runner kills it 15 s later if it has not. */
        public Builder timeout(Duration t) {
            this.timeout = t;
            return this;
        }

        /** {@code -t}: {@code u1} (UDP, the default), {@code t1} (one TCP connection), {@code tn} (one per call). */
        public Builder transport(String mode) {
            this.transport = mode;
            return this;
        }

        /** {@code -rtp_echo}: SIPp sends back every RTP packet received on its media port. */
        public Builder rtpEcho() {
            this.rtpEcho = true;
            return this;
        }

        /** Capture RTP sent to SIPp's media port with {@link RtpCapture} during the run. */
        public Builder captureRtp() {
            this.captureRtp = true;
            return this;
        }

        /** {@code -set name value}: a scenario variable ({@code $name}). */
        public Builder set(String name, String value) {
            variables.put(name, value);
            return this;
        }

        /** {@code -key name value}: a keyword ({@code [name]}). */
        public Builder key(String name, String value) {
            keys.put(name, value);
            return this;
        }

        public Builder arg(String... args) {
            extra.addAll(List.of(args));
            return this;
        }

        /** Where logs, stats and captures go; a new temporary directory when not set. */
        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        /** Runs SIPp in the foreground and returns when it exits or was killed at its bound. */
        public Result run() {
            try (Running running = start()) {
                return running.await(timeout.plusSeconds(15));
            }
        }

        /** Starts SIPp and returns once its SIP port is bound (useful for a UAS peer). */
        public Running start() {
            Path dir;
            try {
                dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("sipp-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // Ports chosen here can be taken by someone else before SIPp binds them (exit code 254):
            // then try again with new ones, up to three times.
            for (int attempt = 1; ; attempt++) {
                int sipPort = localPort != 0 ? localPort : FreePorts.udpAndTcp();
                int rtpPort = mediaPort != 0 ? mediaPort : FreePorts.evenUdpBlock();
                Running running = startOnce(dir, sipPort, rtpPort);
                boolean autoPorts = localPort == 0 && mediaPort == 0;
                if (autoPorts && attempt < 3 && running.failedToBind()) {
                    running.close();
                    continue;
                }
                return running;
            }
        }

        private Running startOnce(Path dir, int sipPort, int rtpPort) {
            List<String> cmd = command(dir, sipPort, rtpPort);
            RtpCapture capture = captureRtp ? RtpCapture.start(rtpPort, dir) : null;
            ToolProcess process;
            try {
                process = ToolProcess.start(cmd, dir, dir.resolve("sipp.out"));
            } catch (RuntimeException e) {
                if (capture != null) {
                    capture.close();
                }
                throw e;
            }
            Running running = new Running(cmd, dir, sipPort, rtpPort, transport != null && transport.startsWith("t"),
                    process, capture);
            running.awaitBound(Duration.ofSeconds(10));
            return running;
        }

        List<String> command(Path dir, int sipPort, int rtpPort) {
            List<String> cmd = new ArrayList<>();
            cmd.add("sipp");
            cmd.addAll(scenario);
            if (target != null) {
                cmd.add(target.getAddress().getHostAddress() + ":" + target.getPort());
            }
            cmd.addAll(List.of("-i", "127.0.0.1", "-p", Integer.toString(sipPort), "-mp", Integer.toString(rtpPort)));
            if (service != null) {
                cmd.addAll(List.of("-s", service));
            }
            if (calls != null) {
                cmd.addAll(List.of("-m", calls.toString()));
            }
            if (rate != null) {
                cmd.addAll(List.of("-r", rate % 1 == 0 ? Long.toString(rate.longValue()) : rate.toString()));
            }
            if (ratePeriodMs != null) {
                cmd.addAll(List.of("-rp", ratePeriodMs.toString()));
            }
            if (limit != null) {
                cmd.addAll(List.of("-l", limit.toString()));
            }
            if (rtpEcho) {
                cmd.add("-rtp_echo");
            }
            if (transport != null) {
                cmd.addAll(List.of("-t", transport));
            }
            variables.forEach((k, v) -> cmd.addAll(List.of("-set", k, v)));
            keys.forEach((k, v) -> cmd.addAll(List.of("-key", k, v)));
            cmd.addAll(List.of("-timeout", timeout.toSeconds() + "s", "-timeout_error", "-nostdin",
                    "-trace_stat", "-stf", dir.resolve("stat.csv").toString(), "-fd", "1",
                    "-trace_screen", "-screen_file", dir.resolve("screen.log").toString(),
                    "-trace_err", "-error_file", dir.resolve("errors.log").toString()));
            cmd.addAll(extra);
            return cmd;
        }
    }

    /** A SIPp process; close it to kill it. */
    public static final class Running implements AutoCloseable {
        private final List<String> command;
        private final Path dir;
        private final int sipPort;
        private final int mediaPort;
        private final boolean tcp;
        private final ToolProcess process;
        private final RtpCapture capture;

        private Running(List<String> command, Path dir, int sipPort, int mediaPort, boolean tcp, ToolProcess process,
                        RtpCapture capture) {
            this.tcp = tcp;
            this.command = command;
            this.dir = dir;
            this.sipPort = sipPort;
            this.mediaPort = mediaPort;
            this.process = process;
            this.capture = capture;
        }

        public InetSocketAddress sipAddress() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), sipPort);
        }

        public int mediaPort() {
            return mediaPort;
        }

        public Path workDir() {
            return dir;
        }

        /** SIPp exited at start-up with its "cannot bind socket" code (-2 = 254). */
        private boolean failedToBind() {
            return process.awaitExit(Duration.ofMillis(100)).orElse(0) == 254;
        }

        /** The operating-system process, e.g. to check it is gone. */
        public ProcessHandle process() {
            return process.process().toHandle();
        }

        /**
         * SIPp binds its UDP port only once started. Readiness is read from /proc/net/udp rather than
         * by trying to bind the port: a probe bind races with SIPp's own and made it fail to start.
         */
        private void awaitBound(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && process.isAlive()) {
                if (tcp ? FreePorts.isTcpPortBound(sipPort) : FreePorts.isUdpPortBound(sipPort)) {
                    return;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (!process.isAlive()) {
                return; // it exited already (bad arguments?): await() reports it
            }
            close();
            throw new IllegalStateException("SIPp did not bind port " + sipPort + " within " + timeout
                    + "\n" + String.join(" ", command) + "\n" + process.logTail(20));
        }

        /** Waits for SIPp to exit (killing it after {@code bound}) and reads the outcome. */
        public Result await(Duration bound) {
            OptionalInt code = process.awaitExit(bound);
            boolean killed = code.isEmpty();
            if (killed) {
                process.close();
            }
            Optional<RtpCapture.Result> rtp = Optional.empty();
            if (capture != null) {
                rtp = Optional.of(capture.stop());
            }
            Map<String, String> stats = lastStats(dir.resolve("stat.csv"));
            return new Result(command, killed ? -1 : code.getAsInt(), killed, number(stats, "SuccessfulCall(C)"),
                    number(stats, "FailedCall(C)"), number(stats, "TotalCallCreated"), stats, dir,
                    read(dir.resolve("screen.log")), read(dir.resolve("errors.log")), process.logText(), rtp);
        }

        @Override
        public void close() {
            process.close();
            if (capture != null) {
                capture.close();
            }
        }
    }

    /**
     * The outcome of a run.
     *
     * @param exitCode  SIPp's exit code, or -1 if it had to be killed
     * @param stats     the last row of the {@code -trace_stat} CSV by column name (empty if none written)
     */
    public record Result(List<String> command, int exitCode, boolean killed, long successfulCalls, long failedCalls,
                         long createdCalls, Map<String, String> stats, Path workDir, String screen, String errors,
                         String output, Optional<RtpCapture.Result> rtp) {

        public boolean allCallsSucceeded() {
            return exitCode == 0 && failedCalls == 0;
        }

        /** A summary for assertion messages: command, outcome, and the tails of SIPp's logs. */
        public String describe() {
            return "SIPp " + (killed ? "KILLED at its time bound" : "exit " + exitCode)
                    + ", successful " + successfulCalls + ", failed " + failedCalls + ", created " + createdCalls
                    + "\ncommand: " + String.join(" ", command)
                    + "\n--- output tail\n" + ToolProcess.tail(output, 15)
                    + "\n--- screen tail\n" + ToolProcess.tail(screen, 25)
                    + "\n--- errors tail\n" + ToolProcess.tail(errors, 25);
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    private static Map<String, String> lastStats(Path csv) {
        try {
            if (!Files.exists(csv)) {
                return Map.of();
            }
            List<String> lines = Files.readAllLines(csv, StandardCharsets.ISO_8859_1).stream()
                    .filter(l -> !l.isBlank()).toList();
            if (lines.size() < 2) {
                return Map.of();
            }
            String[] header = lines.getFirst().split(";", -1);
            String[] last = lines.getLast().split(";", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < Math.min(header.length, last.length); i++) {
                row.put(header[i], last[i]);
            }
            return Map.copyOf(row);
        } catch (IOException e) {
            return Map.of();
        }
    }

    private static long number(Map<String, String> stats, String column) {
        try {
            return Long.parseLong(stats.getOrDefault(column, "0").strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ")";
        }
    }
}
