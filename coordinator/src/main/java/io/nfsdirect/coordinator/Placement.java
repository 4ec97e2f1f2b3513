package io.nfsdirect.coordinator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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

    /**
     * {@code node} left: it holds none of the request's chunks any more. Should it come back, it
     * starts from what is really sent to it then, not from what died with it.
     */
    public void forget(N node) {
        inFlight.remove(node);
    }

    public int inFlight(N node) {
        return inFlight.getOrDefault(node, 0);
    }

    /**
     * The candidates a request limited to {@code wanted} nodes (its {@code IoOptions.nodes()}) may
     * use: all of them when {@code wanted} is empty, else those one of whose names is wanted.
     */
    public static <N> List<N> restrict(List<N> candidates, List<String> wanted, Function<N, List<String>> namesOf) {
        if (wanted.isEmpty()) {
            return candidates;
        }
        List<N> kept = new ArrayList<>();
        for (N node : candidates) {
            for (String name : namesOf.apply(node)) {
                if (wanted.contains(name)) {
                    kept.add(node);
                    break;
                }
            }
        }
        return List.copyOf(kept);
    }

    /**
     * The names a user may give a node by: its address ({@code pekko://nfsdirect@10.0.0.5:2552}),
     * its {@code host:port}, and {@code local} for the node the request runs on.
     *
     * @param address the node's address; a node without remoting has one without a host
     * @param local   the node is the one running the request
     */
    public static List<String> namesOf(String address, boolean local) {
        List<String> names = new ArrayList<>(3);
        names.add(address);
        int at = address.indexOf('@');
        if (at >= 0) {
            names.add(address.substring(at + 1));
        }
        if (local) {
            names.add("local");
        }
        return names;
    }
}
