package io.nfsdirect.coordinator;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.api.ChunkAck;
import io.nfsdirect.protocol.api.IoCompletion;
import io.nfsdirect.protocol.api.IoCounters;
import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.protocol.api.Sink;
import io.nfsdirect.protocol.chunk.ChunkReport;
import io.nfsdirect.protocol.chunk.ChunkTask;
import io.nfsdirect.protocol.chunk.WorkerNodeProtocol;
import io.nfsdirect.worker.NodeCounters;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One direct read, write or copy: the seed's {@code nfs_direct_req} as an actor.
 *
 * <p>It owns what the kernel structure owns: the chunks in flight (the seed's {@code complete}
 * count), the byte accounting, the first error and the completion. Its lifetime is the
 * request's: it is spawned when {@code DirectIo} accepts the call and stops only when every
 * chunk it ever dispatched has reported, even after a cancel or the asker's death, because a
 * worker may still be writing into the file (or, for reads, holding a buffer that belongs to
 * this request) until then. Exactly one {@link IoCompletion} leaves it, and none if the asker
 * is gone.
 *
 * <p>Chunks go out through the plan's cursor while the window has room; a stream sink frees a
 * window slot only when the consumer acknowledges, so a slow consumer slows the read. A lost
 * worker node (its {@code WorkerNode} terminated) has its chunks re-dispatched under a new
 * attempt number; a late report from the old attempt is ignored, so nothing is counted twice.
 *
 * <p>Writes follow modern Linux: a single chunk goes FILE_SYNC; more go UNSTABLE and end with
 * one COMMIT, whose verifier is checked against every chunk's WRITE verifier; a chunk whose
 * verifier differs was lost by the server and is resent FILE_SYNC. The completion comes only
 * when every counted byte is stable.
 */
public final class DirectRequest extends AbstractBehavior<DirectRequest.Command> {

    /** Sent only by DirectIo and the request's own adapters, on the same node; never serialized. */
    public sealed interface Command extends NoSerializationVerificationNeeded permits Cancel, Internal {
    }

    /** Stop dispatching; in-flight chunks are still awaited. The asker gets ECANCELED. */
    public record Cancel() implements Command {
    }

    private sealed interface Internal extends Command {
    }

    private record Report(ChunkReport report) implements Internal {
    }

    private record Ack(ChunkAck ack) implements Internal {
    }

    private record CommitDone(WorkerNodeProtocol.CommitResult result) implements Internal {
    }

    private record AskerGone() implements Internal {
    }

    private record ConsumerGone() implements Internal {
    }

    private record WorkerLost(ActorRef<WorkerNodeProtocol.Command> worker) implements Internal {
    }

    private record WorkersChanged(List<ActorRef<WorkerNodeProtocol.Command>> workers) implements Internal {
    }

    private record ChunkOverdue(int chunk, int attempt) implements Internal {
    }

    /** How long a chunk attempt may go without a report when nobody says otherwise. */
    public static final Duration DEFAULT_CHUNK_DEADLINE = Duration.ofMinutes(2);

    /** Tells a running request the current set of worker nodes (from a Receptionist listing). */
    public static Command workersChanged(List<ActorRef<WorkerNodeProtocol.Command>> workers) {
        return new WorkersChanged(List.copyOf(workers));
    }

    public static Behavior<Command> create(RequestSpec spec, List<ActorRef<WorkerNodeProtocol.Command>> workers,
                                           ActorRef<IoCompletion> replyTo) {
        return create(spec, workers, replyTo, List.of());
    }

    /** @param nodes the worker nodes the request may use ({@code IoOptions.nodes()}); empty for any */
    public static Behavior<Command> create(RequestSpec spec, List<ActorRef<WorkerNodeProtocol.Command>> workers,
                                           ActorRef<IoCompletion> replyTo, List<String> nodes) {
        return create(spec, workers, replyTo, nodes, DEFAULT_CHUNK_DEADLINE);
    }

