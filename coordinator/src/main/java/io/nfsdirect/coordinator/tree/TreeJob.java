package io.nfsdirect.coordinator.tree;

import io.nfsdirect.coordinator.DirectIoClient;
import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.worker.Nfs3Client;
import io.nfsdirect.worker.NfsFile;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One job over a whole tree: a {@link TreeScan} walks the source while the job hands each entry
 * to its {@link FileAction}, many files at once, each file one direct request (so a big file is
 * still cut into chunks over every worker node, and small ones go whole, side by side).
 *
 * <p>The job paces everything by what it can hold. A batch of the scan is taken, and acknowledged,
 * only while fewer than {@link Settings#filesInFlight} × 4 files wait to start; files start while
 * both the file window and the chunk budget allow, so many small files or a few big ones fill it,
 * and a huge file or a slow directory never stops the others. The directories of a batch exist at
 * the target before the next batch is taken: whatever lies inside a directory comes in a later
 * batch than the directory itself.
 *
 * <p>Its listener hears of each file done, failed or skipped, gets {@link Progress} twice a second,
 * and one {@link Completed}, after which the job stops. {@link Cancel} stops the scan, starts
 * nothing more and cancels the files running; {@link Completed} still comes, once they have ended.
 * A listener that stops cancels the job. The action's directory and link calls run on the job's
 * thread: an action that blocks in them (a local mkdir) wants the job on a blocking dispatcher.
 */
public final class TreeJob extends AbstractBehavior<TreeJob.Command> {

    /** What the listener receives. */
    public sealed interface Event extends NoSerializationVerificationNeeded
            permits FileDone, EntryFailed, EntrySkipped, Progress, Completed {
    }

    /** A regular file finished: {@code sha256} is null unless the action computes one. */
    public record FileDone(String path, long bytes, byte[] sha256) implements Event {
    }

    /** A file, directory, link or listing that failed; {@code path} is relative to the root. */
    public record EntryFailed(String path, IoError error) implements Event {
    }

    /** An entry left out, and why: the filter, or a type the job does not copy. */
    public record EntrySkipped(String path, String reason) implements Event {
    }

    public record Progress(TreeCounts counts) implements Event {
    }

    /** The one end of the job: its counts and every failure, in the order they came. */
    public record Completed(TreeCounts counts, List<EntryFailed> failures, boolean cancelled) implements Event {
        public boolean ok() {
            return failures.isEmpty() && !cancelled;
        }
    }

    public sealed interface Command extends NoSerializationVerificationNeeded permits Cancel, Internal {
    }

    /** Stop the job: see the class comment. */
    public record Cancel() implements Command {
    }

    private sealed interface Internal extends Command {
    }

    private record Scanned(TreeScan.Event event) implements Internal {
    }

    private record DirectoryReady(TreeEntry directory, Throwable failure) implements Internal {
    }

    private record LinkMade(TreeEntry link, Throwable failure) implements Internal {
    }

    private record FileFinished(String requestId, FileAction.FileResult result, Throwable failure)
            implements Internal {
    }

    private record Finished(Throwable failure) implements Internal {
    }

    private record Tick() implements Internal {
    }

    /** The scan stopped: normal after its Done, a lost walk if no Done follows. */
    private record ScanStopped() implements Internal {
    }

    private record ScanLost() implements Internal {
    }

    /**
     * @param filesInFlight files running at once, at most
     * @param chunksInFlight the chunks all running files may have out together: a file takes
     *                       {@code min(its chunks, windowPerFile)} of it (at least one file always runs)
     * @param chunkSize      the size a chunk is taken to be for that sum: the request's chunk size
     *                       when given, else a typical rsize
     * @param windowPerFile  the window of each file's request
     * @param scanParallel   directories listed at once
     */
    public record Settings(int filesInFlight, int chunksInFlight, long chunkSize, int windowPerFile,
                           int scanParallel) {
        public static final Settings DEFAULT = new Settings(16, 64, 1 << 20, 16, 4);

        public Settings {
            if (filesInFlight < 1 || chunksInFlight < 1 || chunkSize < 1 || windowPerFile < 1 || scanParallel < 1) {
                throw new IllegalArgumentException("every tree job setting must be at least 1");
            }
        }

        /** How much of the chunk budget a file of {@code size} bytes takes while it runs. */
        int chunksOf(long size) {
            long chunks = Math.max(1, (size + chunkSize - 1) / chunkSize);
            return (int) Math.min(chunks, windowPerFile);
        }
    }

    /** A file that started: its share of the chunk budget, and its bytes so far. */
    private record Running(TreeEntry entry, int chunks, AtomicLong bytes) {
    }

    private static final Duration PROGRESS_EVERY = Duration.ofMillis(500);
    private static final Duration SCAN_DONE_GRACE = Duration.ofSeconds(1);

    /**
     * @param what the job's name in error lines, e.g. {@code cp -r nfs://h/export/tree}
     */
    public static Behavior<Command> create(Nfs3Client client, NfsFile root, String what, TreeFilter filter,
                                           Settings settings, FileAction action, ActorRef<Event> listener) {
        return create(what, settings, action, listener,
                TreeScan.of(client, root, what, filter, settings.scanParallel()));
    }

    /**
     * The job over whatever {@code scan} walks: a {@link TreeScan} of an NFS tree, or a
     * {@link LocalScan} of a local one. The scan runs as the job's child, on the job's dispatcher.
     */
    public static Behavior<Command> create(String what, Settings settings, FileAction action, ActorRef<Event> listener,
                                           Function<ActorRef<TreeScan.Event>, Behavior<TreeScan.Command>> scan) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new TreeJob(ctx, timers, what, settings, action, listener, scan)));
    }

    private final String what;
    private final Settings settings;
    private final FileAction action;
    private final ActorRef<Event> listener;
    private final ActorRef<TreeScan.Command> scan;
    private final TimerScheduler<Command> timers;
    /** Batches of the scan not taken yet, each acknowledged once it is. */
    private final Deque<TreeScan.Found> batches = new ArrayDeque<>();
    /** Regular files found and not started, in the order found. */
    private final Deque<TreeEntry> ready = new ArrayDeque<>();
    private final Map<String, Running> running = new LinkedHashMap<>();
    /** For an action that copies hard links once: the first name of each multiply-linked file. */
    private final Map<String, String> linkedFiles = new HashMap<>();
    private final List<EntryFailed> failures = new ArrayList<>();
    private int directoriesPreparing;
    private int linksMaking;
    private int chunksUsed;
    private boolean scanDone;
    private boolean cancelled;
    private boolean finishing;
    private long directories;
    private long filesScanned;
    private long bytesScanned;
    private long filesDone;
    private long filesUnchanged;
    private long bytesDone;
    private long links;
    private long failed;
    private long skipped;
    private TreeCounts lastReported;

    private TreeJob(ActorContext<Command> ctx, TimerScheduler<Command> timers, String what, Settings settings,
                    FileAction action, ActorRef<Event> listener,
                    Function<ActorRef<TreeScan.Event>, Behavior<TreeScan.Command>> scan) {
        super(ctx);
        this.what = what;
        this.settings = settings;
        this.action = action;
        this.listener = listener;
        ActorRef<TreeScan.Event> events = ctx.messageAdapter(TreeScan.Event.class, Scanned::new);
        this.scan = ctx.spawn(scan.apply(events), "scan", DispatcherSelector.sameAsParent());
        ctx.watchWith(this.scan, new ScanStopped());
        this.timers = timers;
        directories = 1; // the root, which the scan lists but never reports as an entry
        // Nobody to report to: the job is cancelled, and still waits for its running files.
        ctx.watchWith(listener, new Cancel());
        timers.startTimerWithFixedDelay(new Tick(), PROGRESS_EVERY);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Scanned.class, m -> onScanned(m.event()))
                .onMessage(DirectoryReady.class, this::onDirectoryReady)
                .onMessage(LinkMade.class, this::onLinkMade)
                .onMessage(FileFinished.class, this::onFileFinished)
                .onMessage(Finished.class, this::onFinished)
                .onMessage(Tick.class, m -> {
                    reportProgress();
                    return this;
                })
                .onMessage(ScanStopped.class, m -> {
                    // Its Done may still be queued behind this notice: give it a moment to arrive.
                    if (!scanDone && !cancelled) {
                        timers.startSingleTimer(new ScanLost(), SCAN_DONE_GRACE);
                    }
                    return this;
                })
                .onMessage(ScanLost.class, m -> {
                    if (!scanDone && !cancelled) {
                        scanDone = true;
                        fail("", IoError.at(io.nfsdirect.protocol.Errno.EIO, what, -1,
                                "the walk of the source stopped before its end: the tree is not complete"));
                    }
                    return advance();
                })
                .onMessage(Cancel.class, m -> onCancel())
                .build();
    }

    private Behavior<Command> onScanned(TreeScan.Event event) {
        if (event instanceof TreeScan.Found found) {
            if (!cancelled) {
                batches.add(found);
            }
        } else if (event instanceof TreeScan.Failed f) {
            fail(f.path(), f.error());
        } else {
            scanDone = true;
        }
        return advance();
    }

    /** Takes batches, starts files, and ends the job when nothing is left: the job's one pump. */
    private Behavior<Command> advance() {
        while (!cancelled && directoriesPreparing == 0 && !batches.isEmpty()
                && ready.size() < settings.filesInFlight() * 4) {
            take(batches.poll());
        }
        while (!cancelled && !ready.isEmpty() && running.size() < settings.filesInFlight()
                && (running.isEmpty() || chunksUsed + settings.chunksOf(ready.peek().attributes().size)
                <= settings.chunksInFlight())) {
            start(ready.poll());
        }
        if (!finishing && running.isEmpty() && directoriesPreparing == 0 && linksMaking == 0
                && (cancelled || (scanDone && batches.isEmpty() && ready.isEmpty()))) {
            finishing = true;
            if (cancelled) {
                return complete();
            }
            getContext().pipeToSelf(safely(action::finish), (ok, failure) -> new Finished(failure));
        }
        return this;
    }

    /** Hands a batch's directories and links to the action and queues its files; acknowledges it. */
    private void take(TreeScan.Found batch) {
        batch.ackTo().tell(new TreeScan.Ack());
        for (TreeScan.Skipped s : batch.skipped()) {
            skip(s.path(), s.reason());
        }
        for (TreeEntry entry : batch.entries()) {
            switch (entry.attributes().type) {
                case Nfs3.NF3DIR -> {
                    directories++;
                    directoriesPreparing++;
                    getContext().pipeToSelf(safely(() -> action.directory(entry)),
                            (ok, failure) -> new DirectoryReady(entry, failure));
                }
                case Nfs3.NF3LNK -> {
                    linksMaking++;
                    getContext().pipeToSelf(safely(() -> action.symlink(entry)),
                            (ok, failure) -> new LinkMade(entry, failure));
                }
                case Nfs3.NF3REG -> {
                    String first = firstName(entry);
                    if (first != null) {
                        skip(entry.path(), "a hard link to " + first + ": not copied again");
                    } else {
                        filesScanned++;
                        bytesScanned += entry.attributes().size;
                        ready.add(entry);
                    }
                }
                default -> skip(entry.path(), kind(entry.attributes().type) + ", not a regular file");
            }
        }
    }

    /** For an action that copies hard links once: the name this file was first found under, if any. */
    private String firstName(TreeEntry file) {
        if (!action.copiesHardLinksOnce() || file.attributes().nlink < 2) {
            return null;
        }
        String identity = file.attributes().fsid + ":" + file.attributes().fileid;
        return linkedFiles.putIfAbsent(identity, file.path());
    }

    private void start(TreeEntry file) {
        String id = DirectIoClient.newRequestId();
        Running r = new Running(file, settings.chunksOf(file.attributes().size), new AtomicLong());
        running.put(id, r);
        chunksUsed += r.chunks();
        getContext().pipeToSelf(safely(() -> action.file(file, id, r.bytes()::addAndGet)),
                (result, failure) -> new FileFinished(id, result, failure));
    }

    private Behavior<Command> onDirectoryReady(DirectoryReady m) {
        directoriesPreparing--;
        if (m.failure() != null) {
            fail(m.directory().path(), IoError.restated(m.failure(), what + ": " + m.directory().path(), -1));
        }
        return advance();
    }

    private Behavior<Command> onLinkMade(LinkMade m) {
        linksMaking--;
        if (m.failure() != null) {
            fail(m.link().path(), IoError.restated(m.failure(), what + ": " + m.link().path(), -1));
        } else {
            links++;
        }
        return advance();
    }

    private Behavior<Command> onFileFinished(FileFinished m) {
        Running r = running.remove(m.requestId());
        chunksUsed -= r.chunks();
        String path = r.entry().path();
        if (m.failure() != null) {
            fail(path, IoError.restated(m.failure(), what + ": " + path, -1));
        } else {
            filesDone++;
            if (m.result().unchanged()) {
                filesUnchanged++;
            }
            bytesDone += m.result().bytes();
            listener.tell(new FileDone(path, m.result().bytes(), m.result().sha256()));
        }
        return advance();
    }

    private Behavior<Command> onFinished(Finished m) {
        if (m.failure() != null) {
            fail("", IoError.restated(m.failure(), what + ": setting the directories' modes and times", -1));
        }
        return complete();
    }

    private Behavior<Command> onCancel() {
        if (!cancelled) {
            cancelled = true;
            getContext().stop(scan);
            batches.clear();
            ready.clear();
            running.keySet().forEach(action::cancel);
        }
        return advance();
    }

    private Behavior<Command> complete() {
        TreeCounts counts = counts();
        listener.tell(new Progress(counts));
        listener.tell(new Completed(counts, List.copyOf(failures), cancelled));
        return Behaviors.stopped();
    }

    private void reportProgress() {
        TreeCounts now = counts();
        if (!now.equals(lastReported)) {
            lastReported = now;
            listener.tell(new Progress(now));
        }
    }

    private TreeCounts counts() {
        long partial = 0;
        for (Running r : running.values()) {
            partial += r.bytes().get();
        }
        return new TreeCounts(directories, filesScanned, bytesScanned, filesDone, filesUnchanged, bytesDone + partial,
                links, failed, skipped);
    }

    private void fail(String path, IoError error) {
        failed++;
        EntryFailed f = new EntryFailed(path, error);
        failures.add(f);
        listener.tell(f);
    }

    private void skip(String path, String reason) {
        skipped++;
        listener.tell(new EntrySkipped(path, reason));
    }

    private static String kind(int type) {
        return switch (type) {
            case Nfs3.NF3BLK -> "a block device";
            case Nfs3.NF3CHR -> "a character device";
            case Nfs3.NF3SOCK -> "a socket";
            case Nfs3.NF3FIFO -> "a FIFO";
            default -> "an entry of unknown type " + type;
        };
    }

    /** The action's stage, or a failed one when the action threw instead of returning it. */
    private static <T> CompletionStage<T> safely(java.util.function.Supplier<CompletionStage<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
