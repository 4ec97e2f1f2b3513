package io.nfsdirect.coordinator;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.api.ChunkAck;
import io.nfsdirect.protocol.api.IoCompletion;
import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.protocol.api.Sink;
import io.nfsdirect.protocol.chunk.ChunkReport;
import io.nfsdirect.protocol.chunk.ChunkTask;
import io.nfsdirect.protocol.chunk.WorkerNodeProtocol;
import io.nfsdirect.worker.NodeCounters;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
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
 * <p>The life cycle, in the order of this file, as in the kernel's {@code direct.c}:
 * <ol>
 *   <li><b>transferring</b>: chunks go out through the plan's cursor while the window has room;
 *       each report is added up, and a stream sink frees a window slot only when the consumer
 *       acknowledges, so a slow consumer slows the read. A lost worker node (its
 *       {@code WorkerNode} terminated) or a chunk past its deadline has its chunk re-dispatched
 *       under a new attempt; a late report from the old attempt is not counted, so nothing is
 *       counted twice. An overdue attempt stays owned until it reports or its node is lost.</li>
 *   <li><b>the settle gate</b> ({@link #settle}, the kernel's {@code put_dreq}): every path that
 *       may end the transfer goes through it, and it lets the request on only when
 *       {@link ChunkWindow#settled} says that no attempt is owned and nothing is left to send.</li>
 *   <li><b>committing</b>: one COMMIT for the chunks written UNSTABLE; chunks it finds lost go
 *       back to transferring, FILE_SYNC.</li>
 *   <li><b>done</b> ({@link #complete}, {@code nfs_direct_complete}): the one completion, then
 *       the actor stops.</li>
 * </ol>
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

    private record WorkersChanged(List<ActorRef<WorkerNodeProtocol.Command>> workers,
                                  Set<ActorRef<WorkerNodeProtocol.Command>> unreachable) implements Internal {
    }

    private record ChunkOverdue(int chunk, int attempt) implements Internal {
    }

    private record ChunkAbandoned(int chunk, int attempt) implements Internal {
    }

    /** The timer of a superseded attempt, apart from its chunk's own deadline timer. */
    private record AbandonKey(int chunk, int attempt) {
    }

    /** How many chunk deadlines more a superseded attempt is waited for before it is given up. */
    static final int ABANDON_AFTER_DEADLINES = 4;

    /** How long a chunk attempt may go without a report when nobody says otherwise. */
    public static final Duration DEFAULT_CHUNK_DEADLINE = Duration.ofMinutes(2);

    /** Tells a running request the current set of worker nodes (from a Receptionist listing). */
    public static Command workersChanged(List<ActorRef<WorkerNodeProtocol.Command>> workers) {
        return workersChanged(workers, Set.of());
    }

    /**
     * Tells a running request the reachable worker nodes, and those registered but unreachable
     * now: the chunks running on an unreachable one go out again at once, without waiting for the
     * split brain resolver to down its node.
     */
    public static Command workersChanged(List<ActorRef<WorkerNodeProtocol.Command>> workers,
                                         Set<ActorRef<WorkerNodeProtocol.Command>> unreachable) {
        return new WorkersChanged(List.copyOf(workers), Set.copyOf(unreachable));
    }

    /**
     * @param workers       the worker nodes known now; {@link #workersChanged} tells of changes
     * @param nodes         the worker nodes the request may use ({@code IoOptions.nodes()}); empty for any
     * @param chunkDeadline how long a chunk attempt may go without a report before it is treated
     *                      as lost and sent again: the backstop for a report that can never come (a
     *                      message dropped between nodes), far above what the NFS client's own
     *                      timeo and retrans allow an RPC
     */
    public static Behavior<Command> create(RequestSpec spec, List<ActorRef<WorkerNodeProtocol.Command>> workers,
                                           ActorRef<IoCompletion> replyTo, List<String> nodes,
                                           Duration chunkDeadline) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new DirectRequest(ctx, timers, spec, workers, replyTo, nodes, chunkDeadline).pump()));
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
    private final ActorRef<WorkerNodeProtocol.CommitResult> commitAdapter;
    private final RequestCounters counters = new RequestCounters();
    private final TimerScheduler<Command> timers;
    private final Duration chunkDeadline;

    private List<ActorRef<WorkerNodeProtocol.Command>> workers;
    private boolean askerAlive = true;
    /** The node running this request's COMMIT, while one is out. */
    private ActorRef<WorkerNodeProtocol.Command> committer;
    /** Why the request was cancelled, once it was; a COMMIT then ends it whatever it finds. */
    private String cancelled;

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
        this.ledger = new CommitLedger(spec.writes() && !spec.stable() && plan.count() > 1);
        this.window = new ChunkWindow<>(plan, spec.window());
        this.results = new ReadResults(spec);
        this.workers = eligible(workers);
        this.replyTo = replyTo;
        this.reportAdapter = ctx.messageAdapter(ChunkReport.class, Report::new);
        this.ackAdapter = ctx.messageAdapter(ChunkAck.class, Ack::new);
        this.commitAdapter = ctx.messageAdapter(WorkerNodeProtocol.CommitResult.class, CommitDone::new);
        ctx.watchWith(replyTo, new AskerGone());
        Sink.Stream stream = spec.sinkOf(Sink.Stream.class);
        if (stream != null) {
            ctx.watchWith(stream.consumer(), new ConsumerGone());
        }
    }

    // ==== transferring ========================================================================

    /**
     * The transferring behavior is this object's own: its handlers return {@code this} to stay,
     * and {@link #settle} to move on. The committing phase, a behavior of its own, returns
     * {@code this} to come back here.
     */
    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Report.class, m -> onReport(m.report()))
                .onMessage(Ack.class, m -> onAck(m.ack()))
                .onMessage(Cancel.class, m -> onCancel(true, "cancelled"))
                .onMessage(AskerGone.class, m -> onCancel(false, "cancelled: the asking actor terminated"))
                .onMessage(ConsumerGone.class, m -> onConsumerGone())
                .onMessage(WorkerLost.class, m -> onWorkerLost(m.worker()))
                .onMessage(WorkersChanged.class, m -> onWorkersChanged(m.workers(), m.unreachable()))
                .onMessage(ChunkOverdue.class, this::onOverdue)
                .onMessage(ChunkAbandoned.class, this::onAbandoned)
                .onSignal(PostStop.class, s -> onStop())
                .build();
    }

    /** Sends what the window has room for, then goes through the settle gate. */
    private Behavior<Command> pump() {
        window.releaseAcksBeyond(prefix);
        while (window.hasRoom()) {
            Integer next = window.next(prefix);
            if (next == null || !dispatch(next)) {
                break;
            }
        }
        return settle();
    }

    private boolean dispatch(int chunk) {
        ActorRef<WorkerNodeProtocol.Command> worker = placement.choose(workers);
        long offset = plan.chunkOffset(chunk);
        if (worker == null) {
            String which = spec.sinkOf(Sink.LocalFile.class) != null
                    ? "this node has no worker to write its local file"
                    : "no worker node " + (nodes.isEmpty() ? "" : "of " + nodes + " ") + "is available to run the chunk";
            fail(offset, Errno.EAGAIN, which);
            return false;
        }
        int stable = ledger.stableFor(chunk, spec.stable() || plan.count() == 1);
        ChunkTask.Op op;
        try {
            op = spec.operation(plan.chunkOffset(chunk), plan.chunkLength(chunk), stable, isLocal(worker), ackAdapter);
        } catch (IOException e) {
            fail(offset, Errno.EIO, "reading the write source failed: " + e.getMessage());
            return false;
        }
        ChunkWindow.Slot<ActorRef<WorkerNodeProtocol.Command>> slot = window.open(chunk, worker, stable);
        counters.sent(slot.attempt);
        placement.started(worker);
        getContext().watchWith(worker, new WorkerLost(worker));
        timers.startSingleTimer(chunk, new ChunkOverdue(chunk, slot.attempt), chunkDeadline);
        worker.tell(new WorkerNodeProtocol.RunChunk(
                new ChunkTask(spec.requestId(), chunk, slot.attempt, offset, plan.chunkLength(chunk), op),
                reportAdapter));
        return true;
    }

    /** A ref to this node's own worker carries no host. */
    private static boolean isLocal(ActorRef<?> worker) {
        return !worker.path().address().hasGlobalScope();
    }

    /** This request's error at {@code at}: one shape for every error line ({@link IoError#line}). */
    private IoError error(Errno errno, long at, String cause) {
        return IoError.at(errno, spec.describe(), at, cause);
    }

    /**
     * A chunk that could not even be sent ends the request at its offset, or lower, at the first
     * chunk still waiting to be sent again: nothing waiting is sent any more.
     */
    private void fail(long offset, Errno errno, String cause) {
        long at = Math.min(offset, window.firstResendOffset());
        prefix.failed(at, error(errno, at, cause));
        window.stopSending();
    }

    private Behavior<Command> onReport(ChunkReport report) {
        ChunkWindow.Slot<ActorRef<WorkerNodeProtocol.Command>> slot = window.reporting(report.chunk(), report.attempt());
        if (slot == null) {
            // Not an attempt this request still owns: a duplicate, or one given up with its node.
            return this;
        }
        placement.finished(slot.worker);
        counters.add(report.rpcs());
        if (slot.state() == ChunkWindow.State.SUPERSEDED) {
            // Its chunk went out again: the bytes are the new attempt's to count. Only now may the
            // request end, as this worker has stopped touching the request's file and buffers.
            window.reported(slot, false);
            return pump();
        }
        timers.cancel(slot.chunk);
        boolean awaitAck = false;
        if (report instanceof ChunkReport.Done done) {
            awaitAck = accept(slot, done);
        } else if (report instanceof ChunkReport.Failed failed) {
            prefix.failed(failed.error().offset(), failed.error());
        }
        window.reported(slot, awaitAck);
        return pump();
    }

    /** Counts a chunk's outcome; returns whether its data is with a stream consumer that must ack it. */
    private boolean accept(ChunkWindow.Slot<ActorRef<WorkerNodeProtocol.Command>> slot, ChunkReport.Done done) {
        int expected = plan.chunkLength(slot.chunk);
        // EOF ends a read, and a copy whose source ends; a write has no EOF to hide behind.
        boolean eof = done.eof() && !(spec.work() instanceof RequestSpec.Write);
        if (done.count() < expected && !eof) {
            if (done.count() == 0) {
                long at = done.offset();
                prefix.failed(at, error(Errno.EIO, at, "the server "
                        + (spec.writes() ? "wrote" : "read") + " 0 bytes without EOF"));
            } else {
                // Workers resend the remainder themselves; one that did not is treated like a lost
                // attempt: the whole chunk goes out again (reads and writes of the same bytes at
                // the same offset are idempotent).
                counters.shortTransfer();
                retry(slot, "short " + (spec.writes() ? "write" : "read") + " of " + done.count() + " bytes");
            }
            return false;
        }
        if (spec.writes() && done.count() > 0) {
            if (done.committed() < slot.stable) {
                prefix.failed(done.offset(), error(Errno.EIO, done.offset(), "the server committed "
                        + CommitLedger.stableName(done.committed()) + " where " + CommitLedger.stableName(slot.stable)
                        + " was asked"));
                return false;
            }
            ledger.written(slot.chunk, done.committed(), done.verifier());
        }
        prefix.done(done.offset(), done.count(), eof);
        results.add(done);
        return spec.sinkOf(Sink.Stream.class) != null && done.count() > 0;
    }

    /** Sends {@code slot}'s chunk again under a new attempt, within the chunk's retry budget. */
    private void retry(ChunkWindow.Slot<ActorRef<WorkerNodeProtocol.Command>> slot, String why) {
        retry(List.of(slot), why);
    }

    /**
     * Sends the chunks of {@code slots} again, lowest first, each within its retry budget. Once
     * the request has stopped sending, a chunk that would have gone again ends the count at its
     * offset instead: its bytes are not where the count says.
     */
    private void retry(List<ChunkWindow.Slot<ActorRef<WorkerNodeProtocol.Command>>> slots, String why) {
        List<ChunkWindow.Slot<ActorRef<WorkerNodeProtocol.Command>>> again = new java.util.ArrayList<>();
        for (ChunkWindow.Slot<ActorRef<WorkerNodeProtocol.Command>> slot : slots) {
            long offset = plan.chunkOffset(slot.chunk);
            if (prefix.endedBefore(offset)) {
                continue;
            }
            if (window.stopped()) {
                // failed, not cut: the count's end and its error's offset must be the same place
                prefix.failed(offset, cancelled != null ? error(Errno.ECANCELED, offset, cancelled + "; then " + why)
                        : error(Errno.EIO, offset, why + ", after the request had stopped sending"));
            } else if (slot.tries >= spec.maxAttempts()) {
                prefix.failed(offset, error(Errno.EIO, offset, why + ", " + slot.tries + " attempts, giving up"));
            } else {
                again.add(slot);
            }
        }
        window.sendAgainFirst(again);
    }

    /**
     * A consumer is done with a chunk. An ack is the consumer's word, not ours: one for another
     * request, a chunk this request never planned, or an attempt since superseded is logged and
     * ignored, never allowed to free a slot or to stop the request.
     */
    private Behavior<Command> onAck(ChunkAck ack) {
        boolean ours = ack.requestId().equals(spec.requestId()) && ack.chunk() >= 0 && ack.chunk() < plan.count()
                && window.acked(ack.chunk(), ack.attempt());
        if (!ours) {
            getContext().getLog().debug("{}: ignoring an ack for chunk {} attempt {} at offset {}, which is not "
                    + "in flight", spec.describe(), ack.chunk(), ack.attempt(), ack.offset());
            return this;
        }
        return pump();
    }

    // ---- cancellation and failover, while transferring ---------------------------------------

    /** Stops dispatching and cuts the count before the first chunk not done; what is out is still awaited. */
    private Behavior<Command> onCancel(boolean askerStillThere, String why) {
        askerAlive &= askerStillThere;
        if (cancelled != null) {
            // Cancelled already; what changed (a consumer gone frees its slots) may settle it.
            return pump();
        }
        cancelled = why;
        long cutAt = window.firstUnfinishedOffset();
        window.stopSending();
        if (cutAt != Long.MAX_VALUE) {
            prefix.cut(cutAt, error(Errno.ECANCELED, cutAt, why));
        }
        return pump();
    }

    /**
     * A stream consumer that died will never ack: its chunks stop holding the window, and the
     * request ends as cancelled once the chunks still on the wire have reported.
     */
    private Behavior<Command> onConsumerGone() {
        window.consumerGone();
        return onCancel(true, "cancelled: the stream consumer terminated");
    }

    private Behavior<Command> onWorkerLost(ActorRef<WorkerNodeProtocol.Command> worker) {
        dropWorker(worker);
        retry(window.lostWith(worker), "chunk lost with its worker node");
        return pump();
    }

    private void dropWorker(ActorRef<WorkerNodeProtocol.Command> worker) {
        workers = workers.stream().filter(w -> !w.equals(worker)).toList();
        placement.forget(worker);
    }

    /**
     * A chunk attempt that never reported, though its worker is not known to be dead: the chunk
     * goes out again, and the old attempt stays owned, because its worker may still write.
     */
    private Behavior<Command> onOverdue(ChunkOverdue m) {
        supersede(window.overdue(m.chunk(), m.attempt()), "has not reported within " + chunkDeadline.toSeconds()
                + " s", "no report within " + chunkDeadline.toSeconds() + " s");
        return pump();
    }

    /**
     * Sends {@code slot}'s chunk again (when the window gave one), and waits for the superseded
     * attempt too, up to {@link #ABANDON_AFTER_DEADLINES} deadlines: its node may be alive and
     * still be writing. A late report from it is not counted.
     */
    private void supersede(ChunkWindow.Slot<ActorRef<WorkerNodeProtocol.Command>> slot, String what, String why) {
        if (slot == null) {
            return;
        }
        getContext().getLog().warn("{}: chunk {} (offset {}) {} on {}; sending it again, and the request waits for "
                + "that attempt too", spec.describe(), slot.chunk, plan.chunkOffset(slot.chunk), what,
                slot.worker.path().address());
        timers.startSingleTimer(new AbandonKey(slot.chunk, slot.attempt), new ChunkAbandoned(slot.chunk, slot.attempt),
                chunkDeadline.multipliedBy(ABANDON_AFTER_DEADLINES));
        retry(slot, why);
    }

    /**
     * A superseded attempt that neither reported nor died with its node for a long while more:
     * a report that can never come (a message dropped between live nodes). The request stops
     * waiting for it rather than for ever; should its worker still write, it writes the bytes
     * of its chunk at their own offsets.
     */
    private Behavior<Command> onAbandoned(ChunkAbandoned m) {
        ChunkWindow.Slot<ActorRef<WorkerNodeProtocol.Command>> slot = window.abandon(m.chunk(), m.attempt());
        if (slot == null) {
            return this;
        }
        placement.finished(slot.worker);
        getContext().getLog().warn("{}: chunk {} attempt {} on {} never reported; no longer waiting for it",
                spec.describe(), slot.chunk, slot.attempt, slot.worker.path().address());
        return pump();
    }

    /**
     * A new listing. A worker node that became unreachable may be dead or only cut off: the
     * chunks it has not reported go out again now, as overdue ones do, rather than once the split
     * brain resolver downs it (seconds later). Its attempts stay owned until they report or its
     * node is lost, so reads and FILE_SYNC writes are at worst done twice, and an UNSTABLE write
     * is still checked by the COMMIT's verifier.
     */
    private Behavior<Command> onWorkersChanged(List<ActorRef<WorkerNodeProtocol.Command>> now,
                                               Set<ActorRef<WorkerNodeProtocol.Command>> unreachable) {
        workers = eligible(now);
        for (ActorRef<WorkerNodeProtocol.Command> cutOff : unreachable) {
            for (ChunkWindow.Slot<ActorRef<WorkerNodeProtocol.Command>> slot : window.unreportedOn(cutOff)) {
                supersede(window.overdue(slot.chunk, slot.attempt), "is on an unreachable node",
                        "its worker node became unreachable");
            }
        }
        return pump();
    }

    private List<ActorRef<WorkerNodeProtocol.Command>> eligible(List<ActorRef<WorkerNodeProtocol.Command>> all) {
        List<ActorRef<WorkerNodeProtocol.Command>> candidates = spec.sinkOf(Sink.LocalFile.class) != null
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

    // ==== the settle gate =====================================================================

    /**
     * The one way out of transferring (the kernel's {@code put_dreq}): nothing happens until no
     * attempt is owned and nothing is left to send; then the request commits what is UNSTABLE
     * within the count, or completes.
     */
    private Behavior<Command> settle() {
        if (!window.settled(prefix)) {
            return this;
        }
        int first = ledger.firstUncommitted();
        if (first >= 0 && !prefix.endedBefore(plan.chunkOffset(first))) {
            return commit(first);
        }
        return complete();
    }

    // ==== committing ==========================================================================

    /** Sends the COMMIT of everything from {@code first} on, and waits for it in the committing behavior. */
    private Behavior<Command> commit(int first) {
        ActorRef<WorkerNodeProtocol.Command> worker = placement.choose(workers);
        if (worker == null) {
            long at = plan.chunkOffset(first);
            prefix.cut(at, error(Errno.EAGAIN, at, "no worker node is available to COMMIT"));
            return complete();
        }
        committer = worker;
        counters.commitSent();
        getContext().watchWith(worker, new WorkerLost(worker));
        worker.tell(new WorkerNodeProtocol.RunCommit(spec.requestId(),
                spec.writtenFile(), commitAdapter));
        return committing();
    }

    /**
     * While a COMMIT is out, nothing else is: no attempt is owned, so a report can only be a
     * duplicate, or come from an attempt given up with its node or abandoned. A cancel or the asker's end is noted; the COMMIT's answer still decides the count.
     */
    private Receive<Command> committing() {
        return newReceiveBuilder()
                .onMessage(CommitDone.class, m -> onCommit(m.result()))
                .onMessage(WorkerLost.class, m -> onLostWhileCommitting(m.worker()))
                .onMessage(WorkersChanged.class, m -> {
                    workers = eligible(m.workers());
                    return Behaviors.same();
                })
                .onMessage(Cancel.class, m -> cancelWhileCommitting(true, "cancelled"))
                .onMessage(AskerGone.class, m -> cancelWhileCommitting(false, "cancelled: the asking actor terminated"))
                .onMessage(Report.class, m -> Behaviors.same())
                .onMessage(Ack.class, m -> Behaviors.same())
                .onMessage(ConsumerGone.class, m -> Behaviors.same())
                .onMessage(ChunkOverdue.class, m -> Behaviors.same())
                .onMessage(ChunkAbandoned.class, m -> Behaviors.same())
                .onSignal(PostStop.class, s -> onStop())
                .build();
    }

    private Behavior<Command> cancelWhileCommitting(boolean askerStillThere, String why) {
        askerAlive &= askerStillThere;
        if (cancelled == null) {
            cancelled = why;
            window.stopSending();
        }
        return Behaviors.same();
    }

    private Behavior<Command> onLostWhileCommitting(ActorRef<WorkerNodeProtocol.Command> worker) {
        dropWorker(worker);
        if (!worker.equals(committer)) {
            return Behaviors.same();
        }
        // The COMMIT went to a node that is gone; another node asks again.
        committer = null;
        return commit(ledger.firstUncommitted());
    }

    private Behavior<Command> onCommit(WorkerNodeProtocol.CommitResult result) {
        committer = null;
        if (result instanceof WorkerNodeProtocol.Committed ok) {
            for (CommitLedger.Lost lost : ledger.committed(ok.verifier())) {
                long at = plan.chunkOffset(lost.first());
                if (prefix.endedBefore(at)) {
                    continue;
                }
                if (window.stopped()) {
                    // Nothing is sent again after a cancel or a chunk that could not be sent: the
                    // count ends where the server lost the bytes.
                    String lostHere = "the COMMIT found the bytes from here lost by the server";
                    prefix.failed(at, cancelled != null ? error(Errno.ECANCELED, at, cancelled + "; " + lostHere)
                            : error(Errno.EIO, at, lostHere + ", and the request had stopped sending"));
                    continue;
                }
                counters.verifierMismatches(chunksWithinCount(lost.first(), lost.last()));
                window.sendAgain(lost.first(), lost.last());
            }
            // Back to transferring (this object's behavior) for the chunks to write again.
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
        prefix.cut(at, new IoError(e.errno(), e.nfsStatus(), at, IoError.line(spec.describe(), at, commit)));
        return complete();
    }

    /** How many of chunks {@code first..last} start before the count's end. */
    private int chunksWithinCount(int first, int last) {
        int n = 0;
        for (int c = first; c <= last && !prefix.endedBefore(plan.chunkOffset(c)); c++) {
            n++;
        }
        return n;
    }

    // ==== done ================================================================================

    /**
     * The one completion (the kernel's {@code nfs_direct_complete}), reached only from the settle
     * gate and from the COMMIT's end, with nothing owned; the actor stops with it, so nothing
     * can complete twice.
     */
    private Behavior<Command> complete() {
        NodeCounters node = NodeCounters.get(getContext().getSystem());
        if (counters.verifierMismatches() > 0) {
            node.verifierMismatches(counters.verifierMismatches());
        }
        node.requestEnded(spec.op(), prefix.error() == null ? "ok" : prefix.error().errno());
        long bytes = prefix.bytes();
        if (askerAlive) {
            replyTo.tell(new IoCompletion(spec.requestId(), bytes, prefix.error(), results.data(bytes),
                    results.digests(bytes), counters.snapshot(), false));
        }
        return Behaviors.stopped();
    }

    private Behavior<Command> onStop() {
        spec.closeSource();
        return Behaviors.same();
    }
}
