package io.nfsdirect.bench;

import java.util.Arrays;

/** Order statistics of a handful of repetitions or of many latency samples. */
public final class Stats {

    private final double[] sorted;

    private Stats(double[] sorted) {
        this.sorted = sorted;
    }

    public static Stats of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] copy = values.clone();
        Arrays.sort(copy);
        return new Stats(copy);
    }

    public static Stats ofLongs(long[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return of(d);
    }

    public int count() {
        return sorted.length;
    }

    public double min() {
        return sorted[0];
    }

    public double max() {
        return sorted[sorted.length - 1];
    }

    public double median() {
        return percentile(50);
    }

    /**
     * The p-th percentile with linear interpolation between closest ranks (the "R-7" rule that
     * spreadsheets use), so a median of an even count is the mean of the middle two.
     */
    public double percentile(double p) {
        if (p < 0 || p > 100) {
            throw new IllegalArgumentException("percentile out of range: " + p);
        }
        double rank = p / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}
