package io.nfsdirect.coordinator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.api.ChunkAck;
import io.nfsdirect.protocol.api.ChunkData;
import io.nfsdirect.protocol.api.IoCompletion;
import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.protocol.api.Sink;
import io.nfsdirect.protocol.api.WriteSource;
import io.nfsdirect.protocol.chunk.ChunkReport;
import io.nfsdirect.protocol.chunk.ChunkReport.RpcCounts;
import io.nfsdirect.protocol.chunk.ChunkTask;
import io.nfsdirect.protocol.chunk.FileRef;
import io.nfsdirect.protocol.chunk.WorkerNodeProtocol;
import io.nfsdirect.protocol.chunk.WorkerNodeProtocol.RunChunk;
import io.nfsdirect.protocol.chunk.WorkerNodeProtocol.RunCommit;
import io.nfsdirect.protocol.nfs3.Nfs3;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The request's life cycle against scripted chunk outcomes: the worker node is a probe, so
 * every report arrives exactly when and how the test says.
 */
class DirectRequestTest {

    private static final ActorTestKit kit = ActorTestKit.create();
    private static final FileRef FILE = new FileRef("127.0.0.1", 2049, 2049, new byte[] {1, 2, 3}, 0, 0,
            "nfs://127.0.0.1/export/file");
    private static final FileRef TARGET = new FileRef("127.0.0.1", 2049, 2049, new byte[] {4, 5, 6}, 0, 0,
            "nfs://127.0.0.1/export/copy");
    private static final Duration QUIET = Duration.ofMillis(200);
    private static final int CHUNK = 100;

    @AfterAll
    static void shutdown() {
        kit.shutdownTestKit();
    }

    private static int seq;

    /** A request with no node restriction and the default chunk deadline. */
    private static Behavior<DirectRequest.Command> request(RequestSpec spec,
                                                           List<ActorRef<WorkerNodeProtocol.Command>> workers,
                                                           ActorRef<IoCompletion> asker) {
        return DirectRequest.create(spec, workers, asker, List.of(), DirectRequest.DEFAULT_CHUNK_DEADLINE);
    }


    private record Running(ActorRef<DirectRequest.Command> request, TestProbe<WorkerNodeProtocol.Command> worker,
                           TestProbe<IoCompletion> asker) {
    }

    private static Running start(RequestSpec spec) {
        TestProbe<WorkerNodeProtocol.Command> worker = kit.createTestProbe();
        TestProbe<IoCompletion> asker = kit.createTestProbe();
        ActorRef<DirectRequest.Command> ref = kit.spawn(request(spec, List.of(worker.getRef()),
                asker.getRef()), "request-" + (++seq));
        return new Running(ref, worker, asker);
    }

    private static RequestSpec read(long offset, long length, int window, Sink sink) {
        return new RequestSpec("r" + (seq + 1), FILE, new RequestSpec.Read(sink), offset, length, CHUNK, window,
                false, 3);
    }

    private static RequestSpec write(byte[] data, int window, boolean stable) throws IOException {
        return new RequestSpec("w" + (seq + 1), FILE, new RequestSpec.Write(ChunkSource.of(new WriteSource.Inline(data))),
                0, data.length, CHUNK, window, stable, 3);
    }

