package io.nfsdirect.bench;

import java.util.ArrayList;
import java.util.List;

/** Every repetition of one contender, or why it has none. */
public final class Result {

    private final String key;
    private final String label;
    private final List<Sample> samples = new ArrayList<>();
    private String failure;
    private String note = "";

    public Result(String key, String label) {
        this.key = key;
        this.label = label;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public synchronized void add(Sample s) {
        samples.add(s);
    }

    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    public synchronized void fail(String why) {
        if (failure == null) {
            failure = why;
        }
    }

    public synchronized String failure() {
        return failure;
    }

    public synchronized void note(String text) {
        note = text;
    }

    public synchronized String note() {
        return note;
    }

    public synchronized boolean ok() {
        return failure == null && !samples.isEmpty();
    }

    public Stats throughput() {
        return Stats.of(samples().stream().mapToDouble(Sample::mbPerSecond).toArray());
    }

    public double medianCpuPerGiB() {
        double[] v = samples().stream().mapToDouble(Sample::cpuPerGiB).filter(d -> !Double.isNaN(d)).toArray();
        return v.length == 0 ? Double.NaN : Stats.of(v).median();
    }

    public double medianServerCpuPerGiB() {
        double[] v = samples().stream().mapToDouble(Sample::serverCpuPerGiB).filter(d -> !Double.isNaN(d)).toArray();
        return v.length == 0 ? Double.NaN : Stats.of(v).median();
    }

    public double medianSysShare() {
        double[] v = samples().stream().mapToDouble(Sample::sysShare).filter(d -> !Double.isNaN(d)).toArray();
        return v.length == 0 ? Double.NaN : Stats.of(v).median();
    }

    public double medianAllocatedPerByte() {
        double[] v = samples().stream().mapToDouble(Sample::allocatedPerByte).filter(d -> !Double.isNaN(d)).toArray();
        return v.length == 0 ? Double.NaN : Stats.of(v).median();
    }

    /** Median wall seconds of the repetitions; NaN without any. */
    public double medianSeconds() {
        double[] v = samples().stream().mapToDouble(Sample::seconds).toArray();
        return v.length == 0 ? Double.NaN : Stats.of(v).median();
    }

    /** Median client CPU seconds (user + system) of the repetitions; NaN when unknown. */
    public double medianCpuSeconds() {
        double[] v = samples().stream().mapToDouble(Sample::cpuSeconds).filter(d -> !Double.isNaN(d)).toArray();
        return v.length == 0 ? Double.NaN : Stats.of(v).median();
    }

    public long maxRssKiB() {
        return samples().stream().mapToLong(Sample::peakRssKiB).max().orElse(0);
    }
}
