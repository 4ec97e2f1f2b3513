package io.nfsdirect.coordinator.cluster;

import static io.nfsdirect.coordinator.cluster.ClusterTesting.assemble;
import static io.nfsdirect.coordinator.cluster.ClusterTesting.collector;
import static io.nfsdirect.coordinator.cluster.ClusterTesting.hostPort;
import static io.nfsdirect.coordinator.cluster.ClusterTesting.random;
import static io.nfsdirect.coordinator.cluster.ClusterTesting.served;
import static io.nfsdirect.coordinator.cluster.ClusterTesting.stats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfsdirect.coordinator.DirectIoClient;
import io.nfsdirect.protocol.api.ChunkData;
import io.nfsdirect.protocol.api.DirectIoProtocol;
import io.nfsdirect.protocol.api.IoCompletion;
import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.protocol.api.NodeStats;
import io.nfsdirect.protocol.api.Sink;
import io.nfsdirect.protocol.api.WriteSource;
import io.nfsdirect.server.NfsServer;
import io.nfsdirect.worker.NodeCounters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chunk data between nodes of a real three-node cluster on loopback: {@code a} coordinates and
 * works, {@code b} only works, {@code c} is a client. Every message is serialized even between
 * actors of one node (serialize-messages = on), so nothing works here only because it stayed local.
 */
class ClusterTransferTest {

    private static final int MiB = 1 << 20;

    @TempDir
    static Path export;
    private static NfsServer server;
    private static final ClusterTesting cluster = new ClusterTesting();
    private static ClusterNode a;
    private static ClusterNode b;
    private static ClusterNode c;
    private static DirectIoClient viaA;
    private static byte[] data;

    @BeforeAll
    static void start() throws Exception {
        // rtmax/wtmax above what a frame holds, so the cluster's own cap is what limits chunks.
        server = NfsServer.builder().export(export).rootSquash(false).port(0).rtmax(16 * MiB).wtmax(16 * MiB).build().start();
        data = random(12 * MiB + 4321, 7);
        Files.write(export.resolve("data.bin"), data);
        a = cluster.first(Set.of(NodeSettings.COORDINATOR, NodeSettings.WORKER), null);
        b = cluster.join(a, Set.of(NodeSettings.WORKER), null);
        c = cluster.join(a, Set.of(NodeSettings.CLIENT), null);
        cluster.awaitFormed(a, 2);
        viaA = a.client(ClusterTesting.ASK);
    }

    @AfterAll
    static void stop() {
        cluster.closeAll();
        if (server != null) {
            server.close();
        }
    }

    private static IoCompletion read(DirectIoClient client, long offset, long length, Sink sink, IoOptions o)
            throws InterruptedException {
        return DirectIoClient.await(client.read(ClusterTesting.newRequestId("read"), server.url("data.bin"), offset,
                length, sink, o));
    }

    private static IoOptions onB() {
        return IoOptions.DEFAULT.withNodes(List.of(b.address())).withWindow(4);
    }

    @Test
    void oneAndFourMiBChunksReadOnAnotherNodeArriveIntactInTheReply() throws Exception {
        long servedBefore = served(stats(a), b);
        for (int rsize : new int[] {MiB, 4 * MiB}) {
            IoCompletion r = read(viaA, 3, data.length - 3, new Sink.Reply(), onB().withRsize(rsize));
            assertNull(r.error(), r::toString);
            assertArrayEquals(Arrays.copyOfRange(data, 3, data.length), r.data(), "rsize " + rsize);
            assertEquals((data.length - 3 + rsize - 1) / rsize, r.counters().chunks());
        }
        ClusterTesting.awaitServed(a, b, servedBefore + 13 + 4);
    }

    @Test
    void oneAndFourMiBChunksStreamFromAnotherNodeIntact() throws Exception {
        for (int rsize : new int[] {MiB, 4 * MiB}) {
            Map<Long, byte[]> chunks = new ConcurrentHashMap<>();
            CompletableFuture<Long> all = new CompletableFuture<>();
            ActorRef<ChunkData> consumer = ClusterTesting.spawn(a, collector(chunks, data.length, all), "stream");
            IoCompletion r = read(viaA, 0, data.length, new Sink.Stream(consumer), onB().withRsize(rsize));
            assertNull(r.error(), r::toString);
            assertEquals(data.length, all.get(30, TimeUnit.SECONDS));
            assertArrayEquals(data, assemble(chunks, 0, data.length), "rsize " + rsize);
        }
    }