    private static List<RunChunk> expectChunks(Running r, int n) {
        List<RunChunk> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(r.worker().expectMessageClass(RunChunk.class));
        }
        return out;
    }

    private static void done(RunChunk run, int count, boolean eof, byte[] data) {
        ChunkTask t = run.task();
        run.replyTo().tell(new ChunkReport.Done(t.requestId(), t.chunk(), t.attempt(), "node", t.offset(), count, eof,
                Nfs3.FILE_SYNC, 0, data, null, new RpcCounts(1, 0, 0)));
    }

    private static void written(RunChunk run, int committed, long verifier) {
        ChunkTask t = run.task();
        run.replyTo().tell(new ChunkReport.Done(t.requestId(), t.chunk(), t.attempt(), "node", t.offset(), t.length(),
                false, committed, verifier, null, null, new RpcCounts(1, 0, 0)));
    }

    private static void failed(RunChunk run, Errno errno, long offset) {
        ChunkTask t = run.task();
        run.replyTo().tell(new ChunkReport.Failed(t.requestId(), t.chunk(), t.attempt(), "node",
                IoError.of(errno, errno.message() + " at " + offset, offset), new RpcCounts(1, 0, 0)));
    }

    /** The consumer's ack for the chunk {@code run} delivered. */
    private static ChunkAck ack(RunChunk run) {
        ChunkTask t = run.task();
        return new ChunkAck(t.requestId(), t.offset(), t.chunk(), t.attempt());
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] slice(byte[] all, long from, int len) {
        return java.util.Arrays.copyOfRange(all, (int) from, (int) from + len);
    }

    @Test
    void outOfOrderChunksAssembleTheReplyAndCompleteExactlyOnce() {
        byte[] file = bytes(350, 1);
        Running r = start(read(0, 350, 8, new Sink.Reply()));
        List<RunChunk> runs = expectChunks(r, 4);
        for (int i = runs.size() - 1; i >= 0; i--) {
            RunChunk run = runs.get(i);
            done(run, run.task().length(), false, slice(file, run.task().offset(), run.task().length()));
        }
        IoCompletion c = r.asker().receiveMessage();
        assertEquals(350, c.bytes());
        assertNull(c.error());
        assertArrayEquals(file, c.data());
        assertEquals(4, c.counters().chunks());
        assertEquals(4, c.counters().rpcs());
        r.asker().expectNoMessage(QUIET);
        r.worker().expectNoMessage(QUIET);
    }

    @Test
    void theFirstErrorInFileOrderWinsAndBytesWinOverIt() {
        Running r = start(read(0, 400, 8, new Sink.Reply()));
        List<RunChunk> runs = expectChunks(r, 4);
        failed(runs.get(3), Errno.EIO, 300);
        failed(runs.get(1), Errno.EACCES, 100);
        done(runs.get(2), CHUNK, false, new byte[CHUNK]);
        done(runs.get(0), CHUNK, false, new byte[CHUNK]);
        IoCompletion c = r.asker().receiveMessage();
        assertEquals(100, c.bytes());
        assertEquals("EACCES", c.error().errno());
        assertEquals(100, c.error().offset());
        assertEquals(100, c.result(), "bytes win over the error in the aio result");
        r.asker().expectNoMessage(QUIET);
    }

    @Test
    void anErrorAtTheStartGivesMinusErrno() {
        Running r = start(read(0, 200, 8, new Sink.Reply()));
        List<RunChunk> runs = expectChunks(r, 2);
        failed(runs.get(0), Errno.ESTALE, 0);
        done(runs.get(1), CHUNK, false, new byte[CHUNK]);
        IoCompletion c = r.asker().receiveMessage();
        assertEquals(0, c.bytes());
        assertEquals(-Errno.ESTALE.number(), c.result());
    }

    @Test
    void aShortReadIsResentAndCountedOnce() {
        byte[] file = bytes(200, 2);
        Running r = start(read(0, 200, 8, new Sink.Reply()));
        List<RunChunk> runs = expectChunks(r, 2);
        done(runs.get(0), 40, false, slice(file, 0, 40));
        RunChunk again = r.worker().expectMessageClass(RunChunk.class);
        assertEquals(0, again.task().chunk());
        assertEquals(2, again.task().attempt());
        done(runs.get(1), CHUNK, false, slice(file, 100, CHUNK));
        done(again, CHUNK, false, slice(file, 0, CHUNK));
        IoCompletion c = r.asker().receiveMessage();
        assertEquals(200, c.bytes());
        assertArrayEquals(file, c.data());
        assertEquals(1, c.counters().shortIo());
    }

    @Test
    void zeroBytesWithoutEofIsEio() {
        Running r = start(read(0, 100, 8, new Sink.Reply()));
        done(expectChunks(r, 1).get(0), 0, false, new byte[0]);
        IoCompletion c = r.asker().receiveMessage();
        assertEquals(0, c.bytes());
        assertEquals("EIO", c.error().errno());
    }

    @Test
    void eofTrimsTheCountAndStopsDispatchBeyondIt() {
        byte[] file = bytes(130, 3);
        Running r = start(read(0, 1000, 3, new Sink.Reply()));
        List<RunChunk> runs = expectChunks(r, 3);
        done(runs.get(1), 30, true, slice(file, 100, 30));
        r.worker().expectNoMessage(QUIET);
        done(runs.get(2), 0, true, new byte[0]);
        r.worker().expectNoMessage(QUIET);
        r.asker().expectNoMessage(QUIET);
        done(runs.get(0), CHUNK, false, slice(file, 0, CHUNK));
        IoCompletion c = r.asker().receiveMessage();
        assertEquals(130, c.bytes());
        assertNull(c.error());
        assertArrayEquals(file, c.data());
        r.worker().expectNoMessage(QUIET);
    }

    @Test
    void theWindowIsNeverExceeded() throws InterruptedException {
        // The worker counts what the request really sent and the test has not answered yet.
        AtomicInteger outstanding = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        BlockingQueue<RunChunk> sent = new LinkedBlockingQueue<>();
        ActorRef<WorkerNodeProtocol.Command> worker = kit.spawn(Behaviors.receiveMessage(m -> {
            if (m instanceof RunChunk run) {
                most.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
                sent.add(run);
            }
            return Behaviors.same();
        }), "counting-worker");
        TestProbe<IoCompletion> asker = kit.createTestProbe();
        kit.spawn(request(read(0, 20 * CHUNK, 3, new Sink.Digest()), List.of(worker), asker.getRef()),
                "windowed-request");
        List<RunChunk> held = new ArrayList<>();
        Random order = new Random(8);
        for (int reported = 0; reported < 20; reported++) {
            // Whatever the request sends now arrives within the wait; then one of the chunks out,
            // picked at random, reports.
            for (RunChunk run = sent.poll(1, TimeUnit.SECONDS); run != null; run = sent.poll(100, TimeUnit.MILLISECONDS)) {
                held.add(run);
            }
            RunChunk run = held.remove(order.nextInt(held.size()));
            outstanding.decrementAndGet();
            done(run, CHUNK, false, null);
        }
        assertEquals(2000, asker.receiveMessage().bytes());
        assertEquals(3, most.get(), "the window of 3 was filled and never exceeded");
        assertNull(sent.poll(200, TimeUnit.MILLISECONDS), "nothing sent past the plan");
    }

    @Test
    void aStreamSinkFreesWindowSlotsOnlyOnAck() {
        TestProbe<ChunkData> consumer = kit.createTestProbe();
        Running r = start(read(0, 300, 1, new Sink.Stream(consumer.getRef())));
        RunChunk first = r.worker().expectMessageClass(RunChunk.class);
        ChunkTask.ReadStream op = (ChunkTask.ReadStream) first.task().op();
        done(first, CHUNK, false, null);
        r.worker().expectNoMessage(QUIET);
        op.ackTo().tell(ack(first));
        RunChunk second = r.worker().expectMessageClass(RunChunk.class);
        // An ack may overtake the worker's report.
        op.ackTo().tell(ack(second));
        done(second, CHUNK, false, null);
        RunChunk third = r.worker().expectMessageClass(RunChunk.class);
        done(third, CHUNK, false, null);
        r.asker().expectNoMessage(QUIET);
        op.ackTo().tell(ack(third));
        assertEquals(300, r.asker().receiveMessage().bytes());
    }

    @Test
    void anAckForNoChunkInFlightIsIgnoredAndTheRequestStillCompletes() {
        TestProbe<ChunkData> consumer = kit.createTestProbe();
        Running r = start(read(0, 200, 1, new Sink.Stream(consumer.getRef())));
        RunChunk first = r.worker().expectMessageClass(RunChunk.class);
        ChunkTask t = first.task();
        ActorRef<ChunkAck> acks = ((ChunkTask.ReadStream) t.op()).ackTo();
        done(first, CHUNK, false, null);
        // a chunk the plan does not have, an offset that is no chunk's, another request's ack
        acks.tell(new ChunkAck(t.requestId(), 12_345, 99, 1));
        acks.tell(new ChunkAck(t.requestId(), 7, -1, 1));
        acks.tell(new ChunkAck("someone-else", 0, 0, 1));
        r.worker().expectNoMessage(QUIET);
        acks.tell(ack(first));
        RunChunk second = r.worker().expectMessageClass(RunChunk.class);
        done(second, CHUNK, false, null);
        acks.tell(ack(second));
        IoCompletion c = r.asker().receiveMessage();
        assertEquals(200, c.bytes());
        assertNull(c.error());
    }

    @Test
    void aLateAckFromASupersededAttemptFreesNothingOfTheNewOne() {
        TestProbe<WorkerNodeProtocol.Command> worker = kit.createTestProbe();
        TestProbe<IoCompletion> asker = kit.createTestProbe();
        TestProbe<ChunkData> consumer = kit.createTestProbe();
        kit.spawn(DirectRequest.create(read(0, 200, 1, new Sink.Stream(consumer.getRef())), List.of(worker.getRef()),
                asker.getRef(), List.of(), Duration.ofMillis(300)), "late-ack-request");
        RunChunk silent = worker.expectMessageClass(RunChunk.class);
        RunChunk again = worker.expectMessageClass(RunChunk.class, Duration.ofSeconds(3));
        assertEquals(2, again.task().attempt());
        ActorRef<ChunkAck> acks = ((ChunkTask.ReadStream) again.task().op()).ackTo();
        done(again, CHUNK, false, null);
        // the first attempt's ack arrives late: the window of one must stay full until attempt 2's
        acks.tell(ack(silent));
        worker.expectNoMessage(QUIET);
        acks.tell(ack(again));
        RunChunk second = worker.expectMessageClass(RunChunk.class);
        assertEquals(1, second.task().chunk());
        done(second, CHUNK, false, null);
        acks.tell(ack(second));
        asker.expectNoMessage(QUIET);
        done(silent, CHUNK, false, null);   // the superseded attempt's worker is done at last
        assertEquals(200, asker.receiveMessage().bytes());
    }

    @Test
    void aDeadStreamConsumerEndsTheRequestInsteadOfStallingIt() {
        ActorRef<ChunkData> consumer = kit.spawn(Behaviors.<ChunkData>ignore(), "short-lived-consumer");
        Running r = start(read(0, 500, 2, new Sink.Stream(consumer)));
        List<RunChunk> runs = expectChunks(r, 2);
        done(runs.get(0), CHUNK, false, null);
        kit.stop(consumer);
        r.asker().expectNoMessage(QUIET);
        done(runs.get(1), CHUNK, false, null);
        IoCompletion c = r.asker().receiveMessage();
        assertEquals("ECANCELED", c.error().errno());
        assertTrue(c.error().message().contains("stream consumer terminated"), c.error().message());
        r.worker().expectNoMessage(QUIET);
    }

    @Test
    void oneChunkWritesGoFileSyncWithoutCommit() throws IOException {
        Running r = start(write(bytes(80, 4), 4, false));
        RunChunk run = r.worker().expectMessageClass(RunChunk.class);
        assertEquals(Nfs3.FILE_SYNC, ((ChunkTask.WriteBytes) run.task().op()).stable());
        written(run, Nfs3.FILE_SYNC, 7);
        assertEquals(80, r.asker().receiveMessage().bytes());
        r.worker().expectNoMessage(QUIET);
    }

    @Test
    void aVerifierMismatchResendsExactlyTheAffectedChunksFileSync() throws IOException {
        byte[] data = bytes(400, 5);
        Running r = start(write(data, 8, false));
        List<RunChunk> runs = expectChunks(r, 4);
        for (RunChunk run : runs) {
            ChunkTask.WriteBytes op = (ChunkTask.WriteBytes) run.task().op();
            assertEquals(Nfs3.UNSTABLE, op.stable());
            assertArrayEquals(slice(data, run.task().offset(), run.task().length()), op.bytes());
        }
        written(runs.get(0), Nfs3.UNSTABLE, 1);
        written(runs.get(1), Nfs3.UNSTABLE, 2);
        written(runs.get(2), Nfs3.UNSTABLE, 1);
        written(runs.get(3), Nfs3.UNSTABLE, 2);
        RunCommit commit = r.worker().expectMessageClass(RunCommit.class);
        commit.replyTo().tell(new WorkerNodeProtocol.Committed(commit.requestId(), 2));
        List<RunChunk> resent = expectChunks(r, 2);
        assertEquals(List.of(0, 2), resent.stream().map(x -> x.task().chunk()).sorted().toList());
        for (RunChunk run : resent) {
            assertEquals(Nfs3.FILE_SYNC, ((ChunkTask.WriteBytes) run.task().op()).stable());
            written(run, Nfs3.FILE_SYNC, 2);
        }
        IoCompletion c = r.asker().receiveMessage();
        assertEquals(400, c.bytes());
        assertNull(c.error());
        assertEquals(2, c.counters().verifierMismatches());
        r.worker().expectNoMessage(QUIET);
    }

    /** A write of three chunks, each answered by {@code answer}, and the COMMIT it then sends. */
    private record Committing(Running request, RunCommit commit) {
    }

    private static Committing threeChunksToCommit(int seed, java.util.function.Consumer<List<RunChunk>> answer)
            throws IOException {
        Running r = start(write(bytes(300, seed), 8, false));
        answer.accept(expectChunks(r, 3));
        return new Committing(r, r.worker().expectMessageClass(RunCommit.class));
    }

    /** The request's completion once its COMMIT is answered as {@code failed} says. */
    private static IoCompletion commitFails(Committing w, IoError failed) {
        w.commit().replyTo().tell(new WorkerNodeProtocol.CommitFailed(w.commit().requestId(), failed));
        return w.request().asker().receiveMessage();
    }

    @Test
    void aCommitErrorCutsTheCountBackToTheFirstUncommittedChunk() throws IOException {
        Committing w = threeChunksToCommit(6, runs -> {
            written(runs.get(0), Nfs3.FILE_SYNC, 1);
            written(runs.get(1), Nfs3.UNSTABLE, 1);
            written(runs.get(2), Nfs3.UNSTABLE, 1);
        });
        IoCompletion c = commitFails(w, new IoError("EIO", "NFS3ERR_IO", -1, "commit failed"));
        assertEquals(100, c.bytes());
        assertEquals("NFS3ERR_IO", c.error().nfsStatus());
        assertEquals(100, c.error().offset());
    }

    @Test
    void aCommitThatFailsAfterAWriteErrorKeepsTheWriteErrorAndItsOffset() throws IOException {
        Committing w = threeChunksToCommit(6, runs -> {
            written(runs.get(0), Nfs3.UNSTABLE, 1);
            written(runs.get(1), Nfs3.UNSTABLE, 1);
            failed(runs.get(2), Errno.ECONNRESET, 250);
        });
        IoCompletion c = commitFails(w, new IoError("ECONNREFUSED", null, -1, "commit nfs://h/e/f: connect refused"));
        assertEquals(0, c.bytes(), "nothing is stable");
        assertEquals("ECONNRESET", c.error().errno(), "the first error, not the COMMIT's");
        assertEquals(250, c.error().offset());
        assertTrue(c.error().message().contains("COMMIT of the bytes from offset 0 failed: commit nfs://h/e/f: "
                + "connect refused"), c.error().message());
    }

    @Test
    void theStableOptionForcesFileSyncAndALowerCommittedLevelIsEio() throws IOException {
        Running r = start(write(bytes(200, 7), 8, true));
        List<RunChunk> runs = expectChunks(r, 2);
        assertEquals(Nfs3.FILE_SYNC, ((ChunkTask.WriteBytes) runs.get(0).task().op()).stable());
        written(runs.get(0), Nfs3.FILE_SYNC, 1);
        written(runs.get(1), Nfs3.UNSTABLE, 1);
        IoCompletion c = r.asker().receiveMessage();
        assertEquals(100, c.bytes());
        assertEquals("EIO", c.error().errno());
        assertTrue(c.error().message().contains("UNSTABLE"), c.error().message());
        r.worker().expectNoMessage(QUIET);
    }

    @Test
    void cancellationWaitsForInFlightChunksThenReportsEcanceled() {
        Running r = start(read(0, 1000, 2, new Sink.Reply()));
        List<RunChunk> runs = expectChunks(r, 2);
        done(runs.get(0), CHUNK, false, new byte[CHUNK]);
        RunChunk third = r.worker().expectMessageClass(RunChunk.class);
        r.request().tell(new DirectRequest.Cancel());
        r.asker().expectNoMessage(QUIET);
        r.worker().expectNoMessage(QUIET);
        done(runs.get(1), CHUNK, false, new byte[CHUNK]);
        r.asker().expectNoMessage(QUIET);
        done(third, CHUNK, false, new byte[CHUNK]);
        IoCompletion c = r.asker().receiveMessage();
        assertEquals("ECANCELED", c.error().errno());
        assertEquals(100, c.bytes(), "chunks in flight at the cancel are not counted");
        r.worker().expectNoMessage(QUIET);
    }

    @Test
    void aTerminatedAskerGetsNoMessageAndTheRequestStillDrains() {
        TestProbe<WorkerNodeProtocol.Command> worker = kit.createTestProbe();
        TestProbe<IoCompletion> ghost = kit.createTestProbe();
        ActorRef<IoCompletion> asker = kit.spawn(Behaviors.<IoCompletion>receiveMessage(m -> {
            ghost.getRef().tell(m);
            return Behaviors.same();
        }), "mortal-asker");
        ActorRef<DirectRequest.Command> req = kit.spawn(request(read(0, 500, 2, new Sink.Reply()),
                List.of(worker.getRef()), asker), "orphaned-request");
        List<RunChunk> runs = new ArrayList<>();
        runs.add(worker.expectMessageClass(RunChunk.class));
        runs.add(worker.expectMessageClass(RunChunk.class));
        kit.stop(asker);
        TestProbe<Object> death = kit.createTestProbe();
        worker.expectNoMessage(QUIET);
        for (RunChunk run : runs) {
            done(run, CHUNK, false, new byte[CHUNK]);
        }
        death.expectTerminated(req, Duration.ofSeconds(3));
        ghost.expectNoMessage(QUIET);
    }

    @Test
    void aLostWorkerNodeHasItsChunksRedispatchedAndLateReportsIgnored() {
        TestProbe<WorkerNodeProtocol.Command> doomed = kit.createTestProbe();
        TestProbe<WorkerNodeProtocol.Command> healthy = kit.createTestProbe();
        TestProbe<IoCompletion> asker = kit.createTestProbe();
        ActorRef<WorkerNodeProtocol.Command> doomedNode = kit.spawn(forwardTo(doomed.getRef()), "doomed-node");
        ActorRef<DirectRequest.Command> req = kit.spawn(request(read(0, 200, 4, new Sink.Reply()),
                List.of(doomedNode, healthy.getRef()), asker.getRef()), "failover-request");
        RunChunk onDoomed = doomed.expectMessageClass(RunChunk.class);
        RunChunk onHealthy = healthy.expectMessageClass(RunChunk.class);
        kit.stop(doomedNode);
        RunChunk redispatched = healthy.expectMessageClass(RunChunk.class);
        assertEquals(onDoomed.task().chunk(), redispatched.task().chunk());
        assertEquals(2, redispatched.task().attempt());
        done(onDoomed, CHUNK, false, new byte[CHUNK]);   // late, from the superseded attempt
        done(onHealthy, CHUNK, false, new byte[CHUNK]);
        done(redispatched, CHUNK, false, new byte[CHUNK]);
        IoCompletion c = asker.receiveMessage();
        assertEquals(200, c.bytes());
        assertEquals(1, c.counters().redispatched());
        assertNotNull(req);
        asker.expectNoMessage(QUIET);
    }

    @Test
    void anUnreachableWorkerNodeHasItsChunksSentAgainAtOnceAndItsOldAttemptsAwaited() {
        TestProbe<WorkerNodeProtocol.Command> cutOff = kit.createTestProbe();
        TestProbe<WorkerNodeProtocol.Command> healthy = kit.createTestProbe();
        TestProbe<IoCompletion> asker = kit.createTestProbe();
        ActorRef<DirectRequest.Command> req = kit.spawn(request(read(0, 200, 4, new Sink.Reply()),
                List.of(cutOff.getRef(), healthy.getRef()), asker.getRef()), "unreachable-request");
        RunChunk onCutOff = cutOff.expectMessageClass(RunChunk.class);
        RunChunk onHealthy = healthy.expectMessageClass(RunChunk.class);
        // Still registered, no longer reachable: no Terminated comes until its node is downed.
        req.tell(DirectRequest.workersChanged(List.of(healthy.getRef()), java.util.Set.of(cutOff.getRef())));
        RunChunk again = healthy.expectMessageClass(RunChunk.class);
        assertEquals(onCutOff.task().chunk(), again.task().chunk());
        assertEquals(2, again.task().attempt());
        byte[] data = bytes(CHUNK, 11);
        done(again, CHUNK, false, data);
        done(onHealthy, CHUNK, false, new byte[CHUNK]);
        // The cut-off node may be alive and still reading for the first attempt.
        asker.expectNoMessage(Duration.ofMillis(500));
        // The same listing again (reachability of another node changed) sends nothing twice.
        req.tell(DirectRequest.workersChanged(List.of(healthy.getRef()), java.util.Set.of(cutOff.getRef())));
        healthy.expectNoMessage(QUIET);
        cutOff.expectNoMessage(QUIET);
        done(onCutOff, CHUNK, false, new byte[CHUNK]); // the partition healed: a late report, not counted
        IoCompletion c = asker.receiveMessage();
        assertNull(c.error());
        assertEquals(200, c.bytes());
        assertArrayEquals(data, java.util.Arrays.copyOf(c.data(), CHUNK), "the new attempt's bytes");
        assertEquals(1, c.counters().redispatched());
        assertEquals(2, c.counters().chunks());
    }

    @Test
    void streamedDataLostWithItsWorkerAfterTheReportIsReadAgain() {
        TestProbe<WorkerNodeProtocol.Command> doomed = kit.createTestProbe();
        TestProbe<WorkerNodeProtocol.Command> healthy = kit.createTestProbe();
        TestProbe<IoCompletion> asker = kit.createTestProbe();
        TestProbe<ChunkData> consumer = kit.createTestProbe();
        ActorRef<WorkerNodeProtocol.Command> doomedNode = kit.spawn(forwardTo(doomed.getRef()), "doomed-streamer");
        kit.spawn(request(read(0, 100, 4, new Sink.Stream(consumer.getRef())), List.of(doomedNode, healthy.getRef()),
                asker.getRef()), "stream-failover-request");
        RunChunk onDoomed = doomed.expectMessageClass(RunChunk.class);
        // The worker reported, but the chunk's data never reached the consumer before it died.
        done(onDoomed, CHUNK, false, null);
        kit.stop(doomedNode);
        RunChunk again = healthy.expectMessageClass(RunChunk.class);
        assertEquals(2, again.task().attempt());
        done(again, CHUNK, false, null);
        ((ChunkTask.ReadStream) again.task().op()).ackTo().tell(ack(again));
        IoCompletion c = asker.receiveMessage();
        assertEquals(100, c.bytes());
        assertNull(c.error());
        assertEquals(1, c.counters().redispatched());
    }

    @Test
    void aChunkThatNeverReportsIsSentAgainAndTheOldAttemptKeepsTheRequestOpenUntilItReports() {
        TestProbe<WorkerNodeProtocol.Command> worker = kit.createTestProbe();
        TestProbe<IoCompletion> asker = kit.createTestProbe();
        kit.spawn(DirectRequest.create(read(0, 100, 2, new Sink.Reply()), List.of(worker.getRef()), asker.getRef(),
                List.of(), Duration.ofMillis(300)), "overdue-request");
        RunChunk silent = worker.expectMessageClass(RunChunk.class);
        RunChunk again = worker.expectMessageClass(RunChunk.class, Duration.ofSeconds(3));
        assertEquals(silent.task().chunk(), again.task().chunk());
        assertEquals(2, again.task().attempt());
        byte[] data = bytes(CHUNK, 9);
        done(again, CHUNK, false, data);
        // The first attempt's worker may still be writing into the request's file: no completion yet.
        asker.expectNoMessage(Duration.ofMillis(600));
        worker.expectNoMessage(QUIET);
        done(silent, CHUNK, false, new byte[CHUNK]);
        IoCompletion c = asker.receiveMessage();
        assertEquals(100, c.bytes());
        assertArrayEquals(data, c.data(), "the new attempt's bytes, the late one's not counted");
        assertEquals(2, c.counters().rpcs(), "both attempts' RPCs are counted as work done");
        assertEquals(1, c.counters().redispatched());
        asker.expectNoMessage(QUIET);
    }

    @Test
    void aCancelWhileTheCommitIsOutEndsTheCountWhereTheServerLostBytes() throws IOException {
        Committing w = threeChunksToCommit(10, runs -> {
            written(runs.get(0), Nfs3.UNSTABLE, 1);
            written(runs.get(1), Nfs3.UNSTABLE, 2);
            written(runs.get(2), Nfs3.UNSTABLE, 2);
        });
        Running r = w.request();
        RunCommit commit = w.commit();
        r.request().tell(new DirectRequest.Cancel());
        r.asker().expectNoMessage(QUIET);
        commit.replyTo().tell(new WorkerNodeProtocol.Committed(commit.requestId(), 1));
        IoCompletion c = r.asker().receiveMessage();
        assertEquals(100, c.bytes(), "chunks 1 and 2 were lost by the server and not written again");
        assertEquals("ECANCELED", c.error().errno());
        assertEquals(100, c.error().offset());
        r.worker().expectNoMessage(QUIET);
    }

    @Test
    void aConsumerThatDiesAfterACancelStillLetsTheRequestEnd() {
        ActorRef<ChunkData> consumer = kit.spawn(Behaviors.<ChunkData>ignore(), "consumer-dying-after-cancel");
        Running r = start(read(0, 500, 2, new Sink.Stream(consumer)));
        List<RunChunk> runs = expectChunks(r, 2);
        done(runs.get(0), CHUNK, false, null);
        done(runs.get(1), CHUNK, false, null);
        r.request().tell(new DirectRequest.Cancel());
        r.asker().expectNoMessage(QUIET);   // both chunks wait for the consumer's acks
        kit.stop(consumer);
        IoCompletion c = r.asker().receiveMessage();
        assertEquals("ECANCELED", c.error().errno());
        r.worker().expectNoMessage(QUIET);
    }

    @Test
    void chunksLostWithTheOnlyWorkerNodeAreNotCounted() {
        TestProbe<WorkerNodeProtocol.Command> doomed = kit.createTestProbe();
        TestProbe<IoCompletion> asker = kit.createTestProbe();
        ActorRef<WorkerNodeProtocol.Command> only = kit.spawn(forwardTo(doomed.getRef()), "the-only-node");
        kit.spawn(request(read(0, 400, 4, new Sink.Reply()), List.of(only), asker.getRef()), "alone-request");
        for (int i = 0; i < 4; i++) {
            doomed.expectMessageClass(RunChunk.class);
        }
        kit.stop(only);
        IoCompletion c = asker.receiveMessage();
        assertEquals(0, c.bytes(), "no chunk was read: none may be counted");
        assertEquals("EAGAIN", c.error().errno());
        assertEquals(0, c.error().offset(), "the count ends at the lowest chunk that could not be sent again");
    }

    @Test
    void streamedChunksLostWithTheirNodeAfterACancelEndTheCountWhereItsErrorSays() {
        TestProbe<WorkerNodeProtocol.Command> doomed = kit.createTestProbe();
        TestProbe<IoCompletion> asker = kit.createTestProbe();
        TestProbe<ChunkData> consumer = kit.createTestProbe();
        ActorRef<WorkerNodeProtocol.Command> node = kit.spawn(forwardTo(doomed.getRef()), "streaming-node");
        ActorRef<DirectRequest.Command> req = kit.spawn(request(read(0, 400, 4, new Sink.Stream(consumer.getRef())),
                List.of(node), asker.getRef()), "cancelled-stream-request");
        List<RunChunk> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(doomed.expectMessageClass(RunChunk.class));
        }
        done(runs.get(0), CHUNK, false, null);
        done(runs.get(1), CHUNK, false, null);
        req.tell(new DirectRequest.Cancel());
        kit.stop(node);   // chunks 0 and 1 were reported, but their data never reached the consumer
        IoCompletion c = asker.receiveMessage();
        assertEquals(0, c.bytes());
        assertEquals("ECANCELED", c.error().errno());
        assertEquals(0, c.error().offset(), "the error is where the count ends: " + c.error().message());
    }

    @Test
    void aSupersededAttemptThatNeverReportsIsGivenUpAfterSeveralMoreDeadlines() {
        TestProbe<WorkerNodeProtocol.Command> worker = kit.createTestProbe();
        TestProbe<IoCompletion> asker = kit.createTestProbe();
        Duration deadline = Duration.ofMillis(200);
        kit.spawn(DirectRequest.create(read(0, 100, 2, new Sink.Reply()), List.of(worker.getRef()), asker.getRef(),
                List.of(), deadline), "abandoning-request");
        worker.expectMessageClass(RunChunk.class);   // never answered: its report was lost
        RunChunk again = worker.expectMessageClass(RunChunk.class, Duration.ofSeconds(3));
        long sentAgain = System.nanoTime();
        done(again, CHUNK, false, new byte[CHUNK]);
        IoCompletion c = asker.receiveMessage(Duration.ofSeconds(5));
        long waited = Duration.ofNanos(System.nanoTime() - sentAgain).toMillis();
        assertTrue(waited >= deadline.toMillis() * (DirectRequest.ABANDON_AFTER_DEADLINES - 1),
                "the old attempt was waited for: " + waited + " ms");
        assertEquals(100, c.bytes());
        assertNull(c.error());
    }

    @Test
    void anEmptyRangeCompletesAtOnceAndTheRequestStops() {
        Running r = start(read(0, 0, 4, new Sink.Reply()));
        IoCompletion c = r.asker().receiveMessage();
        assertEquals(0, c.bytes());
        assertNull(c.error());
        kit.createTestProbe().expectTerminated(r.request(), Duration.ofSeconds(3));
        r.worker().expectNoMessage(QUIET);
    }

    private static Behavior<WorkerNodeProtocol.Command> forwardTo(ActorRef<WorkerNodeProtocol.Command> probe) {
        return Behaviors.receiveMessage(m -> {
            probe.tell(m);
            return Behaviors.same();
        });
    }
}
