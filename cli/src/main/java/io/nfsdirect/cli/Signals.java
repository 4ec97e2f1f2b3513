package io.nfsdirect.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM while something must be wound down rather than dropped: a running
 * request is cancelled and its ECANCELED completion awaited (its chunks on other nodes may still
 * be writing into the file), a node leaves its cluster gracefully. By default the JVM would run
 * its shutdown hooks and exit with 128 + the signal at once, with the request still running on
 * the cluster.
 *
 * <p>Lifetime: a {@link Handling} replaces the JVM's handlers from {@link #handle} until it is
 * closed, which restores them. The first signal runs the action once; a second one exits at once
 * (running the shutdown hooks), for a user who does not want to wait.
 *
 * <p>{@code sun.misc.Signal} (module jdk.unsupported) is the JDK's only way to see a signal without
 * the JVM going down; javac warns about it, and it cannot be suppressed. A signal that was ignored
 * when the JVM started (a background job of a non-interactive shell ignores SIGINT) stays ignored.
 */
final class Signals {

    private static final String[] NAMES = {"INT", "TERM"};

    private Signals() {
    }

    /** One installation of the handlers; {@link #signal()} tells whether and how it fired. */
    static final class Handling implements AutoCloseable {
        private final AtomicInteger status = new AtomicInteger();
        private final List<Signal> signals = new ArrayList<>();
        private final List<SignalHandler> previous = new ArrayList<>();

        /** 128 + the signal number of the first signal received (130 for SIGINT, 143 for SIGTERM), else 0. */
        int status() {
            return status.get();
        }

        boolean fired() {
            return status.get() != 0;
        }

        @Override
        public void close() {
            for (int i = 0; i < signals.size(); i++) {
                try {
                    Signal.handle(signals.get(i), previous.get(i));
                } catch (IllegalArgumentException e) {
                    // The JVM is already shutting down, or the signal was never ours.
                }
            }
            signals.clear();
            previous.clear();
        }
    }

    /**
     * Handles SIGINT and SIGTERM with {@code action} (run once, on the signal's thread, so it must
     * not block for long) until the result is closed.
     *
     * @param notice what to print on stderr when the first signal arrives, or null
     */
    static Handling handle(PrintWriter err, String notice, Runnable action) {
        return handle(err, () -> { }, notice, action);
    }

    /**
     * As {@link #handle(PrintWriter, String, Runnable)}, with {@code before} run just ahead of the
     * notice, e.g. to end a progress bar's line so that the notice starts its own.
     */
    static Handling handle(PrintWriter err, Runnable before, String notice, Runnable action) {
        Handling h = new Handling();
        SignalHandler handler = signal -> {
            int status = 128 + signal.getNumber();
            if (h.status.compareAndSet(0, status)) {
                before.run();
                if (notice != null) {
                    err.println(Errors.PREFIX + notice + " (again to exit at once)");
                    err.flush();
                }
                action.run();
            } else {
                err.println(Errors.PREFIX + "interrupted again: exiting without waiting");
                err.flush();
                System.exit(h.status.get());
            }
        };
        for (String name : NAMES) {
            Signal signal = new Signal(name);
            try {
                SignalHandler old = Signal.handle(signal, handler);
                h.signals.add(signal);
                h.previous.add(old);
            } catch (IllegalArgumentException e) {
                // The JVM does not let us have it (e.g. -Xrs); its default behaviour stays.
            }
        }
        return h;
    }
}
