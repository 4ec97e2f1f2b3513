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
        return median(Sample::cpuPerGiB);
    }

    public double medianServerCpuPerGiB() {
        return median(Sample::serverCpuPerGiB);
    }

    /** The server's CPU per GiB over the repetitions that measured it; null when none did. */
    public Stats serverCpuPerGiB() {
        double[] v = samples().stream().mapToDouble(Sample::serverCpuPerGiB).filter(d -> !Double.isNaN(d)).toArray();
        return v.length == 0 ? null : Stats.of(v);
    }

    public double medianSysShare() {
        return median(Sample::sysShare);
    }

    public double medianAllocatedPerByte() {
        return median(Sample::allocatedPerByte);
    }

    /** Median wall seconds of the repetitions; NaN without any. */
    public double medianSeconds() {
        return median(Sample::seconds);
    }

    /** The median of one figure over the repetitions that have it; NaN when none has. */
    private double median(java.util.function.ToDoubleFunction<Sample> figure) {
        double[] v = samples().stream().mapToDouble(figure).filter(d -> !Double.isNaN(d)).toArray();
        return v.length == 0 ? Double.NaN : Stats.of(v).median();
    }

    /** Median client CPU seconds (user + system) of the repetitions; NaN when unknown. */
    public double medianCpuSeconds() {
        return median(Sample::cpuSeconds);
    }

    public long maxRssKiB() {
        return samples().stream().mapToLong(Sample::peakRssKiB).max().orElse(0);
    }
}
