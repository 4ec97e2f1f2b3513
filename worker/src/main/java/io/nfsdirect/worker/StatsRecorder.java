package io.nfsdirect.worker;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link Nfs3ClientStats}; updated from any thread without locks. */
final class StatsRecorder {

    private static final class Counters {
        final LongAdder ops = new LongAdder();
        final LongAdder retransmits = new LongAdder();
        final LongAdder timeouts = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder latencyNanos = new LongAdder();
    }

    private final ConcurrentHashMap<String, Counters> byProcedure = new ConcurrentHashMap<>();
    private final LongAdder inFlight = new LongAdder();

    private Counters of(String procedure) {
        return byProcedure.computeIfAbsent(procedure, p -> new Counters());
    }

    void issued(String procedure) {
        of(procedure).ops.increment();
        inFlight.increment();
    }

    void retransmitted(String procedure) {
        of(procedure).retransmits.increment();
    }

    void timedOut(String procedure) {
        of(procedure).timeouts.increment();
    }

    void finished(String procedure, long latencyNanos, boolean failed) {
        Counters c = of(procedure);
        c.latencyNanos.add(latencyNanos);
        if (failed) {
            c.errors.increment();
        }
        inFlight.decrement();
    }

    Nfs3ClientStats snapshot() {
        Map<String, Nfs3ClientStats.ProcedureStats> copy = new HashMap<>();
        byProcedure.forEach((name, c) -> copy.put(name, new Nfs3ClientStats.ProcedureStats(
                c.ops.sum(), c.retransmits.sum(), c.timeouts.sum(), c.errors.sum(), c.latencyNanos.sum())));
        return new Nfs3ClientStats(copy, Math.max(0, inFlight.sum()));
    }
}