    @Test
    void fourMiBWriteChunksCrossToAnotherNodeIntact() throws Exception {
        byte[] written = random(3 * 4 * MiB + 777, 8);
        IoCompletion w = DirectIoClient.await(viaA.write(ClusterTesting.newRequestId("write"),
                server.url("written.bin"), 100, new WriteSource.Inline(written), onB().withWsize(4 * MiB)));
        assertNull(w.error(), w::toString);
        assertEquals(written.length, w.bytes());
        assertEquals(4, w.counters().chunks());
        byte[] onDisk = Files.readAllBytes(export.resolve("written.bin"));
        assertArrayEquals(written, Arrays.copyOfRange(onDisk, 100, onDisk.length));
    }

    @Test
    void everyWorkerNodeServesChunksOfOneRequest() throws Exception {
        List<NodeStats> before = stats(a);
        IoCompletion r = read(viaA, 0, data.length, new Sink.Digest(),
                IoOptions.DEFAULT.withRsize(256 * 1024).withWindow(8));
        assertNull(r.error(), r::toString);
        List<NodeStats> after = stats(a);
        assertEquals(2, after.size(), after::toString);
        for (ClusterNode worker : List.of(a, b)) {
            assertTrue(served(after, worker) > served(before, worker), worker + " served no chunk: " + after);
        }
    }

    @Test
    void theNodesOptionKeepsARequestOnTheNamedNodes() throws Exception {
        for (String name : List.of(hostPort(a), "local", a.address())) {
            List<NodeStats> before = stats(a);
            IoOptions o = IoOptions.DEFAULT.withRsize(512 * 1024).withWindow(4).withNodes(List.of(name));
            IoCompletion r = read(viaA, 0, 4 * MiB, new Sink.Digest(), o);
            assertNull(r.error(), r::toString);
            ClusterTesting.awaitServed(a, a, served(before, a) + 8);
            assertEquals(served(before, b), served(stats(a), b), name + " kept the request off b");
        }
        IoCompletion none = read(viaA, 0, MiB, new Sink.Digest(),
                IoOptions.DEFAULT.withNodes(List.of("127.0.0.1:1")));
        assertNotNull(none.error());
        assertEquals("EAGAIN", none.error().errno(), none::toString);
        assertTrue(none.error().message().contains("127.0.0.1:1"), none.error().message());
    }

    @Test
    void aCancelledDistributedReadEndsOnEveryNode() throws Exception {
        DirectIoClient viaC = c.client(ClusterTesting.ASK);
        NodeCounters onA = NodeCounters.get(a.system());
        NodeCounters onB = NodeCounters.get(b.system());
        long before = onA.snapshot("", List.of()).chunksServed() + onB.snapshot("", List.of()).chunksServed();
        String id = ClusterTesting.newRequestId("cancel");
        CompletionStage<IoCompletion> pending = viaC.read(id, server.url("data.bin"), 0, data.length,
                new Sink.Digest(), IoOptions.DEFAULT.withRsize(64 * 1024).withWindow(1));
        // Sent once the request runs: a Cancel that overtook its Read would find nothing to cancel.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (onA.snapshot("", List.of()).chunksServed() + onB.snapshot("", List.of()).chunksServed() < before + 2
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        viaC.cancel(id);
        IoCompletion r = DirectIoClient.await(pending);
        assertEquals("ECANCELED", r.error() == null ? null : r.error().errno(), r::toString);
        assertTrue(r.bytes() < data.length, r::toString);
        ClusterTesting.awaitIdle(a);
    }

