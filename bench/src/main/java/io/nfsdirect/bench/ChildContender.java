package io.nfsdirect.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** Sees each successful repetition with what the program wrote on stderr. */
    @FunctionalInterface
    public interface Observer {
        void seen(int rep, Sample sample, String stderr);
    }

    private final String key;
    private final String label;
    private final IntFunction<List<String>> command;
    private final long bytes;
    private final Meter meter;
    private final long timeoutSeconds;
    private final After after;
    private final Map<String, String> env = new LinkedHashMap<>();
    private Observer observer;

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

    /** Adds these variables to the environment the program inherits. */
    public ChildContender withEnv(Map<String, String> vars) {
        env.putAll(vars);
        return this;
    }

    /** Hands each repetition's stderr to {@code o}. */
    public ChildContender observedBy(Observer o) {
        this.observer = o;
        return this;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String label() {
        return label;
    }

    /** The command line of repetition 0, with the environment it adds, for the report. */
    public String commandLine() {
        return Timed.shellLine(env, command.apply(0));
    }

    @Override
    public Sample run(int rep) throws Exception {
        try {
            String[] err = new String[1];
            Sample s = Timed.child(meter, command.apply(rep), env, bytes, null, timeoutSeconds,
                    observer == null ? null : text -> err[0] = text);
            if (observer != null) {
                observer.seen(rep, s, err[0]);
            }
            return s;
        } finally {
            if (after != null) {
                after.run(rep);
            }
        }
    }
}
