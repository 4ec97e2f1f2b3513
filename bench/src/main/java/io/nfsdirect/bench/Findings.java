package io.nfsdirect.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one run measured, handed to {@link Report}. */
public final class Findings {

    String machine = "";
    String loadAtStart = "";
    String loadAtEnd = "";
    String startedAt = "";
    double totalSeconds;
    Plan plan;
    String invocation = "";
    /** Whether the core races ran (reads, writes, start-up, latency); not with --only-trees or --only-hosts. */
    boolean core = true;
    String jvm = "";

    final Map<String, Result> ganeshaReads = new LinkedHashMap<>();
    final Map<String, Result> embeddedReads = new LinkedHashMap<>();
    final Map<String, Result> writes = new LinkedHashMap<>();
    /** The tree section: copies, sums and the big files alone; its tree, described. */
    final Map<String, Result> treeCopies = new LinkedHashMap<>();
    final Map<String, Result> treeSums = new LinkedHashMap<>();
    final Map<String, Result> treeBig = new LinkedHashMap<>();
    String treeShape;
    /** The listing memory check: sum -r and cp -r of two numbers of empty files, and those numbers. */
    final Map<String, Result> treeListing = new LinkedHashMap<>();
    int[] listingFiles;
    /** The scale-out section on separate hosts ({@link HostsScale}): runs by key, its shape, why it did not run. */
    final Map<String, Result> hostRuns = new LinkedHashMap<>();
    String hostsShape;
    String hostsSkipped;
    HostsScale.Failover failover;
    /** The start-up race on the 1-byte file: {@code java -version}, the CLI, nfs-cat. */
    final Map<String, Result> startup = new LinkedHashMap<>();

    /** The CLI's phase marks (NFSDIRECT_PHASES=1) reading the 1-byte file and the big file. */
    final Startup.PhaseRuns tinyPhases = new Startup.PhaseRuns();
    final Startup.PhaseRuns bigPhases = new Startup.PhaseRuns();
    /** The launcher's untimed first run (start-up archive creation, if it makes one); null if not run. */
    Startup.WarmUp cliWarmUp;
    /** Where the classes of a 1-byte CLI read came from; null if not counted. */
    Startup.ClassLoads cliClasses;
    String cliClassesFailure;
    /** The java binary the CLI runs on, raced as {@code java -version}, and how it was found. */
    String cliJava = "";
    String cliJavaHow = "";
    /** Whether bin/nfsdirect refers to NFSDIRECT_JAR, i.e. runs the jar the benchmark hands it. */
    Boolean launcherTakesJar;

    Latency.Figures latencyRaw;
    Latency.Figures latencyActors;
    String latencyFailure;

    final Map<Sweeps.Point, Stats> grid = new LinkedHashMap<>();
    String gridFailure;
    final List<Sweeps.SizeRun> sizes = new ArrayList<>();

    final List<Profiler.Profile> profiles = new ArrayList<>();
    /** Why the whole-process CLI read or write has no JFR profile; null when it has one (or was not tried). */
    String cliProfileFailure;
    String cliWriteProfileFailure;
    /** Label to exact command line, in the order they were first run. */
    final Map<String, String> commands = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    String plotFile = "throughput.svg";

    double median(Map<String, Result> results, String key) {
        Result r = results.get(key);
        return r != null && r.ok() ? r.throughput().median() : Double.NaN;
    }
}
