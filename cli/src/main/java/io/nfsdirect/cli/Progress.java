package io.nfsdirect.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr (bytes and rate in decimal MB, as the summary line, and ETA) for one
 * long operation, or nothing: only a person
 * at a terminal wants one, so it appears only when the process has a console and stderr is a
 * terminal, and never with {@code --quiet}. Thread-safe: sinks step it from their actors.
 */
final class Progress implements AutoCloseable {

    private static final Progress NONE = new Progress(null);

    private final ProgressBar bar;
    private final AtomicBoolean closed = new AtomicBoolean();
    private ScheduledExecutorService ticker;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static Progress start(boolean quiet, String task, long totalBytes) {
        if (quiet || !interactive()) {
            return NONE;
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(totalBytes)
                // Decimal, as the summary line's MB/s
                .setUnit("MB", 1_000_000)
                .showSpeed()
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
        return new Progress(bar);
    }

    boolean shown() {
        return bar != null;
    }

    void step(long bytes) {
        if (bar != null) {
            bar.stepBy(bytes);
        }
    }

    void stepTo(long bytes) {
        if (bar != null) {
            bar.stepTo(bytes);
        }
    }

    /** A new total, for work whose size grows as it is found (a tree being scanned). */
    void total(long totalBytes) {
        if (bar != null) {
            bar.maxHint(totalBytes);
        }
    }

    /** Text after the bar, e.g. the files done. */
    void message(String text) {
        if (bar != null) {
            bar.setExtraMessage(" " + text);
        }
    }

    /** Prints through {@code print} on a line of its own, the bar being redrawn below it. */
    void pause(Runnable print) {
        if (bar == null) {
            print.run();
            return;
        }
        synchronized (this) {
            System.err.print("\r\033[2K");
            print.run();
            System.err.flush();
            bar.refresh();
        }
    }

    /**
     * Steps the bar to {@code done} every 250 ms until the bar is closed, for operations whose
     * bytes cannot be counted as they pass.
     */
    void follow(LongSupplier done) {
        if (bar == null) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nfsdirect-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> {
            try {
                bar.stepTo(done.getAsLong());
            } catch (RuntimeException e) {
                // A missed tick only delays the bar.
            }
        }, 250, 250, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops the bar, leaving it as it is on its own line, so that what is printed next starts a
     * line of its own; idempotent. Safe from any thread, e.g. a signal's.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (bar != null) {
            bar.close();
        }
    }

    /** A console, and stderr on a terminal (System.console() only looks at stdin and stdout). */
    static boolean interactive() {
        if (System.console() == null) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // No /proc (not Linux): trust the console.
            return true;
        }
    }
}
