package io.nfsdirect.worker;

import java.util.Map;

/**
 * A point-in-time copy of a client's counters, like one line group of
 * {@code /proc/self/mountstats}. Counters only grow over a client's lifetime.
 *
 * @param procedures per procedure name (e.g. {@code READ}), only those called at least once
 * @param inFlight   calls sent and not yet answered at the time of the snapshot
 */
public record Nfs3ClientStats(Map<String, ProcedureStats> procedures, long inFlight) {

    /**
     * @param ops         calls issued
     * @param retransmits transmissions after the first one
     * @param timeouts    calls that failed with ETIMEDOUT after all retransmissions
     * @param errors      calls that failed for any reason (including timeouts); a non-OK NFS
     *                    status is a reply, not an error
     * @param latencyNanos summed latency of every finished call
     */
    public record ProcedureStats(long ops, long retransmits, long timeouts, long errors, long latencyNanos) {
    }

    public Nfs3ClientStats {
        procedures = Map.copyOf(procedures);
    }

    public long ops() {
        return procedures.values().stream().mapToLong(ProcedureStats::ops).sum();
    }

    public long ops(String procedure) {
        ProcedureStats s = procedures.get(procedure);
        return s == null ? 0 : s.ops();
    }

    public long retransmits() {
        return procedures.values().stream().mapToLong(ProcedureStats::retransmits).sum();
    }

    public long timeouts() {
        return procedures.values().stream().mapToLong(ProcedureStats::timeouts).sum();
    }

    public long errors() {
        return procedures.values().stream().mapToLong(ProcedureStats::errors).sum();
    }
}
