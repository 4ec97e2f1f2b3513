package io.nfsdirect.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the whole-process runs of the CLI say about its start-up: the phase marks it prints with
 * {@code NFSDIRECT_PHASES=1} (lines {@code nfsdirect-phase NAME MS}, milliseconds since JVM
 * start), the classes it loads and where from, and the launcher's untimed first run.
 */
final class Startup {

    static final String PHASE_ENV = "NFSDIRECT_PHASES";
    private static final Pattern PHASE = Pattern.compile("^nfsdirect-phase\\s+(\\S+)\\s+(\\d+(?:\\.\\d+)?)\\s*$");

    private Startup() {
    }

    /** One phase mark as printed. */
    record Mark(String name, double ms) {
    }

    /**
     * The phase marks in {@code stderr}, in the order printed. A name printed again in the same
     * run is kept apart as {@code name#2}, {@code name#3}, ... so that no mark is lost.
     */
    static List<Mark> parse(String stderr) {
        List<Mark> marks = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        if (stderr == null) {
            return marks;
        }
        for (String line : stderr.split("\\R")) {
            Matcher m = PHASE.matcher(line.strip());
            if (m.matches()) {
                int n = seen.merge(m.group(1), 1, Integer::sum);
                marks.add(new Mark(n == 1 ? m.group(1) : m.group(1) + "#" + n, Double.parseDouble(m.group(2))));
            }
        }
        return marks;
    }

    /** One row of the phase table: median ms since JVM start over the runs that printed it. */
    record Row(String name, double medianMs, int runs) {
    }

    /** The phase marks of several runs of one command, with each run's wall time. */
    static final class PhaseRuns {
        private final List<List<Mark>> runs = new ArrayList<>();
        private final List<Double> wallSeconds = new ArrayList<>();
        private String failure;

        synchronized void fail(String why) {
            if (failure == null) {
                failure = why;
            }
        }

        synchronized String failure() {
            return failure;
        }

        synchronized void add(List<Mark> marks, double wall) {
            runs.add(List.copyOf(marks));
            wallSeconds.add(wall);
        }

        synchronized int count() {
            return runs.size();
        }

        /** True when at least one run printed a phase mark. */
        synchronized boolean marked() {
            return runs.stream().anyMatch(r -> !r.isEmpty());
        }

        /**
         * The phases in the order printed (a phase only some runs printed comes after the one
         * it followed where it first appeared), each with its median over the runs that printed it.
         */
        synchronized List<Row> rows() {
            List<String> order = new ArrayList<>();
            Map<String, List<Double>> values = new LinkedHashMap<>();
            for (List<Mark> run : runs) {
                String previous = null;
                for (Mark m : run) {
                    if (!values.containsKey(m.name())) {
                        int at = previous == null ? 0 : order.indexOf(previous) + 1;
                        order.add(at, m.name());
                        values.put(m.name(), new ArrayList<>());
                    }
                    values.get(m.name()).add(m.ms());
                    previous = m.name();
                }
            }
            List<Row> rows = new ArrayList<>();
            for (String name : order) {
                List<Double> v = values.get(name);
                rows.add(new Row(name, Stats.of(v.stream().mapToDouble(Double::doubleValue).toArray()).median(),
                        v.size()));
            }
            return rows;
        }

        /** Median wall time of the runs, fork to exit, in ms; NaN without runs. */
        synchronized double medianWallMs() {
            return wallSeconds.isEmpty() ? Double.NaN
                    : Stats.of(wallSeconds.stream().mapToDouble(d -> d * 1000).toArray()).median();
        }
    }

    /** The launcher's first, untimed run; {@code failure} is null when it exited with status 0. */
    record WarmUp(String command, double seconds, double cpuSeconds, List<String> newFiles, String failure) {
    }

    /**
     * Where the classes of one run came from, counted from {@code -Xlog:class+load} lines, and the
     * classes parsed from jars by their top-level package ({@code picocli}, {@code io.nfsdirect}).
     */
    record ClassLoads(int total, int fromArchive, int fromJrt, int fromJars, int other,
                      Map<String, Integer> jarsByPackage) {

        static ClassLoads count(List<String> logLines) {
            int total = 0;
            int archive = 0;
            int jrt = 0;
            int jars = 0;
            Map<String, Integer> byPackage = new TreeMap<>();
            for (String line : logLines) {
                int at = line.indexOf(" source: ");
                if (at < 0) {
                    continue;
                }
                total++;
                String source = line.substring(at + 9);
                if (source.startsWith("shared objects file")) {
                    archive++;
                } else if (source.startsWith("jrt:/")) {
                    jrt++;
                } else if (source.startsWith("file:") || source.startsWith("jar:") || source.endsWith(".jar")) {
                    jars++;
                    String name = line.substring(0, at);
                    byPackage.merge(topPackage(name.substring(name.lastIndexOf(' ') + 1)), 1, Integer::sum);
                }
            }
            return new ClassLoads(total, archive, jrt, jars, total - archive - jrt - jars, byPackage);
        }

        /** {@code picocli} for picocli.CommandLine, {@code io.nfsdirect} for io.nfsdirect.cli.Main. */
        static String topPackage(String className) {
            String[] parts = className.split("\\.");
            boolean reversedDomain = parts.length > 2 && List.of("io", "org", "com", "ch", "net").contains(parts[0]);
            return reversedDomain ? parts[0] + "." + parts[1] : parts[0];
        }

        /** The packages with the most classes parsed from jars, largest first: {@code picocli 175, io.nfsdirect 4}. */
        String largestJarPackages(int n) {
            return jarsByPackage.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(n)
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(java.util.stream.Collectors.joining(", "));
        }
    }

    /** The {@code java.home} property in {@code -XshowSettings:properties} output, or null. */
    static String javaHome(String stderr) {
        if (stderr == null) {
            return null;
        }
        for (String line : stderr.split("\\R")) {
            String t = line.strip();
            if (t.startsWith("java.home = ")) {
                return t.substring("java.home = ".length()).strip();
            }
        }
        return null;
    }
}
