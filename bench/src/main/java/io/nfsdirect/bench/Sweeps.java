package io.nfsdirect.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.nfsdirect.protocol.api.IoOptions;

/** The parameter sweeps of the actor path: window x connections x rsize, and file size against memory. */
public final class Sweeps {

    /** One grid point. */
    public record Point(int window, int connections, int rsize) {
    }

    /** One file-size run in a child JVM with a small heap. */
    public record SizeRun(long bytes, String jvmOptions, double wallSeconds, double readSeconds, long heapPeakBytes,
                          long rssPeakKiB, long gcCount, long gcMillis, String failure) {
    }

    private Sweeps() {
    }

    /**
     * Contender 5 over the grid: one warm node per connection count (it is a node setting), then
     * every window and rsize on it, {@code reps} times each, the points in turn within a repetition.
     */
    public static Map<Point, Stats> grid(String url, long length, int[] windows, int[] connections, int[] rsizes,
                                         int reps, Meter meter) throws Exception {
        Map<Point, List<Double>> runs = new LinkedHashMap<>();
        for (int c : connections) {
            Nodes.Running node = Nodes.local(c);
            try {
                DirectReader warm = new DirectReader("warm", "warm", node.client(), node.consumer(), url, length,
                        IoOptions.DEFAULT.withRsize(1 << 20).withWindow(16), meter);
                warm.read(Math.min(length, 256L << 20));
                for (int rep = 0; rep < reps; rep++) {
                    for (int w : windows) {
                        for (int r : rsizes) {
                            DirectReader reader = new DirectReader("sweep", "sweep", node.client(), node.consumer(),
                                    url, length, IoOptions.DEFAULT.withRsize(r).withWindow(w), meter);
                            Sample s = reader.run(rep);
                            runs.computeIfAbsent(new Point(w, c, r), k -> new ArrayList<>()).add(s.mbPerSecond());
                        }
                    }
                }
            } finally {
                node.closer().close();
            }
        }
        Map<Point, Stats> out = new LinkedHashMap<>();
        runs.forEach((p, v) -> out.put(p, Stats.of(v.stream().mapToDouble(Double::doubleValue).toArray())));
        return out;
    }

    /**
     * A cold child JVM with {@code -Xmx256m} reads each length of {@code url} once; then the
     * largest once more with 4 MiB G1 regions. With a 256 MiB heap G1 picks 1 MiB regions, which
     * makes every 1 MiB chunk buffer a humongous object; the second run shows what that costs.
     */
    public static List<SizeRun> sizes(String url, long[] lengths, String heap, Meter meter) throws Exception {
        List<SizeRun> out = new ArrayList<>();
        for (long length : lengths) {
            out.add(probe(url, length, List.of("-Xmx" + heap), meter));
        }
        out.add(probe(url, lengths[lengths.length - 1], List.of("-Xmx" + heap, "-XX:G1HeapRegionSize=4m"), meter));
        return out;
    }

    private static SizeRun probe(String url, long length, List<String> options, Meter meter) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        String shown = String.join(" ", options);
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(options);
        command.addAll(List.of("-cp", classpath, SizeProbe.class.getName(), url, Long.toString(length)));
        Path stdout = Files.createTempFile("bench-probe-", ".txt");
        try {
            Sample s = Timed.child(meter, command, length, stdout.toFile(), 1800);
            String line = Files.readAllLines(stdout).stream().filter(l -> l.startsWith("probe ")).findFirst()
                    .orElseThrow(() -> new IOException("SizeProbe printed no figures"));
            Map<String, String> f = new LinkedHashMap<>();
            for (String kv : line.substring(6).split(" ")) {
                String[] p = kv.split("=", 2);
                f.put(p[0], p[1]);
            }
            return new SizeRun(length, shown, s.seconds(), Double.parseDouble(f.get("seconds")),
                    Long.parseLong(f.get("heapPeakBytes")), s.peakRssKiB(), Long.parseLong(f.get("gcCount")),
                    Long.parseLong(f.get("gcMillis")), null);
        } catch (IOException | RuntimeException e) {
            return new SizeRun(length, shown, Double.NaN, Double.NaN, 0, 0, 0, 0, e.getMessage());
        } finally {
            Files.deleteIfExists(stdout);
        }
    }
}
