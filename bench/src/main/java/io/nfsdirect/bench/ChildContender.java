package io.nfsdirect.bench;

import java.util.List;
import java.util.function.IntFunction;

/**
 * A contender that is a whole program (cat, nfs-cat, nfs-cp, bin/nfsdirect): timed from fork to
 * exit, so its start-up is part of its figure, as users see it.
 */
public final class ChildContender implements Contender {

    /** Runs after each repetition, e.g. to remove the file an upload created. */
    @FunctionalInterface
    public interface After {
        void run(int rep) throws Exception;
    }

    private final String key;
    private final String label;
    private final IntFunction<List<String>> command;
    private final long bytes;
    private final Meter meter;
    private final long timeoutSeconds;
    private final After after;

    public ChildContender(String key, String label, IntFunction<List<String>> command, long bytes, Meter meter,
                          long timeoutSeconds, After after) {
        this.key = key;
        this.label = label;
        this.command = command;
        this.bytes = bytes;
        this.meter = meter;
        this.timeoutSeconds = timeoutSeconds;
        this.after = after;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String label() {
        return label;
    }

    /** The command line of repetition 0, for the report. */
    public String commandLine() {
        return Timed.shellLine(command.apply(0));
    }

    @Override
    public Sample run(int rep) throws Exception {
        try {
            return Timed.child(meter, command.apply(rep), bytes, null, timeoutSeconds);
        } finally {
            if (after != null) {
                after.run(rep);
            }
        }
    }
}