    @Test
    void aClientNodeFindsDirectIoAndGetsItsCompletionsAndChunks() throws Exception {
        ActorRef<DirectIoProtocol.Command> found = c.findDirectIo(Duration.ofSeconds(10)).toCompletableFuture().get();
        assertEquals(a.address(), c.addressOf(found), "a runs the only DirectIo");
        assertEquals("/user/direct-io", found.path().toStringWithoutAddress());
        assertTrue(c.localDirectIo().isEmpty());
        DirectIoClient viaC = c.client(ClusterTesting.ASK);

        // The completion carries 4 MiB of data from a to an ask on c.
        IoCompletion r = read(viaC, 0, 4 * MiB, new Sink.Reply(), IoOptions.DEFAULT.withRsize(MiB));
        assertNull(r.error(), r::toString);
        assertArrayEquals(Arrays.copyOf(data, 4 * MiB), r.data());

        // Chunks go from the worker nodes straight to a consumer on c.
        Map<Long, byte[]> chunks = new ConcurrentHashMap<>();
        CompletableFuture<Long> all = new CompletableFuture<>();
        ActorRef<ChunkData> consumer = ClusterTesting.spawn(c, collector(chunks, data.length, all), "on-c");
        IoCompletion s = read(viaC, 0, data.length, new Sink.Stream(consumer),
                IoOptions.DEFAULT.withRsize(2 * MiB).withWindow(4));
        assertNull(s.error(), s::toString);
        assertEquals(data.length, all.get(30, TimeUnit.SECONDS));
        assertArrayEquals(data, assemble(chunks, 0, data.length));
    }

    @Test
    void chunksLargerThanTheFrameAreRefusedWhenAskedForAndCappedWhenTheServerOffersThem() throws Exception {
        FrameLimits limits = FrameLimits.of(a.system());
        assertEquals(5 * MiB - 64 * 1024, limits.maxChunk());

        IoCompletion refused = read(viaA, 0, data.length, new Sink.Reply(), onB().withRsize(8 * MiB));
        assertEquals("EINVAL", refused.error().errno(), refused::toString);
        assertTrue(refused.error().message().contains("maximum-large-frame-size"), refused.error().message());

        // rsize 0 takes the server's preferred size, 16 MiB, up to the 1 MiB default and the frame.
        IoCompletion capped = read(viaA, 0, data.length, new Sink.Reply(), onB());
        assertNull(capped.error(), capped::toString);
        int chunk = Math.min(io.nfsdirect.coordinator.ChunkPlan.DEFAULT_MAX_TRANSFER, limits.maxChunk());
        assertEquals((data.length + chunk - 1) / chunk, capped.counters().chunks());
        assertArrayEquals(data, capped.data());
    }

    @Test
    void aReplyTooLargeForOneFrameToAnotherNodeIsEfbigNamingTheStreamingSinks() throws Exception {
        IoCompletion r = read(c.client(ClusterTesting.ASK), 0, 6 * MiB, new Sink.Reply(), IoOptions.DEFAULT);
        assertEquals("EFBIG", r.error().errno(), r::toString);
        assertTrue(r.error().message().contains("Stream or Digest"), r.error().message());
    }

    @Test
    void aConsumerOutsideTheLargeMessagePathsGetsChunksThatFitTheOrdinaryFrame() throws Exception {
        Map<Long, byte[]> chunks = new ConcurrentHashMap<>();
        CompletableFuture<Long> all = new CompletableFuture<>();
        int length = 2 * MiB;
        ActorRef<ChunkData> plain = c.system().systemActorOf(collector(chunks, length, all), "plain-consumer",
                Props.empty());
        DirectIoClient viaC = c.client(ClusterTesting.ASK);

        IoCompletion refused = read(viaC, 0, length, new Sink.Stream(plain), IoOptions.DEFAULT.withRsize(MiB));
        assertEquals("EINVAL", refused.error().errno(), refused::toString);
        assertTrue(refused.error().message().contains("spawnConsumer"), refused.error().message());

        IoCompletion r = read(viaC, 0, length, new Sink.Stream(plain), IoOptions.DEFAULT.withWindow(4));
        assertNull(r.error(), r::toString);
        assertEquals(length, all.get(30, TimeUnit.SECONDS));
        assertArrayEquals(Arrays.copyOf(data, length), assemble(chunks, 0, length));
        int cap = FrameLimits.of(a.system()).maxChunkTo(plain);
        assertTrue(cap < 256 * 1024, "capped to the ordinary frame: " + cap);
        assertEquals((length + cap - 1) / cap, r.counters().chunks());
    }
}
