package io.nfsdirect.cli;

/** Reads samples out of a Prometheus text-format scrape. */
final class Metrics {

    private Metrics() {
    }

    /**
     * The sum of the samples of {@code name} whose labels contain every one of {@code labels}
     * (each as {@code key="value"}); fails when there is none, so a renamed metric cannot pass as 0.
     */
    static double value(String scrape, String name, String... labels) {
        double sum = 0;
        boolean found = false;
        for (String line : scrape.lines().toList()) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            int end = line.lastIndexOf(' ');
            String series = line.substring(0, end);
            boolean all = true;
            for (String label : labels) {
                all &= series.contains(label);
            }
            if (all) {
                sum += Double.parseDouble(line.substring(end + 1));
                found = true;
            }
        }
        if (!found) {
            throw new AssertionError("no sample of " + name + " with " + String.join(", ", labels) + " in:\n" + scrape);
        }
        return sum;
    }
}
