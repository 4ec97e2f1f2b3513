package io.nfsdirect.coordinator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of chunk indexes, each with a label, kept as runs of consecutive chunks that share their
 * label. A write's chunks complete nearly in order and almost always with one write verifier, so
 * the runs stay few however many chunks the write has: the ledger's memory follows the window,
 * not the file.
 */
final class ChunkRuns {

    /** Chunks {@code first..last} (inclusive), all with {@code label}. */
    record Run(int first, int last, long label) {
    }

    private final TreeMap<Integer, Run> runs = new TreeMap<>();

    boolean isEmpty() {
        return runs.isEmpty();
    }

    /** The lowest chunk in the set, or -1. */
    int first() {
        return runs.isEmpty() ? -1 : runs.firstKey();
    }

    boolean contains(int chunk) {
        return runHolding(chunk) != null;
    }

    /** Puts {@code chunk} in the set with {@code label}, in place of any label it had. */
    void add(int chunk, long label) {
        remove(chunk);
        int first = chunk;
        int last = chunk;
        Map.Entry<Integer, Run> before = runs.floorEntry(chunk - 1);
        if (chunk > 0 && before != null && before.getValue().last() == chunk - 1 && before.getValue().label() == label) {
            first = before.getKey();
            runs.remove(first);
        }
        Run after = chunk < Integer.MAX_VALUE ? runs.get(chunk + 1) : null;
        if (after != null && after.label() == label) {
            last = after.last();
            runs.remove(chunk + 1);
        }
        runs.put(first, new Run(first, last, label));
    }

    /** Takes {@code chunk} out of the set, splitting its run. */
    void remove(int chunk) {
        Run run = runHolding(chunk);
        if (run == null) {
            return;
        }
        runs.remove(run.first());
        if (run.first() < chunk) {
            runs.put(run.first(), new Run(run.first(), chunk - 1, run.label()));
        }
        if (chunk < run.last()) {
            runs.put(chunk + 1, new Run(chunk + 1, run.last(), run.label()));
        }
    }

    /** The runs, in chunk order. */
    List<Run> runs() {
        return new ArrayList<>(runs.values());
    }

    void clear() {
        runs.clear();
    }

    private Run runHolding(int chunk) {
        Map.Entry<Integer, Run> e = runs.floorEntry(chunk);
        return e != null && e.getValue().last() >= chunk ? e.getValue() : null;
    }
}
