package io.nfsdirect.cli;

import io.nfsdirect.protocol.api.IoCounters;
import io.nfsdirect.protocol.api.NodeStats;
import io.nfsdirect.worker.Nfs3ClientStats;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code --stats} output, like {@code /proc/self/mountstats}: plain text for people, on stderr. */
final class StatsFormat {

    private StatsFormat() {
    }

    static String format(NodeStats s) {
        StringBuilder out = new StringBuilder();
        out.append("nfs-direct node ").append(s.node()).append(" (").append(String.join(", ", s.roles())).append(")\n");
        line(out, "direct bytes read", s.directBytesRead() + " (" + Sizes.format(s.directBytesRead()) + ")");
        line(out, "direct bytes written", s.directBytesWritten() + " (" + Sizes.format(s.directBytesWritten()) + ")");
        line(out, "ops", ops(s.ops()));
        line(out, "retransmits", String.valueOf(s.retransmits()));
        line(out, "timeouts", String.valueOf(s.timeouts()));
        line(out, "short reads", String.valueOf(s.shortReads()));
        line(out, "short writes", String.valueOf(s.shortWrites()));
        line(out, "verifier mismatches", String.valueOf(s.verifierMismatches()));
        line(out, "chunks served", s.chunksServed() + " (" + Sizes.format(s.bytesServed()) + "), "
                + s.inFlightChunks() + " in flight");
        line(out, "RPC latency", latency(s.latency()));
        return out.toString();
    }

    /**
     * One request's costs, from its completion, on one line that scripts can read:
     * {@code <op> request: N chunks, N rpcs, N retransmits, N short i/o, N verifier mismatches, N redispatched}.
     */
    static String counters(Transfers.Outcome o) {
        IoCounters c = o.counters();
        return String.format(Locale.ROOT, "%s request: %d chunks, %d rpcs, %d retransmits, %d short i/o, "
                        + "%d verifier mismatches, %d redispatched, %d bytes%n", o.op(), c.chunks(), c.rpcs(),
                c.retransmits(), c.shortIo(), c.verifierMismatches(), c.redispatched(), o.bytes());
    }

    static String format(String server, Nfs3ClientStats s) {
        StringBuilder out = new StringBuilder();
        out.append("NFS client for ").append(server).append('\n');
        StringBuilder ops = new StringBuilder();
        s.procedures().forEach((procedure, p) -> {
            if (p.ops() > 0) {
                ops.append(ops.length() == 0 ? "" : "  ").append(procedure).append(' ').append(p.ops());
            }
        });
        line(out, "ops", ops.length() == 0 ? "none" : ops.toString());
        line(out, "retransmits", String.valueOf(s.retransmits()));
        line(out, "timeouts", String.valueOf(s.timeouts()));
        line(out, "errors", String.valueOf(s.errors()));
        return out.toString();
    }

    private static String ops(Map<String, Long> ops) {
        StringBuilder text = new StringBuilder();
        ops.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                text.append(text.length() == 0 ? "" : "  ").append(e.getKey()).append(' ').append(e.getValue()));
        return text.length() == 0 ? "none" : text.toString();
    }

    /** Non-empty buckets only, as "<=250us 12": the bound is inclusive, the last bucket open. */
    private static String latency(List<Long> buckets) {
        StringBuilder text = new StringBuilder();
        List<Long> bounds = NodeStats.LATENCY_BOUNDS_MICROS;
        for (int i = 0; i < buckets.size() && i < bounds.size(); i++) {
            if (buckets.get(i) == 0) {
                continue;
            }
            String bound = bounds.get(i) == Long.MAX_VALUE ? ">" + micros(bounds.get(i - 1)) : "<=" + micros(bounds.get(i));
            text.append(text.length() == 0 ? "" : "  ").append(bound).append(' ').append(buckets.get(i));
        }
        return text.length() == 0 ? "no RPCs" : text.toString();
    }

    private static String micros(long us) {
        if (us >= 1_000_000 && us % 1_000_000 == 0) {
            return us / 1_000_000 + "s";
        }
        if (us >= 1_000 && us % 1_000 == 0) {
            return us / 1_000 + "ms";
        }
        return us + "us";
    }

    private static void line(StringBuilder out, String name, String value) {
        out.append(String.format("  %-21s %s%n", name, value));
    }
}
