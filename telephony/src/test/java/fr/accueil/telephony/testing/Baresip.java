package fr.accueil.telephony.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs the real softphone baresip (Debian 1.0.0) headless as a caller, for interoperability tests:
 * dials a SIP URI, presses DTMF keys after delays, hangs up (or waits for the far end to), quits, and
 * hands back what it heard as a WAV plus its log.
 *
 * <p>Quirks of baresip 1.0.0 found while writing this (each one cost a failed run):
 * <ul>
 *   <li>The {@code stdio} module refuses a stdin that epoll cannot watch ({@code /dev/null}: "EPOLL_CTL_ADD:
 *       fd=0 Operation not permitted", module not loaded). stdin must be a pipe; it is then the control
 *       channel: a digit typed during an established call is sent as RFC 4733 ("audio: send DTMF digit"),
 *       {@code /hangup} + newline hangs up, {@code /quit} + newline quits.</li>
 *   <li>{@code ausine} (the tone used as microphone) supports only 48 kHz and 2 channels:
 *       {@code ausrc_srate 48000} and {@code ausrc_channels 2} are required, else the call closes with
 *       "Operation not supported" right after the answer.</li>
 *   <li>{@code aufile} is only an audio source in 1.0.0, there is no file player; a player is still
 *       required, and ALSA's {@code null} device ({@code audio_player alsa,null}) works without a sound card.
 *       What was heard is written by the {@code sndfile} filter: {@code dump-<time>-dec.wav} (8 kHz mono,
 *       decoded from the far end) and {@code -enc.wav} (what baresip sent).</li>
 *   <li>{@code net_interface lo} fails ("could not get IPv4 address"); {@code net_interface 127.0.0.1} works.
 *       Without it baresip advertises the first non-loopback address in its Contact and SDP.</li>
 *   <li>A BYE from the far end is logged as "session closed: Connection reset by peer", then "terminated".</li>
 * </ul>
 *
 * <p>Not thread-safe: one test thread runs it. The process is always killed at the end of {@link #run()}.
 */
public final class Baresip {

    /** One key press: wait {@code delay} after the previous step, then press {@code digit}. */
    public record KeyPress(Duration delay, char digit) {
    }

    private final String uri;
    private final double toneHz;
    private final List<KeyPress> keys;
    private final Optional<Duration> hangupAfter;
    private final Duration maxDuration;
    private final Path dir;

    private Baresip(String uri, double toneHz, List<KeyPress> keys, Optional<Duration> hangupAfter,
                    Duration maxDuration, Path dir) {
        this.uri = uri;
        this.toneHz = toneHz;
        this.keys = List.copyOf(keys);
        this.hangupAfter = hangupAfter;
        this.maxDuration = maxDuration;
        this.dir = dir;
    }

    /** A caller that dials {@code sip:user@host:port}. */
    public static Builder dial(String sipUri) {
        return new Builder(sipUri);
    }

    public static final class Builder {
        private final String uri;
        private double toneHz = 440;
        private final List<KeyPress> keys = new ArrayList<>();
        private Duration hangupAfter;
        private Duration maxDuration = Duration.ofSeconds(30);
        private Path dir;

        private Builder(String uri) {
            this.uri = uri;
        }

        /** Frequency of the tone baresip sends as its microphone. */
        public Builder tone(double hz) {
            this.toneHz = hz;
            return this;
        }

        /** Presses {@code digit} {@code delay} after the previous step (the answer, or the previous key). */
        public Builder press(Duration delay, char digit) {
            keys.add(new KeyPress(delay, digit));
            return this;
        }

        /** Hangs up this long after the last key; without it, baresip waits for the far end's BYE. */
        public Builder hangUpAfter(Duration delay) {
            this.hangupAfter = delay;
            return this;
        }

        /** Safety bound: baresip's {@code -t} and the time after which it is killed. */
        public Builder maxDuration(Duration bound) {
            this.maxDuration = bound;
            return this;
        }

        public Builder workDir(Path d) {
            this.dir = d;
            return this;
        }

        public Baresip build() {
            Path d = dir;
            try {
                d = d != null ? Files.createDirectories(d) : Files.createTempDirectory("baresip-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Baresip(uri, toneHz, keys, Optional.ofNullable(hangupAfter), maxDuration, d);
        }

        public Result run() {
            return build().run();
        }
    }

    /**
     * What happened.
     *
     * @param established  baresip logged "Call established"
     * @param remoteHangup the far end ended the call (BYE received)
     * @param digitsSent   digits baresip logged as sent
     * @param heard        the decoded audio it received (empty if no dump was written)
     * @param log          baresip's console output
     */
    public record Result(boolean established, boolean remoteHangup, String digitsSent, WavAnalysis.Pcm heard,
                         Optional<Path> heardWav, String log, Path workDir, OptionalExit exit) {

        public String logTail(int lines) {
            return ToolProcess.tail(log, lines);
        }

        @Override
        public String toString() {
            return "baresip: established=" + established + ", remoteHangup=" + remoteHangup + ", digitsSent=" + digitsSent
                    + ", heard " + heard.durationSeconds() + " s rms " + Math.round(heard.rms()) + ", " + exit
                    + "\n--- log tail\n" + logTail(25);
        }
    }

    /** baresip's exit code, or killed. */
    public record OptionalExit(boolean killed, int code) {
    }

    /**
     * Writes baresip's minimal headless configuration into {@code dir} (config, accounts, contacts) with
     * the settings the quirks above require: {@code toneHz} as its microphone, recordings of what it hears
     * in {@code dir}, and {@code account} as its only account line. Public for tests that run baresip
     * otherwise than as {@link #dial a caller}, such as a registered phone that answers by itself.
     */
    public static void writeConfig(Path dir, double toneHz, String account) throws IOException {
        // Modules from Debian's baresip-core.
        String config = String.join("\n",
                "poll_method\t\tepoll",
                "sip_listen\t\t127.0.0.1:0",
                "net_interface\t\t127.0.0.1",
                "audio_player\t\talsa,null",
                "audio_alert\t\talsa,null",
                "audio_source\t\tausine," + (int) toneHz,
                "ausrc_srate\t\t48000",
                "ausrc_channels\t\t2",
                "auplay_srate\t\t48000",
                "rtp_timeout\t\t0",
                "module_path\t\t/usr/lib/baresip/modules",
                "module\t\t\tstdio.so",
                "module\t\t\tg711.so",
                "module\t\t\tausine.so",
                "module\t\t\talsa.so",
                "module\t\t\tsndfile.so",
                "module_app\t\taccount.so",
                "module_app\t\tmenu.so",
                "snd_path\t\t" + dir.toAbsolutePath(),
                "");
        Files.writeString(dir.resolve("config"), config);
        Files.writeString(dir.resolve("accounts"), account + "\n");
        Files.writeString(dir.resolve("contacts"), "");
    }

    /** The recording of what baresip heard in {@code dir} (the sndfile filter's decoded dump), if any. */
    public static Optional<Path> heardWav(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-dec.wav")).sorted().findFirst();
        }
    }

    public Result run() {
        try {
            // A local account that never registers (regint=0).
            writeConfig(dir, toneHz, "<sip:test@127.0.0.1>;regint=0");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long seconds = Math.max(1, maxDuration.toSeconds());
        List<String> cmd = List.of("baresip", "-f", dir.toAbsolutePath().toString(), "-t", Long.toString(seconds),
                "-e", "/dial " + uri);
        Path log = dir.resolve("baresip.log");
        Process process;
        try {
            process = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start(); // stdin stays a pipe: see the class comment
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start baresip", e);
        }
        long deadline = System.nanoTime() + maxDuration.plusSeconds(5).toNanos();
        OptionalExit exit;
        try (OutputStream stdin = process.getOutputStream()) {
            if (awaitLog(log, "Call established", deadline)) {
                for (KeyPress key : keys) {
                    sleep(key.delay());
                    type(stdin, String.valueOf(key.digit()));
                    awaitLog(log, "send DTMF digit end: '" + key.digit() + "'", Math.min(deadline, System.nanoTime() + 5_000_000_000L));
                }
                if (hangupAfter.isPresent()) {
                    sleep(hangupAfter.get());
                    type(stdin, "/hangup\n");
                }
                awaitLog(log, "terminated", deadline);
            }
            type(stdin, "/quit\n");
            exit = awaitExit(process, deadline);
        } catch (IOException e) {
            exit = awaitExit(process, deadline); // stdin closed because baresip already quit
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        return result(read(log), exit);
    }

    private Result result(String logText, OptionalExit exit) {
        StringBuilder digits = new StringBuilder();
        String marker = "send DTMF digit end: '";
        for (int i = logText.indexOf(marker); i >= 0; i = logText.indexOf(marker, i + 1)) {
            digits.append(logText.charAt(i + marker.length()));
        }
        Optional<Path> wav;
        try {
            wav = heardWav(dir);
        } catch (IOException e) {
            wav = Optional.empty();
        }
        WavAnalysis.Pcm heard = wav.map(WavAnalysis::read).orElse(new WavAnalysis.Pcm(8000, new short[0]));
        return new Result(logText.contains("Call established"), logText.contains("Connection reset by peer"),
                digits.toString(), heard, wav, logText, dir, exit);
    }

    private static void type(OutputStream stdin, String text) throws IOException {
        stdin.write(text.getBytes(StandardCharsets.US_ASCII));
        stdin.flush();
    }

    private static boolean awaitLog(Path log, String text, long deadlineNanos) {
        while (System.nanoTime() < deadlineNanos) {
            if (read(log).contains(text)) {
                return true;
            }
            sleep(Duration.ofMillis(50));
        }
        return read(log).contains(text);
    }

    private static OptionalExit awaitExit(Process process, long deadlineNanos) {
        try {
            long left = Math.max(0, deadlineNanos - System.nanoTime());
            if (process.waitFor(left, java.util.concurrent.TimeUnit.NANOSECONDS)) {
                return new OptionalExit(false, process.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new OptionalExit(true, -1);
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
