package io.nfsdirect.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs contenders in turn, one repetition of each per round, starting each round one contender
 * further on, so that no contender always runs right after the same neighbour (cache state,
 * writeback, another engineer's build) or always first.
 */
public final class RoundRobin {

    private RoundRobin() {
    }

    public static Map<String, Result> run(String phase, List<Contender> contenders, int reps) {
        Map<String, Result> results = new LinkedHashMap<>();
        List<Contender> live = new ArrayList<>();
        for (Contender c : contenders) {
            Result r = new Result(c.key(), c.label());
            results.put(c.key(), r);
            try {
                c.warmUp();
                live.add(c);
            } catch (Exception | Error e) {
                r.fail("warm-up failed: " + describe(e));
                log("%s: %s not run: %s", phase, c.key(), r.failure());
            }
        }
        for (int rep = 0; rep < reps; rep++) {
            for (int i = 0; i < live.size(); i++) {
                Contender c = live.get((i + rep) % live.size());
                Result r = results.get(c.key());
                if (r.failure() != null) {
                    continue;
                }
                try {
                    Sample s = c.run(rep);
                    r.add(s);
                    log("%s rep %d/%d %-14s %8.0f MB/s  %5.2f s  cpu %.2f s", phase, rep + 1, reps, c.key(),
                            s.mbPerSecond(), s.seconds(), s.cpuSeconds());
                } catch (Exception | Error e) {
                    r.fail(describe(e));
                    log("%s: %s failed: %s", phase, c.key(), r.failure());
                }
            }
        }
        return results;
    }

    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.util.concurrent.CompletionException)) {
            t = t.getCause();
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
        return msg.replace('\n', ' ');
    }

    static void log(String format, Object... args) {
        System.err.println("bench: " + String.format(Locale.ROOT, format, args));
    }
}
