package io.nfsdirect.cli;

import io.nfsdirect.coordinator.tree.FileAction;
import io.nfsdirect.coordinator.tree.TreeCounts;
import io.nfsdirect.coordinator.tree.TreeFilter;
import io.nfsdirect.coordinator.tree.TreeJob;
import io.nfsdirect.coordinator.tree.TreeScan;
import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.worker.Nfs3Client;
import io.nfsdirect.worker.NfsFile;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Runs one {@link TreeJob} on the command's node and reports it the way the file commands report
 * a transfer: a progress bar of bytes (its total grows as the scan finds files), each failure on
 * its own line as it happens, each skipped entry with its reason, and at the end one summary line
 * (and with {@code --json} the same as JSON). Ctrl-C cancels the job, which still ends with its
 * files in flight accounted for.
 */
final class Trees {

    /** The end of a job as the summary shows it. */
    record Summary(String op, String source, String target, TreeCounts counts, List<Skip> skipped,
                   List<IoError> failed, boolean cancelled, double seconds) {

        record Skip(String path, String reason) {
        }

        String line() {
            String human = counts.bytesDone() < 1024 ? "" : " (" + Sizes.format(counts.bytesDone()) + ")";
            double mbps = seconds <= 0 ? 0 : counts.bytesDone() / 1e6 / seconds;
            // What a file that needed nothing is: equal to its source for verify, unchanged for sync.
            String unchanged = counts.filesUnchanged() == 0 ? "" : " (" + counts.filesUnchanged()
                    + (op.startsWith("verify") ? " equal)" : " unchanged)");
            return String.format(Locale.ROOT, "%s: %d file%s%s, %d bytes%s, %d director%s, %d link%s; %d skipped, "
                            + "%d failed%s; %.2f s, %.1f MB/s", op, counts.filesDone(), counts.filesDone() == 1 ? "" : "s",
                    unchanged, counts.bytesDone(), human, counts.directories(), counts.directories() == 1 ? "y" : "ies",
                    counts.links(), counts.links() == 1 ? "" : "s", skipped.size(), failed.size(),
                    cancelled ? ", cancelled" : "", seconds, mbps);
        }
    }

    private static final AtomicLong NAMES = new AtomicLong();

    private final NodeSession session;
    private final String op;
    /** 128 + the signal that cancelled the job, or 0. */
    private int interrupted;
    /** The paths of the entries that failed in the last job. */
    private final Set<String> failedPaths = new HashSet<>();

    Trees(NodeSession session, String op) {
        this.session = session;
        this.op = op;
    }

    /** The client of the source's server, for the scan and what the action asks besides the data. */
    Nfs3Client client(String url) throws io.nfsdirect.protocol.NfsException {
        return session.remote().client(op, url);
    }

    /**
     * Runs the job over the tree at {@code root} and returns its summary once it has ended.
     *
     * @param onFile told of each file done, on the job's event thread
     */
    Summary run(String url, String target, Nfs3Client client, NfsFile root, TreeFilter filter,
                TreeJob.Settings settings, FileAction action, Consumer<TreeJob.FileDone> onFile) {
        return run(url, target, TreeScan.of(client, root, what(url), filter, settings.scanParallel()), settings, action,
                onFile);
    }

    /** The job's name in its error lines: {@code cp -r SRC}. */
    String what(String url) {
        return op + " " + url;
    }

    /**
     * The same over whatever {@code scan} walks, a local tree say.
     *
     * @param url the source as the summary names it
     */
    Summary run(String url, String target, Function<ActorRef<TreeScan.Event>, Behavior<TreeScan.Command>> scan,
                TreeJob.Settings settings, FileAction action, Consumer<TreeJob.FileDone> onFile) {
        PrintWriter err = session.err();
        boolean quiet = session.options().quiet;
        List<Summary.Skip> skipped = new ArrayList<>();
        CompletableFuture<TreeJob.Completed> completed = new CompletableFuture<>();
        long start = System.nanoTime();
        try (Progress bar = Progress.start(quiet, op, 0)) {
            var events = session.system().systemActorOf(Behaviors.receive(TreeJob.Event.class)
                    .onMessage(TreeJob.FileDone.class, d -> {
                        onFile.accept(d);
                        return Behaviors.same();
                    })
                    .onMessage(TreeJob.EntryFailed.class, f -> {
                        bar.pause(() -> err.println(Errors.PREFIX + f.error().message()));
                        return Behaviors.same();
                    })
                    .onMessage(TreeJob.EntrySkipped.class, s -> {
                        skipped.add(new Summary.Skip(s.path(), s.reason()));
                        if (!quiet) {
                            bar.pause(() -> err.println(Errors.PREFIX + "skipped " + s.path() + ": " + s.reason()));
                        }
                        return Behaviors.same();
                    })
                    .onMessage(TreeJob.Progress.class, p -> {
                        bar.total(p.counts().bytesScanned());
                        bar.stepTo(p.counts().bytesDone());
                        bar.message(p.counts().filesDone() + "/" + p.counts().filesScanned() + " files");
                        return Behaviors.same();
                    })
                    .onMessage(TreeJob.Completed.class, c -> {
                        completed.complete(c);
                        return Behaviors.stopped();
                    })
                    .build(), "tree-events-" + NAMES.incrementAndGet(), DispatcherSelector.blocking());
            ActorRef<TreeJob.Command> job = session.system().systemActorOf(
                    TreeJob.create(what(url), settings, action, events, scan),
                    "tree-job-" + NAMES.get(), DispatcherSelector.blocking());
            TreeJob.Completed c;
            try (Signals.Handling signals = Signals.handle(err, bar::close,
                    "interrupted: cancelling the job and waiting for its files in flight",
                    () -> job.tell(new TreeJob.Cancel()))) {
                c = completed.get();
                if (signals.status() != 0) {
                    interrupted = signals.status();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                job.tell(new TreeJob.Cancel());
                throw CliException.io(op + " " + url + ": interrupted", e);
            } catch (ExecutionException e) {
                throw CliException.io(op + " " + url + ": " + Errors.message(e.getCause()), e.getCause());
            }
            bar.stepTo(c.counts().bytesDone());
            List<IoError> failures = c.failures().stream().map(TreeJob.EntryFailed::error).toList();
            c.failures().forEach(f -> failedPaths.add(f.path()));
            // The events actor added the last skip before it completed the future.
            return new Summary(op, url, target, c.counts(), List.copyOf(skipped), failures, c.cancelled(),
                    (System.nanoTime() - start) / 1e9);
        }
    }

    Set<String> failedPaths() {
        return Set.copyOf(failedPaths);
    }

    /**
     * Prints the summary line (unless quiet), writes the JSON summary if asked, and gives the
     * command's exit status: 128 + the signal after a Ctrl-C, 1 when any entry failed.
     */
    int finish(Summary summary, JsonOption json) {
        if (!session.options().quiet || !summary.failed().isEmpty()) {
            session.err().println(summary.line());
            session.err().flush();
        }
        json.write(summary, summary.op());
        if (interrupted != 0) {
            return interrupted;
        }
        return summary.failed().isEmpty() && !summary.cancelled() ? Errors.OK : Errors.IO_ERROR;
    }
}
