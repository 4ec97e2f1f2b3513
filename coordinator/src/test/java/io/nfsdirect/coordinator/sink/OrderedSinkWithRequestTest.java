package io.nfsdirect.coordinator.sink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfsdirect.coordinator.DirectRequest;
import io.nfsdirect.coordinator.RequestSpec;
import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.api.ChunkData;
import io.nfsdirect.protocol.api.IoCompletion;
import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.protocol.api.Sink;
import io.nfsdirect.protocol.chunk.ChunkReport;
import io.nfsdirect.protocol.chunk.ChunkTask;
import io.nfsdirect.protocol.chunk.FileRef;
import io.nfsdirect.protocol.chunk.WorkerNodeProtocol;
import io.nfsdirect.protocol.chunk.WorkerNodeProtocol.RunChunk;
import io.nfsdirect.protocol.nfs3.Nfs3;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The reorder buffer behind a real {@link DirectRequest}, whose worker node is a probe playing
 * the chunk workers: each chunk's data goes to the sink, then its report to the request. What
 * matters is the pairing: the window is what bounds the buffer, and the request completes only
 * once the sink has consumed everything.
 */
class OrderedSinkWithRequestTest {

    private static final ActorTestKit kit = ActorTestKit.create();
    private static final FileRef FILE = new FileRef("127.0.0.1", 2049, 2049, new byte[] {1}, 0, 0,
            "nfs://127.0.0.1/export/file");
    private static final int CHUNK = 100;
    private static int seq;

    @AfterAll
    static void shutdown() {
        kit.shutdownTestKit();
    }

    private record Running(TestProbe<WorkerNodeProtocol.Command> worker, TestProbe<IoCompletion> asker,
                           CompletableFuture<SinkResult> result, ByteArrayOutputStream out) {
    }

    private static Running start(int length, int window, Duration stall) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<SinkResult> result = new CompletableFuture<>();
        var sink = kit.spawn(OrderedSink.create(new OrderedSink.Settings(0, length, window, stall),
                ByteTarget.of(out), null, result));
        ActorRef<ChunkData> consumer = sink.narrow();
        TestProbe<WorkerNodeProtocol.Command> worker = kit.createTestProbe();
        TestProbe<IoCompletion> asker = kit.createTestProbe();
        RequestSpec spec = new RequestSpec("s" + (++seq), FILE, new RequestSpec.Read(new Sink.Stream(consumer)), 0, length,
                CHUNK, window, false, 3);
        kit.spawn(DirectRequest.create(spec, List.of(worker.getRef()), asker.getRef(), List.of(),
                DirectRequest.DEFAULT_CHUNK_DEADLINE), "request-" + seq);
        return new Running(worker, asker, result, out);
    }

    /** What a chunk worker does for a Stream sink: data to the consumer, then the report. */
    private static void deliver(RunChunk run, byte[] file) {
        ChunkTask t = run.task();
        ChunkTask.ReadStream op = (ChunkTask.ReadStream) t.op();
        byte[] data = Arrays.copyOfRange(file, (int) t.offset(), (int) t.offset() + t.length());
        op.consumer().tell(new ChunkData(t.requestId(), t.offset(), data, op.ackTo(), t.chunk(), t.attempt()));
        run.replyTo().tell(new ChunkReport.Done(t.requestId(), t.chunk(), t.attempt(), "node", t.offset(), t.length(),
                false, Nfs3.FILE_SYNC, 0, null, null, new ChunkReport.RpcCounts(1, 0, 0)));
    }

    @Test
    void theRequestCompletesAfterTheSinkConsumedEverythingInOrder() throws Exception {
        int count = 24;
        int window = 5;
        byte[] file = new byte[count * CHUNK];
        new Random(1).nextBytes(file);
        Running r = start(file.length, window, null);
        int delivered = 0;
        while (delivered < count) {
            // Whatever the window let out, answered newest first: the oldest chunk is always last.
            List<RunChunk> batch = new ArrayList<>();
            RunChunk run;
            while ((run = pollChunk(r)) != null) {
                batch.add(run);
            }
            assertTrue(!batch.isEmpty() && batch.size() <= window, "dispatched " + batch.size());
            for (int i = batch.size() - 1; i >= 0; i--) {
                deliver(batch.get(i), file);
            }
            delivered += batch.size();
        }
        IoCompletion c = r.asker().receiveMessage(Duration.ofSeconds(5));
        assertNull(c.error());
        assertEquals(file.length, c.bytes());
        SinkResult result = r.result().get(5, TimeUnit.SECONDS);
        assertArrayEquals(file, r.out().toByteArray());
        assertTrue(result.maxHeldChunks() <= window - 1, "held " + result.maxHeldChunks());
    }

    private static RunChunk pollChunk(Running r) {
        try {
            return r.worker().expectMessageClass(RunChunk.class, Duration.ofMillis(300));
        } catch (AssertionError e) {
            return null;
        }
    }

    /**
     * A chunk fails while later ones wait in the buffer for it, and will wait forever, since the
     * gap never fills. The request stops waiting for their acks once its count has ended before
     * them, so it completes with the first error at once, long before the sink's stall timeout.
     */
    @Test
    void aFailedChunkBeforeHeldOnesStillLetsTheRequestCompleteWithItsError() {
        byte[] file = new byte[4 * CHUNK];
        Running r = start(file.length, 4, Duration.ofMinutes(5));
        List<RunChunk> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(r.worker().expectMessageClass(RunChunk.class));
        }
        for (int i = 1; i < 4; i++) {
            deliver(runs.get(i), file);
        }
        ChunkTask t = runs.get(0).task();
        runs.get(0).replyTo().tell(new ChunkReport.Failed(t.requestId(), t.chunk(), t.attempt(), "node",
                IoError.of(Errno.EIO, "read nfs://127.0.0.1/export/file at offset 0: Input/output error", 0),
                new ChunkReport.RpcCounts(1, 0, 0)));
        IoCompletion c = r.asker().receiveMessage(Duration.ofSeconds(2));
        assertEquals(0, c.bytes());
        assertEquals("EIO", c.error().errno());
        assertEquals(0, r.out().size());
    }
}
