package io.nfsdirect.coordinator;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.api.ChunkAck;
import io.nfsdirect.protocol.api.ChunkDigest;
import io.nfsdirect.protocol.api.IoCompletion;
import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.protocol.api.Sink;
import io.nfsdirect.protocol.chunk.ChunkReport;
import io.nfsdirect.protocol.chunk.ChunkTask;
import io.nfsdirect.protocol.chunk.WorkerNodeProtocol;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.worker.NodeCounters;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

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
        return Behaviors.setup(ctx -> new DirectRequest(ctx, spec, workers, replyTo, nodes));
    }

    /** A chunk in the window: dispatched and not yet reported, or reported and not yet acked. */
    private static final class Slot {
        final int chunk;
        final int attempt;
        final ActorRef<WorkerNodeProtocol.Command> worker;
        final int stable;
        boolean reported;
        boolean acked;
        boolean awaitingAck;

        Slot(int chunk, int attempt, ActorRef<WorkerNodeProtocol.Command> worker, int stable) {
            this.chunk = chunk;
            this.attempt = attempt;
            this.worker = worker;
            this.stable = stable;
        }
    }

    private final RequestSpec spec;
    private final ChunkPlan plan;
    private final PrefixAccounting<IoError> prefix;
    private final CommitLedger ledger;
    private final Placement<ActorRef<WorkerNodeProtocol.Command>> placement = new Placement<>();
    private final ActorRef<IoCompletion> replyTo;
    private final List<String> nodes;
    private final ActorRef<ChunkReport> reportAdapter;
    private final ActorRef<ChunkAck> ackAdapter;
    private final long startNanos = System.nanoTime();

    private List<ActorRef<WorkerNodeProtocol.Command>> workers;
    private final Map<Integer, Slot> window = new HashMap<>();
    private final Map<Integer, Integer> attempts = new HashMap<>();
    /** Chunks to send again before the cursor moves on: lost attempts and verifier mismatches. */
    private final Deque<Integer> redo = new ArrayDeque<>();
    private int cursor;
    private boolean stopped;
    private boolean askerAlive = true;
    private boolean committing;
    private boolean completed;

    private final byte[] replyData;
    private final TreeMap<Long, ChunkDigest> digests = new TreeMap<>();
    private long rpcs;
    private long retransmits;
    private long shortIo;
    private int verifierMismatches;
    private int redispatched;

    private DirectRequest(ActorContext<Command> ctx, RequestSpec spec,
                          List<ActorRef<WorkerNodeProtocol.Command>> workers, ActorRef<IoCompletion> replyTo,
                          List<String> nodes) {
        super(ctx);
        this.nodes = List.copyOf(nodes);
        this.spec = spec;
        this.plan = spec.plan();
        this.prefix = new PrefixAccounting<>(spec.offset(), spec.length());
        this.ledger = new CommitLedger(plan.count(), writes() && !spec.stable() && plan.count() > 1);
        this.workers = eligible(workers);
        this.replyTo = replyTo;
        this.reportAdapter = ctx.messageAdapter(ChunkReport.class, Report::new);
        this.ackAdapter = ctx.messageAdapter(ChunkAck.class, Ack::new);
        this.replyData = spec.sink() instanceof Sink.Reply ? new byte[Math.toIntExact(spec.length())] : null;
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
        // A chunk past the end of the count (after an error or EOF earlier in the file) will
        // never be consumed by an in-order consumer, which waits for the gap to fill: its ack
        // must not hold the window, or the request would never complete.
        window.values().removeIf(slot -> slot.reported && slot.awaitingAck
                && prefix.endedBefore(plan.chunkOffset(slot.chunk)));
        while (!stopped && window.size() < spec.window()) {
            Integer next = nextChunk();
            if (next == null) {
                break;
            }
            if (!dispatch(next)) {
                break;
            }
        }
        return window.isEmpty() && nextChunk() == null ? finishTransfer() : this;
    }

    /** The next chunk worth sending, without taking it; null when there is none. */
    private Integer nextChunk() {
        if (stopped) {
            return null;
        }
        while (!redo.isEmpty() && prefix.endedBefore(plan.chunkOffset(redo.peek()))) {
            redo.poll();
        }
        if (!redo.isEmpty()) {
            return redo.peek();
        }
        if (cursor < plan.count() && !prefix.endedBefore(plan.chunkOffset(cursor))) {
            return cursor;
        }
        return null;
    }

    private boolean dispatch(int chunk) {
        ActorRef<WorkerNodeProtocol.Command> worker = placement.choose(workers);
        long offset = plan.chunkOffset(chunk);
        if (worker == null) {
            fail(chunk, IoError.of(Errno.EAGAIN, spec.describe() + " at offset " + offset
                    + ": no worker node " + (nodes.isEmpty() ? "" : "of " + nodes + " ")
                    + "is available to run the chunk", offset));
            return false;
        }
        int stable = ledger.stableFor(chunk, spec.stable() || plan.count() == 1);
        ChunkTask.Op op;
        try {
            op = operation(chunk, stable);
        } catch (IOException e) {
            fail(chunk, IoError.of(Errno.EIO, spec.describe() + " at offset " + offset
                    + ": reading the write source failed: " + e.getMessage(), offset));
            return false;
        }
        if (!redo.isEmpty() && redo.peek() == chunk) {
            redo.poll();
        } else {
            cursor++;
        }
        int attempt = attempts.merge(chunk, 1, Integer::sum);
        if (attempt > 1) {
            redispatched++;
        }
        ChunkTask task = new ChunkTask(spec.requestId(), chunk, attempt, offset, plan.chunkLength(chunk), op);
        window.put(chunk, new Slot(chunk, attempt, worker, stable));
        placement.started(worker);
        getContext().watchWith(worker, new WorkerLost(worker));
        worker.tell(new WorkerNodeProtocol.RunChunk(task, reportAdapter));
        return true;
    }

    private ChunkTask.Op operation(int chunk, int stable) throws IOException {
        return switch (spec.kind()) {
            case READ -> spec.sink() instanceof Sink.Stream s
                    ? new ChunkTask.ReadStream(spec.file(), s.consumer(), ackAdapter)
                    : spec.sink() instanceof Sink.Digest
                    ? new ChunkTask.ReadDigest(spec.file())
                    : new ChunkTask.ReadReply(spec.file());
            case WRITE -> new ChunkTask.WriteBytes(spec.file(),
                    spec.source().read(plan.chunkOffset(chunk) - spec.offset(), plan.chunkLength(chunk)), stable);
            case COPY -> new ChunkTask.CopyTo(spec.file(), spec.target(), stable);
        };
    }

    /** A chunk that could not even be sent ends the request at its offset. */
    private void fail(int chunk, IoError error) {
        prefix.failed(plan.chunkOffset(chunk), error);
        stopped = true;
    }

    // ---- reports --------------------------------------------------------------------------

    private Behavior<Command> onReport(ChunkReport report) {
        Slot slot = window.get(report.chunk());
        if (slot == null || slot.attempt != report.attempt() || slot.reported) {
            // A superseded attempt (its worker was presumed lost and the chunk re-dispatched):
            // its bytes are already someone else's to count.
            return this;
        }
        slot.reported = true;
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
            window.remove(slot.chunk);
        }
        return pump();
    }

    private void accept(Slot slot, ChunkReport.Done done) {
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
                        + ": the server committed " + stableName(done.committed()) + " where "
                        + stableName(slot.stable) + " was asked", done.offset()));
                return;
            }
            ledger.written(slot.chunk, done.committed(), done.verifier());
        }
        prefix.done(done.offset(), done.count(), eof);
        if (replyData != null && done.data() != null) {
            System.arraycopy(done.data(), 0, replyData, Math.toIntExact(done.offset() - spec.offset()),
                    Math.min(done.data().length, done.count()));
        }
        if (done.digest() != null && done.count() > 0) {
            digests.put(done.offset(), done.digest());
        }
        slot.awaitingAck = spec.sink() instanceof Sink.Stream && done.count() > 0 && !slot.acked;
    }

    /** Sends {@code slot}'s chunk again under a new attempt, within the chunk's retry budget. */
    private void retry(Slot slot, String why) {
        long offset = plan.chunkOffset(slot.chunk);
        if (stopped || prefix.endedBefore(offset)) {
            return;
        }
        if (slot.attempt >= spec.maxAttempts()) {
            prefix.failed(offset, IoError.of(Errno.EIO, spec.describe() + " at offset " + offset + ": " + why
                    + ", " + slot.attempt + " attempts, giving up", offset));
        } else {
            redo.addFirst(slot.chunk);
        }
    }

    private Behavior<Command> onAck(ChunkAck ack) {
        if (!ack.requestId().equals(spec.requestId())) {
            return this;
        }
        int chunk = plan.indexOf(ack.offset());
        Slot slot = window.get(chunk);
        if (slot == null) {
            return this;
        }
        if (slot.reported) {
            window.remove(chunk);
        } else {
            // The consumer may ack before the worker's report reaches us: remember it.
            slot.acked = true;
        }
        return pump();
    }

    // ---- commit ---------------------------------------------------------------------------

    private Behavior<Command> finishTransfer() {
        if (committing || completed) {
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
            committing = true;
            rpcs++;
            var target = spec.kind() == RequestSpec.Kind.COPY ? spec.target() : spec.file();
            ActorRef<WorkerNodeProtocol.CommitResult> adapter =
                    getContext().messageAdapter(WorkerNodeProtocol.CommitResult.class, CommitDone::new);
            worker.tell(new WorkerNodeProtocol.RunCommit(spec.requestId(), target, adapter));
            return this;
        }
        return complete();
    }

    private Behavior<Command> onCommit(WorkerNodeProtocol.CommitResult result) {
        if (!committing) {
            return this;
        }
        committing = false;
        if (result instanceof WorkerNodeProtocol.Committed ok) {
            for (int chunk : ledger.committed(ok.verifier())) {
                if (!prefix.endedBefore(plan.chunkOffset(chunk))) {
                    verifierMismatches++;
                    redo.add(chunk);
                }
            }
            return redo.isEmpty() ? complete() : pump();
        }
        int first = ledger.firstUncommitted();
        long at = plan.chunkOffset(first);
        IoError e = ((WorkerNodeProtocol.CommitFailed) result).error();
        prefix.cut(at, new IoError(e.errno(), e.nfsStatus(), at, e.message()));
        return complete();
    }

    // ---- cancellation and failover --------------------------------------------------------

    private Behavior<Command> onCancel(boolean askerStillThere, String why) {
        askerAlive &= askerStillThere;
        if (completed || stopped) {
            return this;
        }
        stopped = true;
        long cutAt = Long.MAX_VALUE;
        if (!redo.isEmpty()) {
            cutAt = redo.stream().mapToLong(plan::chunkOffset).min().getAsLong();
        }
        if (cursor < plan.count()) {
            cutAt = Math.min(cutAt, plan.chunkOffset(cursor));
        }
        for (Slot slot : window.values()) {
            if (!slot.reported) {
                cutAt = Math.min(cutAt, plan.chunkOffset(slot.chunk));
            }
        }
        redo.clear();
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
        window.values().removeIf(slot -> slot.reported);
        for (Slot slot : window.values()) {
            slot.acked = true;
        }
        onCancel(true, "cancelled: the stream consumer terminated");
        return window.isEmpty() ? finishTransfer() : this;
    }

    private Behavior<Command> onWorkerLost(ActorRef<WorkerNodeProtocol.Command> worker) {
        workers = workers.stream().filter(w -> !w.equals(worker)).toList();
        List<Slot> lost = new ArrayList<>();
        for (Slot slot : window.values()) {
            if (slot.worker.equals(worker) && !slot.reported) {
                lost.add(slot);
            }
        }
        for (Slot slot : lost) {
            window.remove(slot.chunk);
            placement.finished(worker);
            retry(slot, "chunk lost with its worker node");
        }
        if (committing) {
            // The COMMIT went to a node that is gone; ask another.
            committing = false;
        }
        return pump();
    }

    private Behavior<Command> onWorkersChanged(List<ActorRef<WorkerNodeProtocol.Command>> now) {
        workers = eligible(now);
        return pump();
    }

    private List<ActorRef<WorkerNodeProtocol.Command>> eligible(List<ActorRef<WorkerNodeProtocol.Command>> all) {
        return Placement.restrict(List.copyOf(all), nodes, worker -> {
            // A ref to this node's own worker carries no host; name it by the node's address.
            boolean local = !worker.path().address().hasGlobalScope();
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
        IoError error = prefix.error();
        if (askerAlive) {
            byte[] data = replyData == null ? null
                    : bytes == replyData.length ? replyData : java.util.Arrays.copyOf(replyData, (int) bytes);
            List<ChunkDigest> inOrder = spec.sink() instanceof Sink.Digest
                    ? new ArrayList<>(digests.headMap(spec.offset() + bytes, false).values()) : List.of();
            replyTo.tell(new IoCompletion(spec.requestId(), bytes, error, data, inOrder,
                    new io.nfsdirect.protocol.api.IoCounters(plan.count(), rpcs, retransmits, shortIo,
                            verifierMismatches, redispatched, System.nanoTime() - startNanos), false));
        }
        return Behaviors.stopped();
    }

    private void closeSource() {
        if (spec.source() != null) {
            spec.source().close();
        }
    }

    private static String stableName(int stable) {
        return switch (stable) {
            case Nfs3.UNSTABLE -> "UNSTABLE";
            case Nfs3.DATA_SYNC -> "DATA_SYNC";
            case Nfs3.FILE_SYNC -> "FILE_SYNC";
            default -> "stable_how " + stable;
        };
    }
}
