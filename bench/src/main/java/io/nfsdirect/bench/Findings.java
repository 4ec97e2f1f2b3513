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
    String jvm = "";

    final Map<String, Result> ganeshaReads = new LinkedHashMap<>();
    final Map<String, Result> embeddedReads = new LinkedHashMap<>();
    final Map<String, Result> writes = new LinkedHashMap<>();

    Latency.Figures latencyRaw;
    Latency.Figures latencyActors;
    String latencyFailure;

    final Map<Sweeps.Point, Stats> grid = new LinkedHashMap<>();
    String gridFailure;
    final List<Sweeps.SizeRun> sizes = new ArrayList<>();

    final List<Profiler.Profile> profiles = new ArrayList<>();
    /** Label to exact command line, in the order they were first run. */
    final Map<String, String> commands = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    String plotFile = "throughput.svg";

    double median(Map<String, Result> results, String key) {
        Result r = results.get(key);
        return r != null && r.ok() ? r.throughput().median() : Double.NaN;
    }
}
