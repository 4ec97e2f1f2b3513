package io.nfsdirect.cli;

import io.nfsdirect.protocol.api.NodeStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Which node served how many chunks: a table on stderr, one row per worker node, made from
 * snapshots of the nodes' counters ({@link NodeStats#chunksServed()}, {@link NodeStats#bytesServed()})
 * taken between the steps of a command. The counters are per node since it started, and shared by
 * every request the node runs, so a row shows the differences between snapshots: what the node
 * served during each step, other clients' requests at the same time included.
 *
 * <p>One line per node, columns separated by spaces, roles joined by commas, so that scripts can
 * read it: {@code node roles <chunks per step...> [chunks] bytes in-flight}. A node missing from
 * the last snapshot (it died, left, or did not answer) shows {@code -} and {@code unreachable},
 * and a note under the totals says what they leave out because of it.
 */
final class ServedTable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration SETTLE_MAX = Duration.ofSeconds(3);

    private ServedTable() {
    }

    static Map<String, NodeStats> byNode(List<NodeStats> stats) {
        Map<String, NodeStats> map = new LinkedHashMap<>();
        for (NodeStats s : stats) {
            map.put(s.node(), s);
        }
        return map;
    }

    /**
     * The nodes' counters once they stop changing: a worker counts a chunk just after it reports
     * it, so right after a completion the last chunks may not be counted yet. Polls until two
     * snapshots in a row agree with nothing in flight (or agree for a second), for at most 3 s.
     */
    static List<NodeStats> settle(Supplier<List<NodeStats>> stats) {
        long start = System.nanoTime();
        List<NodeStats> last = stats.get();
        while (System.nanoTime() - start < SETTLE_MAX.toNanos()) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
            List<NodeStats> now = stats.get();
            boolean same = key(now).equals(key(last));
            boolean idle = now.stream().allMatch(s -> s.inFlightChunks() == 0);
            last = now;
            if (same && (idle || System.nanoTime() - start > Duration.ofSeconds(1).toNanos())) {
                break;
            }
        }
        return last;
    }

    private static List<String> key(List<NodeStats> stats) {
        List<String> key = new ArrayList<>();
        for (NodeStats s : stats) {
            key.add(s.node() + " " + s.chunksServed() + " " + s.bytesServed() + " " + s.inFlightChunks());
        }
        return key;
    }

    /**
     * The table for {@code steps.size() + 1} snapshots: one column of chunks per step (the
     * difference between snapshot i and i + 1), then the total chunks when there are several
     * steps, the total bytes, and the chunks in flight at the last snapshot.
     */
    static String format(String title, List<String> steps, List<Map<String, NodeStats>> snapshots) {
        if (snapshots.size() != steps.size() + 1) {
            throw new IllegalArgumentException(steps.size() + " steps need " + (steps.size() + 1) + " snapshots");
        }
        TreeSet<String> nodes = new TreeSet<>();
        snapshots.forEach(s -> nodes.addAll(s.keySet()));
        Map<String, NodeStats> last = snapshots.get(snapshots.size() - 1);
        int width = Math.max(4, nodes.stream().mapToInt(String::length).max().orElse(4));
        int rolesWidth = Math.max(5, nodes.stream().mapToInt(n -> roles(snapshots, n).length()).max().orElse(5));

        StringBuilder out = new StringBuilder(title).append(":\n");
        List<String> header = new ArrayList<>(steps);
        if (steps.size() > 1) {
            header.add("chunks");
        }
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-" + width + "s  %-" + rolesWidth + "s",
                "node", "roles"));
        header.forEach(h -> head.append(String.format(Locale.ROOT, " %8s", h)));
        head.append(String.format(Locale.ROOT, " %14s %-12s %9s", "bytes", "", "in-flight"));
        out.append(head.toString().stripTrailing()).append('\n');

        long[] columnTotals = new long[header.size()];
        long totalBytes = 0;
        for (String node : nodes) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-" + width + "s  %-" + rolesWidth + "s",
                    node, roles(snapshots, node)));
            long chunks = 0;
            boolean known = true;
            for (int i = 0; i < steps.size(); i++) {
                NodeStats from = snapshots.get(i).get(node);
                NodeStats to = snapshots.get(i + 1).get(node);
                if (to == null) {
                    known = false;
                    row.append(String.format(Locale.ROOT, " %8s", "-"));
                    continue;
                }
                long served = to.chunksServed() - (from == null ? 0 : from.chunksServed());
                chunks += served;
                columnTotals[i] += served;
                row.append(String.format(Locale.ROOT, " %8d", served));
            }
            if (steps.size() > 1) {
                row.append(String.format(Locale.ROOT, " %8s", known ? String.valueOf(chunks) : "-"));
                // what a node served before it stopped answering is known, and counted
                columnTotals[steps.size()] += chunks;
            }
            NodeStats end = last.get(node);
            if (end == null) {
                row.append(String.format(Locale.ROOT, " %14s %-12s %9s", "-", "", "unreachable"));
            } else {
                NodeStats first = snapshots.get(0).get(node);
                long bytes = end.bytesServed() - (first == null ? 0 : first.bytesServed());
                totalBytes += bytes;
                row.append(String.format(Locale.ROOT, " %14d %-12s %9d", bytes, "(" + Sizes.format(bytes) + ")",
                        end.inFlightChunks()));
            }
            out.append(row.toString().stripTrailing()).append('\n');
        }
        StringBuilder total = new StringBuilder(String.format(Locale.ROOT, "  %-" + width + "s  %-" + rolesWidth + "s",
                "total", ""));
        for (long t : columnTotals) {
            total.append(String.format(Locale.ROOT, " %8d", t));
        }
        total.append(String.format(Locale.ROOT, " %14d %-12s", totalBytes, "(" + Sizes.format(totalBytes) + ")"));
        out.append(total.toString().stripTrailing()).append('\n');
        for (String node : nodes) {
            if (last.get(node) == null) {
                out.append(unreachableNote(node, steps.size(), snapshots)).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * What the totals leave out when a node stopped answering: what it served after its last
     * answer. Its lost chunks were sent again to other nodes, and are counted in their rows.
     */
    private static String unreachableNote(String node, int steps, List<Map<String, NodeStats>> snapshots) {
        long seen = 0;
        for (int i = 0; i < steps; i++) {
            NodeStats from = snapshots.get(i).get(node);
            NodeStats to = snapshots.get(i + 1).get(node);
            if (to != null) {
                seen += to.chunksServed() - (from == null ? 0 : from.chunksServed());
            }
        }
        return "  note: " + node + " stopped answering"
                + (seen > 0 ? ": the " + seen + " chunks it served before are counted, what it served after is not known"
                        : ": what it served is not known")
                + "; the chunks lost with it were sent to other nodes and are counted in their rows";
    }

    private static String roles(List<Map<String, NodeStats>> snapshots, String node) {
        for (int i = snapshots.size() - 1; i >= 0; i--) {
            NodeStats s = snapshots.get(i).get(node);
            if (s != null) {
                return s.roles().isEmpty() ? "-" : String.join(",", s.roles());
            }
        }
        return "-";
    }
}
