package io.nfsdirect.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording (the JDK's "profile" settings, Java samples every 1 ms per thread) around one
 * run, summarized the way {@code jfr print --events jdk.ExecutionSample} would be read by hand:
 * the hottest methods by self time, our own methods by inclusive time, the busiest threads, GC
 * pauses, and which layer (Pekko, Grizzly, ...) the samples fall in. The .jfr file is kept.
 */
public final class Profiler {

    /**
     * What one recording shows. Counts are ExecutionSample events. {@code compiles} and
     * {@code compileMillis} are the JIT's totals since the JVM started (jdk.CompilerStatistics,
     * the last one recorded; -1 and NaN when none was): the whole story for a recording begun
     * at JVM start, a running total otherwise.
     */
    public record Profile(String what, Path file, int samples, Map<String, Integer> selfTop,
                          Map<String, Integer> ownInclusiveTop, Map<String, Integer> threads,
                          Map<String, Integer> layers, int gcPauses, double gcPauseMillis, long compiles,
                          double compileMillis) {
    }

    private static final int TOP = 12;

    private Profiler() {
    }

    public static Profile record(String what, Path file, Timed.Body body) throws Exception {
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            // 1 ms instead of the profile's 10-20 ms: a quick run lasts only a second or two.
            recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(1));
            recording.setToDisk(true);
            recording.start();
            body.run();
            recording.stop();
            recording.dump(file);
        }
        return summarize(what, file);
    }

    static Profile summarize(String what, Path file) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> layers = new HashMap<>();
        int samples = 0;
        int pauses = 0;
        double pauseMillis = 0;
        long compiles = -1;
        double compileMillis = Double.NaN;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            if (type.equals("jdk.ExecutionSample")) {
                samples++;
                RecordedThread t = e.getThread("sampledThread");
                threads.merge(threadGroup(t == null ? "?" : t.getJavaName()), 1, Integer::sum);
                RecordedStackTrace stack = e.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                List<RecordedFrame> frames = stack.getFrames();
                String top = name(frames.get(0).getMethod());
                self.merge(top, 1, Integer::sum);
                layers.merge(layer(top), 1, Integer::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame f : frames) {
                    String n = name(f.getMethod());
                    if (n.startsWith("io.nfsdirect.") && !n.startsWith("io.nfsdirect.bench.") && seen.add(n)) {
                        inclusive.merge(n, 1, Integer::sum);
                    }
                }
            } else if (type.equals("jdk.GarbageCollection")) {
                pauses++;
                pauseMillis += e.getDuration("sumOfPauses").toNanos() / 1e6;
            } else if (type.equals("jdk.CompilerStatistics")) {
                long n = e.getLong("compileCount");
                if (n >= compiles) {
                    compiles = n;
                    compileMillis = e.getDuration("totalTimeSpent").toNanos() / 1e6;
                }
            }
        }
        return new Profile(what, file, samples, top(self), top(inclusive), top(threads), top(layers), pauses,
                pauseMillis, compiles, compileMillis);
    }

    /** The library a sampled top frame belongs to. */
    static String layer(String method) {
        if (method.startsWith("io.nfsdirect.")) {
            return "nfs-direct";
        }
        if (method.startsWith("org.apache.pekko.") || method.startsWith("scala.")) {
            return "Pekko / Scala";
        }
        if (method.startsWith("org.glassfish.grizzly.")) {
            return "Grizzly (under oncrpc4j)";
        }
        if (method.startsWith("org.dcache.")) {
            return "oncrpc4j";
        }
        if (method.startsWith("com.typesafe.config.")) {
            return "Typesafe Config (settings)";
        }
        if (method.startsWith("picocli.")) {
            return "picocli (command line)";
        }
        if (method.startsWith("com.fasterxml.")) {
            return "Jackson";
        }
        if (method.startsWith("java.") || method.startsWith("jdk.") || method.startsWith("sun.")) {
            return "JDK (NIO, collections, concurrency)";
        }
        return "other";
    }

    /** Thread names without their numbers, so a pool shows as one line. */
    static String threadGroup(String name) {
        return name.replaceAll("\\d+", "N");
    }

    private static String name(RecordedMethod m) {
        if (m == null) {
            return "?";
        }
        // Lambdas are hidden classes named like Foo$$Lambda$511+0x00007f89743ebac8.828418123: keep Foo$$Lambda.
        return m.getType().getName().replaceAll("\\$\\$Lambda\\$.*", "\\$\\$Lambda") + "." + m.getName();
    }

    private static Map<String, Integer> top(Map<String, Integer> counts) {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(TOP)
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
