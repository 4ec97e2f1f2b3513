package io.nfsdirect.coordinator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which worker node runs the next chunk: the one with the fewest of this request's chunks in
 * flight, ties broken round-robin, so a slow or overloaded node gets fewer chunks instead of an
 * equal share, and an idle cluster is used evenly.
 *
 * @param <N> how a node is identified (an actor ref in the request, a string in tests)
 */
public final class Placement<N> {

    private final Map<N, Integer> inFlight = new HashMap<>();
    private int cursor;

    /** Picks a node from {@code candidates}, or null when there is none. */
    public N choose(List<N> candidates) {
        if (candidates.isEmpty()) {
            return null;
        }
        int n = candidates.size();
        N best = null;
        int bestLoad = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            N node = candidates.get(Math.floorMod(cursor + i, n));
            int load = inFlight.getOrDefault(node, 0);
            if (load < bestLoad) {
                best = node;
                bestLoad = load;
            }
        }
        cursor = Math.floorMod(cursor + 1, n);
        return best;
    }

    public void started(N node) {
        inFlight.merge(node, 1, Integer::sum);
    }

    public void finished(N node) {
        inFlight.computeIfPresent(node, (k, v) -> v > 1 ? v - 1 : null);
    }

    public int inFlight(N node) {
        return inFlight.getOrDefault(node, 0);
    }
}
