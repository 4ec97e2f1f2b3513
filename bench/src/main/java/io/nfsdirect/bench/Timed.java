package io.nfsdirect.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Times a run: in this JVM, or as a child process under /usr/bin/time. */
public final class Timed {

    /** Something run in this JVM that reports how many bytes it moved. */
    @FunctionalInterface
    public interface Body {
        long run() throws Exception;
    }

    private static final String TIME = "/usr/bin/time";

    private Timed() {
    }

    /** Runs {@code body} here, charging it this JVM's CPU and (reset) peak RSS. */
    public static Sample inProcess(Meter meter, Body body) throws Exception {
        Meter.resetPeakRss();
        double server0 = meter.serverCpuSeconds();
        double cpu0 = Meter.jvmCpuSeconds();
        double sys0 = Meter.jvmSysSeconds();
        long alloc0 = Meter.allocatedBytes();
        long t0 = System.nanoTime();
        long bytes = body.run();
        long t1 = System.nanoTime();
        long alloc1 = Meter.allocatedBytes();
        double cpu1 = Meter.jvmCpuSeconds();
        double sys1 = Meter.jvmSysSeconds();
        double server1 = meter.serverCpuSeconds();
        return new Sample(bytes, (t1 - t0) / 1e9, cpu1 - cpu0, sys1 - sys0, server1 - server0, Meter.peakRssKiB(),
                alloc0 < 0 || alloc1 < 0 ? -1 : Math.max(0, alloc1 - alloc0));
    }

    /** True when GNU time is there to report a child's CPU and peak RSS. */
    public static boolean haveGnuTime() {
        return Files.isExecutable(Path.of(TIME));
    }

    /**
     * Runs {@code command} with stdin and stdout on /dev/null (stdout to {@code stdout} when
     * given), and returns the wall time measured here with GNU time's user+sys and maximum RSS.
     *
     * @throws IOException when it exits non-zero, with the tail of its stderr
     */
    public static Sample child(Meter meter, List<String> command, long bytes, File stdout, long timeoutSeconds)
            throws IOException, InterruptedException {
        return child(meter, command, Map.of(), bytes, stdout, timeoutSeconds, null);
    }

    /**
     * As {@link #child(Meter, List, long, File, long)}, with {@code env} added to the environment
     * the child inherits, and its whole stderr handed to {@code stderr} (when given) once it has
     * exited with status 0.
     */
    public static Sample child(Meter meter, List<String> command, Map<String, String> env, long bytes, File stdout,
                               long timeoutSeconds, Consumer<String> stderr)
            throws IOException, InterruptedException {
        Path times = Files.createTempFile("bench-time-", ".txt");
        Path err = Files.createTempFile("bench-err-", ".txt");
        try {
            List<String> full = new ArrayList<>();
            boolean gnu = haveGnuTime();
            if (gnu) {
                full.addAll(List.of(TIME, "-f", "%U %S %M", "-o", times.toString()));
            }
            full.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(full)
                    .redirectInput(new File("/dev/null"))
                    .redirectOutput(stdout == null ? new File("/dev/null") : stdout)
                    .redirectError(err.toFile());
            pb.environment().putAll(env);
            double server0 = meter.serverCpuSeconds();
            long t0 = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new IOException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            long t1 = System.nanoTime();
            double server1 = meter.serverCpuSeconds();
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ": "
                        + tail(Files.readString(err, StandardCharsets.UTF_8)));
            }
            if (stderr != null) {
                stderr.accept(Files.readString(err, StandardCharsets.UTF_8));
            }
            double cpu = Double.NaN;
            double sys = Double.NaN;
            long rss = 0;
            if (gnu) {
                // GNU time may print "Command exited with non-zero status" first; the figures are the last line.
                List<String> lines = Files.readAllLines(times);
                String[] f = lines.get(lines.size() - 1).trim().split("\\s+");
                sys = Double.parseDouble(f[1]);
                cpu = Double.parseDouble(f[0]) + sys;
                rss = Long.parseLong(f[2]);
            }
            return new Sample(bytes, (t1 - t0) / 1e9, cpu, sys, server1 - server0, rss, -1);
        } finally {
            Files.deleteIfExists(times);
            Files.deleteIfExists(err);
        }
    }

    /** The command as one line a POSIX shell runs as is: arguments with special characters single-quoted. */
    public static String shellLine(List<String> command) {
        StringBuilder s = new StringBuilder();
        for (String arg : command) {
            if (s.length() > 0) {
                s.append(' ');
            }
            s.append(arg.matches("[A-Za-z0-9_./:=@%+,-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return s.toString();
    }

    /** The command as one shell line with the environment it adds in front: {@code K=V ... command}. */
    public static String shellLine(Map<String, String> env, List<String> command) {
        StringBuilder s = new StringBuilder();
        env.forEach((k, v) -> s.append(k).append('=').append(shellLine(List.of(v))).append(' '));
        return s.append(shellLine(command)).toString();
    }

    static String tail(String text) {
        String s = text.strip();
        return s.length() <= 600 ? s : "..." + s.substring(s.length() - 600);
    }
}