    /**
     * @param chunkDeadline how long a chunk attempt may go without a report before it is treated
     *                      as lost and sent again: the backstop for a report that can never come (a
     *                      message dropped between nodes), far above what the NFS client's own
     *                      timeo and retrans allow an RPC
     */
    public static Behavior<Command> create(RequestSpec spec, List<ActorRef<WorkerNodeProtocol.Command>> workers,
                                           ActorRef<IoCompletion> replyTo, List<String> nodes,
                                           Duration chunkDeadline) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new DirectRequest(ctx, timers, spec, workers, replyTo, nodes, chunkDeadline)));
    }

    private final RequestSpec spec;
    private final ChunkPlan plan;
    private final PrefixAccounting<IoError> prefix;
    private final CommitLedger ledger;
    private final ChunkWindow<ActorRef<WorkerNodeProtocol.Command>> window;
    private final Placement<ActorRef<WorkerNodeProtocol.Command>> placement = new Placement<>();
    private final ReadResults results;
    private final ActorRef<IoCompletion> replyTo;
    private final List<String> nodes;
    private final ActorRef<ChunkReport> reportAdapter;
    private final ActorRef<ChunkAck> ackAdapter;
    private final long startNanos = System.nanoTime();
    private final TimerScheduler<Command> timers;
    private final Duration chunkDeadline;

    private List<ActorRef<WorkerNodeProtocol.Command>> workers;
    private boolean askerAlive = true;
    /** The node running this request's COMMIT, while one is out. */
    private ActorRef<WorkerNodeProtocol.Command> committer;
    private boolean completed;

    private int chunksSent;
    private long rpcs;
    private long retransmits;
    private long shortIo;
    private int verifierMismatches;
    private int redispatched;

    private DirectRequest(ActorContext<Command> ctx, TimerScheduler<Command> timers, RequestSpec spec,
                          List<ActorRef<WorkerNodeProtocol.Command>> workers, ActorRef<IoCompletion> replyTo,
                          List<String> nodes, Duration chunkDeadline) {
        super(ctx);
        this.timers = timers;
        this.chunkDeadline = chunkDeadline;
        this.nodes = List.copyOf(nodes);
        this.spec = spec;
        this.plan = spec.plan();
        this.prefix = new PrefixAccounting<>(spec.offset(), spec.length());
        this.ledger = new CommitLedger(plan.count(), writes() && !spec.stable() && plan.count() > 1);
        this.window = new ChunkWindow<>(plan, spec.window());
        this.results = new ReadResults(spec);
        this.workers = eligible(workers);
        this.replyTo = replyTo;
        this.reportAdapter = ctx.messageAdapter(ChunkReport.class, Report::new);
        this.ackAdapter = ctx.messageAdapter(ChunkAck.class, Ack::new);
        ctx.watchWith(replyTo, new AskerGone());
        if (spec.sink() instanceof Sink.Stream stream) {
            ctx.watchWith(stream.consumer(), new ConsumerGone());
        }
        pump();
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Report.class, m -> onReport(m.report()))
                .onMessage(Ack.class, m -> onAck(m.ack()))
                .onMessage(CommitDone.class, m -> onCommit(m.result()))
                .onMessage(Cancel.class, m -> onCancel(true, "cancelled"))
                .onMessage(AskerGone.class, m -> onCancel(false, "cancelled: the asking actor terminated"))
                .onMessage(ConsumerGone.class, m -> onConsumerGone())
                .onMessage(WorkerLost.class, m -> onWorkerLost(m.worker()))
                .onMessage(WorkersChanged.class, m -> onWorkersChanged(m.workers()))
                .onMessage(ChunkOverdue.class, this::onOverdue)
                .onSignal(PostStop.class, s -> {
                    closeSource();
                    return this;
                })
                .build();
    }

    private boolean writes() {
        return spec.kind() != RequestSpec.Kind.READ;
    }

    // ---- dispatch -------------------------------------------------------------------------

    private Behavior<Command> pump() {
        window.releaseAcksBeyond(prefix);
        while (window.hasRoom()) {
            Integer next = window.next(prefix);
            if (next == null || !dispatch(next)) {
                break;
            }
        }
        return window.isEmpty() && window.next(prefix) == null ? finishTransfer() : this;
    }

    private boolean dispatch(int chunk) {
        ActorRef<WorkerNodeProtocol.Command> worker = placement.choose(workers);
        long offset = plan.chunkOffset(chunk);
        if (worker == null) {
            String which = spec.sink() instanceof Sink.LocalFile
                    ? "this node has no worker to write its local file"
                    : "no worker node " + (nodes.isEmpty() ? "" : "of " + nodes + " ") + "is available to run the chunk";
            fail(chunk, IoError.of(Errno.EAGAIN, spec.describe() + " at offset " + offset + ": " + which, offset));
            return false;
        }
        int stable = ledger.stableFor(chunk, spec.stable() || plan.count() == 1);
        ChunkTask.Op op;
        try {
            op = operation(chunk, stable, isLocal(worker));
        } catch (IOException e) {
            fail(chunk, IoError.of(Errno.EIO, spec.describe() + " at offset " + offset
                    + ": reading the write source failed: " + e.getMessage(), offset));
            return false;
        }
        ChunkWindow.Slot<ActorRef<WorkerNodeProtocol.Command>> slot = window.open(chunk, worker, stable);
        if (slot.attempt > 1) {
            redispatched++;
        } else {
            chunksSent++;
        }
        placement.started(worker);
        getContext().watchWith(worker, new WorkerLost(worker));
        timers.startSingleTimer(chunk, new ChunkOverdue(chunk, slot.attempt), chunkDeadline);
        worker.tell(new WorkerNodeProtocol.RunChunk(
                new ChunkTask(spec.requestId(), chunk, slot.attempt, offset, plan.chunkLength(chunk), op),
                reportAdapter));
        return true;
    }

    /**
     * What the chunk's worker does. Local files are read and written by this node's own worker
     * from its own buffers; a chunk of a local write source placed on another node carries its
     * bytes, read here.
     */
    private ChunkTask.Op operation(int chunk, int stable, boolean local) throws IOException {
        return switch (spec.kind()) {
            case READ -> spec.sink() instanceof Sink.Stream s
                    ? new ChunkTask.ReadStream(spec.file(), s.consumer(), ackAdapter)
                    : spec.sink() instanceof Sink.Digest
                    ? new ChunkTask.ReadDigest(spec.file())
                    : spec.sink() instanceof Sink.LocalFile f
                    ? new ChunkTask.ReadToLocal(spec.file(), f.localFile(), f.position(), spec.offset())
                    : new ChunkTask.ReadReply(spec.file());
            case WRITE -> local && spec.source().localFile() != null
                    ? new ChunkTask.WriteFromLocal(spec.file(), spec.source().localFile(),
                            spec.source().localPosition(), spec.offset(), stable)
                    : new ChunkTask.WriteBytes(spec.file(),
                            spec.source().read(plan.chunkOffset(chunk) - spec.offset(), plan.chunkLength(chunk)), stable);
            case COPY -> new ChunkTask.CopyTo(spec.file(), spec.target(), stable);
        };
    }

    /** A ref to this node's own worker carries no host. */
    private static boolean isLocal(ActorRef<?> worker) {
        return !worker.path().address().hasGlobalScope();
    }

    /** A chunk that could not even be sent ends the request at its offset. */
    private void fail(int chunk, IoError error) {
        prefix.failed(plan.chunkOffset(chunk), error);
        window.stopSending();
    }

    // ---- reports --------------------------------------------------------------------------

    private Behavior<Command> onReport(ChunkReport report) {
        ChunkWindow.Slot<ActorRef<WorkerNodeProtocol.Command>> slot = window.slot(report.chunk());
        if (slot == null || slot.attempt != report.attempt() || slot.reported) {
            // A superseded attempt (its worker was presumed lost and the chunk re-dispatched):
            // its bytes are already someone else's to count.
            return this;
        }
        slot.reported = true;
        timers.cancel(slot.chunk);
        placement.finished(slot.worker);
        rpcs += report.rpcs().rpcs();
        retransmits += report.rpcs().retransmits();
        shortIo += report.rpcs().shortIo();
        if (report instanceof ChunkReport.Done done) {
            accept(slot, done);
        } else if (report instanceof ChunkReport.Failed failed) {
            prefix.failed(failed.error().offset(), failed.error());
        }
        if (!slot.awaitingAck) {
            window.close(slot);
        }
        return pump();
    }

    private void accept(ChunkWindow.Slot<ActorRef<WorkerNodeProtocol.Command>> slot, ChunkReport.Done done) {
        int expected = plan.chunkLength(slot.chunk);
        // EOF ends a read, and a copy whose source ends; a write has no EOF to hide behind.
        boolean eof = done.eof() && spec.kind() != RequestSpec.Kind.WRITE;
        if (done.count() < expected && !eof) {
            if (done.count() == 0) {
                long at = done.offset();
                prefix.failed(at, IoError.of(Errno.EIO, spec.describe() + " at offset " + at + ": the server "
                        + (writes() ? "wrote" : "read") + " 0 bytes without EOF", at));
            } else {
                // Workers resend the remainder themselves; one that did not is treated like a lost
                // attempt: the whole chunk goes out again (reads and writes of the same bytes at
                // the same offset are idempotent).
                shortIo++;
                retry(slot, "short " + (writes() ? "write" : "read") + " of " + done.count() + " bytes");
            }
            return;
        }
        if (writes() && done.count() > 0) {
            if (done.committed() < slot.stable) {
                prefix.failed(done.offset(), IoError.of(Errno.EIO, spec.describe() + " at offset " + done.offset()
                        + ": the server committed " + CommitLedger.stableName(done.committed()) + " where "
                        + CommitLedger.stableName(slot.stable) + " was asked", done.offset()));
                return;
            }
            ledger.written(slot.chunk, done.committed(), done.verifier());
        }
        prefix.done(done.offset(), done.count(), eof);
        results.add(done);
        slot.awaitingAck = spec.sink() instanceof Sink.Stream && done.count() > 0 && !slot.acked;
    }

    /** Sends {@code slot}'s chunk again under a new attempt, within the chunk's retry budget. */
    private void retry(ChunkWindow.Slot<ActorRef<WorkerNodeProtocol.Command>> slot, String why) {
        long offset = plan.chunkOffset(slot.chunk);
        if (window.stopped() || prefix.endedBefore(offset)) {
            return;
        }
        if (slot.attempt >= spec.maxAttempts()) {
            prefix.failed(offset, IoError.of(Errno.EIO, spec.describe() + " at offset " + offset + ": " + why
                    + ", " + slot.attempt + " attempts, giving up", offset));
        } else {
            window.sendAgainFirst(slot.chunk);
        }
    }

    /**
     * A consumer is done with a chunk. An ack is the consumer's word, not ours: one for another
     * request, a chunk this request never planned, or an attempt since superseded is logged and
     * ignored, never allowed to free a slot or to stop the request.
     */
    private Behavior<Command> onAck(ChunkAck ack) {
        ChunkWindow.Slot<ActorRef<WorkerNodeProtocol.Command>> slot =
                ack.requestId().equals(spec.requestId()) && ack.chunk() >= 0 && ack.chunk() < plan.count()
                        ? window.slot(ack.chunk()) : null;
        if (slot == null || slot.attempt != ack.attempt()) {
            getContext().getLog().debug("{}: ignoring an ack for chunk {} attempt {} at offset {}, which is not "
                    + "in flight", spec.describe(), ack.chunk(), ack.attempt(), ack.offset());
            return this;
        }
        if (slot.reported) {
            window.close(slot);
        } else {
            // The consumer may ack before the worker's report reaches us: remember it.
            slot.acked = true;
        }
        return pump();
    }

    // ---- commit ---------------------------------------------------------------------------

    private Behavior<Command> finishTransfer() {
        if (committer != null || completed) {
            return this;
        }
        int firstUncommitted = ledger.firstUncommitted();
        if (firstUncommitted >= 0 && !prefix.endedBefore(plan.chunkOffset(firstUncommitted))) {
            ActorRef<WorkerNodeProtocol.Command> worker = placement.choose(workers);
            if (worker == null) {
                long at = plan.chunkOffset(firstUncommitted);
                prefix.cut(at, IoError.of(Errno.EAGAIN, spec.describe() + " at offset " + at
                        + ": no worker node is available to COMMIT", at));
                return complete();
            }
            committer = worker;
            rpcs++;
            var target = spec.kind() == RequestSpec.Kind.COPY ? spec.target() : spec.file();
            ActorRef<WorkerNodeProtocol.CommitResult> adapter =
                    getContext().messageAdapter(WorkerNodeProtocol.CommitResult.class, CommitDone::new);
            getContext().watchWith(worker, new WorkerLost(worker));
            worker.tell(new WorkerNodeProtocol.RunCommit(spec.requestId(), target, adapter));
            return this;
        }
        return complete();
    }

    private Behavior<Command> onCommit(WorkerNodeProtocol.CommitResult result) {
        if (committer == null) {
            return this;
        }
        committer = null;
        if (result instanceof WorkerNodeProtocol.Committed ok) {
            for (int chunk : ledger.committed(ok.verifier())) {
                if (!prefix.endedBefore(plan.chunkOffset(chunk))) {
                    verifierMismatches++;
                    window.sendAgain(chunk);
                }
            }
            return window.hasResends() ? pump() : complete();
        }
        int first = ledger.firstUncommitted();
        long at = plan.chunkOffset(first);
        IoError e = ((WorkerNodeProtocol.CommitFailed) result).error();
        String commit = "COMMIT of the bytes from offset " + at + " failed: " + e.message();
        // A COMMIT often fails for the reason a WRITE already did (the server went away): the
        // WRITE's error, at its offset, stays the request's, and says what the COMMIT cost.
        prefix.amendError(earlier -> new IoError(earlier.errno(), earlier.nfsStatus(), earlier.offset(),
                earlier.message() + "; then " + commit + ", so the count ends there"));
        prefix.cut(at, new IoError(e.errno(), e.nfsStatus(), at, spec.describe() + " at offset " + at + ": " + commit));
        return complete();
    }

    // ---- cancellation and failover --------------------------------------------------------

    private Behavior<Command> onCancel(boolean askerStillThere, String why) {
        askerAlive &= askerStillThere;
        if (completed || window.stopped()) {
            return this;
        }
        long cutAt = window.firstUnfinishedOffset();
        window.stopSending();
        if (cutAt != Long.MAX_VALUE) {
            prefix.cut(cutAt, IoError.of(Errno.ECANCELED, spec.describe() + " at offset " + cutAt
                    + ": " + why, cutAt));
        }
        return window.isEmpty() ? finishTransfer() : this;
    }

    /**
     * A stream consumer that died will never ack: its chunks stop holding the window, and the
     * request ends as cancelled once the chunks still on the wire have reported.
     */
    private Behavior<Command> onConsumerGone() {
        window.slots().removeIf(slot -> slot.reported);
        for (ChunkWindow.Slot<ActorRef<WorkerNodeProtocol.Command>> slot : window.slots()) {
            slot.acked = true;
        }
        onCancel(true, "cancelled: the stream consumer terminated");
        return window.isEmpty() ? finishTransfer() : this;
    }

    private Behavior<Command> onWorkerLost(ActorRef<WorkerNodeProtocol.Command> worker) {
        workers = workers.stream().filter(w -> !w.equals(worker)).toList();
        for (ChunkWindow.Slot<ActorRef<WorkerNodeProtocol.Command>> slot : window.lostWith(worker)) {
            if (!slot.reported) {
                placement.finished(worker);
            }
            retry(slot, "chunk lost with its worker node");
        }
        if (worker.equals(committer)) {
            // The COMMIT went to a node that is gone; the next pump asks another.
            committer = null;
        }
        return pump();
    }

    /** A chunk attempt that never reported, though its worker is not known to be dead. */
    private Behavior<Command> onOverdue(ChunkOverdue m) {
        ChunkWindow.Slot<ActorRef<WorkerNodeProtocol.Command>> slot = window.slot(m.chunk());
        if (slot == null || slot.attempt != m.attempt() || slot.reported) {
            return this;
        }
        window.close(slot);
        placement.finished(slot.worker);
        retry(slot, "no report within " + chunkDeadline.toSeconds() + " s");
        return pump();
    }

    private Behavior<Command> onWorkersChanged(List<ActorRef<WorkerNodeProtocol.Command>> now) {
        workers = eligible(now);
        return pump();
    }

    private List<ActorRef<WorkerNodeProtocol.Command>> eligible(List<ActorRef<WorkerNodeProtocol.Command>> all) {
        List<ActorRef<WorkerNodeProtocol.Command>> candidates = spec.sink() instanceof Sink.LocalFile
                // the file is open on this node only
                ? all.stream().filter(DirectRequest::isLocal).toList()
                : List.copyOf(all);
        return Placement.restrict(candidates, nodes, worker -> {
            // A ref to this node's own worker carries no host; name it by the node's address.
            boolean local = isLocal(worker);
            String address = (local ? getContext().getSystem().address() : worker.path().address()).toString();
            return Placement.namesOf(address, local);
        });
    }

    // ---- completion -----------------------------------------------------------------------

    private Behavior<Command> complete() {
        if (completed) {
            return this;
        }
        completed = true;
        if (verifierMismatches > 0) {
            NodeCounters.get(getContext().getSystem()).verifierMismatches(verifierMismatches);
        }
        long bytes = prefix.bytes();
        if (askerAlive) {
            replyTo.tell(new IoCompletion(spec.requestId(), bytes, prefix.error(), results.data(bytes),
                    results.digests(bytes), new IoCounters(chunksSent, rpcs, retransmits, shortIo,
                            verifierMismatches, redispatched, System.nanoTime() - startNanos), false));
        }
        return Behaviors.stopped();
    }

    private void closeSource() {
        if (spec.source() != null) {
            spec.source().close();
        }
    }
}
