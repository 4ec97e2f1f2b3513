package io.nfsdirect.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfsdirect.protocol.chunk.ChunkReport;
import io.nfsdirect.protocol.chunk.ChunkTask;
import io.nfsdirect.protocol.chunk.FileRef;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.worker.FakeRpcServer.Reply;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A chunk worker against a server that answers short on purpose: the remainder is resent, a
 * reply of 0 bytes without EOF is EIO, and a verifier that changes in the middle of a chunk makes
 * the whole chunk go out again.
 */
class ChunkWorkerTest {

    private static final ActorTestKit kit = ActorTestKit.create();
    private static final byte[] FH = {1, 2, 3, 4, 5, 6, 7, 8};

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    /** READ args: fh (4 + 8 bytes), offset (8), count (4). */
    private static long offsetOf(byte[] args) {
        return ((long) FakeRpcServer.readInt(args, 12) << 32) | (FakeRpcServer.readInt(args, 16) & 0xffffffffL);
    }

    private static int countOf(byte[] args) {
        return FakeRpcServer.readInt(args, 20);
    }

    private static Reply readReply(byte[] data, boolean eof) {
        return new Reply(FakeRpcServer.success(FakeRpcServer.xdr(0, 0, data.length, eof ? 1 : 0).opaque(data).bytes()));
    }

    /** A READ reply whose post-op attributes say the file is {@code size} bytes. */
    private static Reply readReply(byte[] data, boolean eof, long size) {
        FakeRpcServer.Xdr x = FakeRpcServer.xdr(0, 1, 1, 0644, 1, 0, 0).l(size).l(size).i(0).i(0).l(1).l(2);
        for (int time = 0; time < 3; time++) {
            x.i(0).i(0);
        }
        return new Reply(FakeRpcServer.success(x.i(data.length).i(eof ? 1 : 0).opaque(data).bytes()));
    }

    private static Reply writeReply(int count, int committed, long verifier) {
        return new Reply(FakeRpcServer.success(FakeRpcServer.xdr(0, 0, 0, count, committed).l(verifier).bytes()));
    }

    private static ChunkReport run(FakeRpcServer server, ChunkTask.Op op, long offset, int length) {
        ClientPool pool = new ClientPool(new ClientPool.Settings(1, Duration.ofSeconds(5), 1), null);
        try {
            TestProbe<ChunkReport> reports = kit.createTestProbe();
            ChunkTask task = new ChunkTask("req", 0, 1, offset, length, op);
            kit.spawn(ChunkWorker.create(task, reports.getRef(), pool, new NodeCounters(), "test-node"));
            return reports.receiveMessage(Duration.ofSeconds(10));
        } finally {
            pool.close();
        }
    }

    /** Serves {@code content}, at most {@code most} bytes per READ, never EOF. */
    private static FakeRpcServer.Handler shortReadsOf(byte[] content, int most) {
        return call -> {
            int off = (int) offsetOf(call.args());
            int n = Math.min(countOf(call.args()), most);
            return readReply(Arrays.copyOfRange(content, off, off + n), false);
        };
    }

    private static FileRef file(FakeRpcServer server) {
        return new FileRef("127.0.0.1", server.port(), server.port(), FH, 0, 0, "nfs://127.0.0.1/export/f");
    }

    @Test
    void shortReadsAreResentUntilTheChunkIsFull() throws Exception {
        byte[] content = new byte[10_000];
        new Random(1).nextBytes(content);
        try (FakeRpcServer server = new FakeRpcServer(shortReadsOf(content, 3000))) {
            ChunkReport report = run(server, new ChunkTask.ReadReply(file(server)), 1000, 8000);
            ChunkReport.Done done = assertInstanceOf(ChunkReport.Done.class, report);
            assertEquals(8000, done.count());
            assertArrayEquals(Arrays.copyOfRange(content, 1000, 9000), done.data());
            assertEquals(2, done.rpcs().shortIo(), "3000 + 3000 + 2000 bytes");
            assertEquals(3, done.rpcs().rpcs());
        }
    }

    @Test
    void zeroBytesWithoutEofIsEioNamingTheOffset() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        FakeRpcServer.Handler handler = call -> calls.incrementAndGet() == 1
                ? readReply(new byte[100], false)
                : readReply(new byte[0], false);
        try (FakeRpcServer server = new FakeRpcServer(handler)) {
            ChunkReport.Failed failed = assertInstanceOf(ChunkReport.Failed.class,
                    run(server, new ChunkTask.ReadReply(file(server)), 0, 500));
            assertEquals("EIO", failed.error().errno());
            assertEquals(100, failed.error().offset());
            assertTrue(failed.error().message().startsWith("read nfs://127.0.0.1/export/f at offset 100"),
                    failed.error().message());
        }
    }

    @Test
    void eofShortOfTheSizeInTheSameReplyIsAShortReadAndTheRestIsRead() throws Exception {
        byte[] content = new byte[10_000];
        new Random(3).nextBytes(content);
        AtomicInteger calls = new AtomicInteger();
        FakeRpcServer.Handler handler = call -> {
            int off = (int) offsetOf(call.args());
            int n = calls.incrementAndGet() == 1 ? 3000 : Math.min(countOf(call.args()), content.length - off);
            return readReply(Arrays.copyOfRange(content, off, off + n), true, content.length);
        };
        try (FakeRpcServer server = new FakeRpcServer(handler)) {
            ChunkReport.Done done = assertInstanceOf(ChunkReport.Done.class,
                    run(server, new ChunkTask.ReadReply(file(server)), 1000, 8000));
            assertEquals(8000, done.count(), "not cut at the first EOF");
            assertArrayEquals(Arrays.copyOfRange(content, 1000, 9000), done.data());
            assertEquals(1, done.rpcs().shortIo());
        }
    }

    @Test
    void aServerThatKeepsSayingEofBeforeItsOwnSizeIsEioNamingTheOffset() throws Exception {
        FakeRpcServer.Handler handler = call -> readReply(new byte[100], true, 1_000_000);
        try (FakeRpcServer server = new FakeRpcServer(handler)) {
            ChunkReport.Failed failed = assertInstanceOf(ChunkReport.Failed.class,
                    run(server, new ChunkTask.ReadReply(file(server)), 0, 5000));
            assertEquals("EIO", failed.error().errno());
            int tries = ChunkWorker.MAX_EOF_BEFORE_SIZE + 1;
            assertEquals(100L * tries, failed.error().offset());
            assertTrue(failed.error().message().contains("at offset " + 100 * tries
                    + ": the server said EOF " + tries + " times where its attributes say the file is 1000000 bytes"),
                    failed.error().message());
        }
    }

    @Test
    void eofEndsTheChunkShort() throws Exception {
        FakeRpcServer.Handler handler = call -> readReply(new byte[123], true);
        try (FakeRpcServer server = new FakeRpcServer(handler)) {
            ChunkReport.Done done = assertInstanceOf(ChunkReport.Done.class,
                    run(server, new ChunkTask.ReadDigest(file(server)), 0, 500));
            assertEquals(123, done.count());
            assertTrue(done.eof());
            assertEquals(123, done.digest().length());
        }
    }

    @Test
    void digestChunksHashTheirBytesInAPooledBufferAndGiveItBack() throws Exception {
        byte[] content = new byte[8192];
        new Random(5).nextBytes(content);
        // Short reads: the buffer fills in parts.
        try (FakeRpcServer server = new FakeRpcServer(shortReadsOf(content, 3000))) {
            ChunkBuffers pool = ChunkBuffers.shared();
            for (int round = 0; round < 3; round++) {
                long keptBefore = pool.keptDirectBytes();
                ChunkReport.Done done = assertInstanceOf(ChunkReport.Done.class,
                        run(server, new ChunkTask.ReadDigest(file(server)), 1000, 7000));
                byte[] expected = Arrays.copyOfRange(content, 1000, 8000);
                assertArrayEquals(java.security.MessageDigest.getInstance("SHA-256").digest(expected),
                        done.digest().sha256(), "round " + round);
                java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
                crc.update(expected);
                assertEquals((int) crc.getValue(), done.digest().crc32c());
                // Taken from the pool (or made) and given back once the chunk reported.
                assertTrue(pool.keptDirectBytes() >= Math.max(keptBefore, 7000), "round " + round);
            }
        }
    }

    @Test
    void aStreamChunkArrayGivenBackByTheConsumerCarriesTheNextChunk() throws Exception {
        int size = 64 * 1024;
        byte[] content = new byte[2 * size];
        new Random(6).nextBytes(content);
        try (FakeRpcServer server = new FakeRpcServer(shortReadsOf(content, Integer.MAX_VALUE))) {
            TestProbe<io.nfsdirect.protocol.api.ChunkData> consumer = kit.createTestProbe();
            TestProbe<io.nfsdirect.protocol.api.ChunkAck> acks = kit.createTestProbe();
            ChunkTask.ReadStream op = new ChunkTask.ReadStream(file(server), consumer.getRef(), acks.getRef());
            assertInstanceOf(ChunkReport.Done.class, run(server, op, 0, size));
            byte[] first = consumer.receiveMessage().bytes();
            assertArrayEquals(Arrays.copyOfRange(content, 0, size), first);
            ChunkBuffers.shared().giveBack(first);           // as the sinks do once they acked

            assertInstanceOf(ChunkReport.Done.class, run(server, op, size, size));
            byte[] second = consumer.receiveMessage().bytes();
            org.junit.jupiter.api.Assertions.assertSame(first, second, "the array given back was read into again");
            assertArrayEquals(Arrays.copyOfRange(content, size, 2 * size), second);
        }
    }

    @Test
    void shortWritesResendTheRemainderAndReportTheLowestCommittedLevel() throws Exception {
        List<byte[]> received = new CopyOnWriteArrayList<>();
        FakeRpcServer.Handler handler = call -> {
            // WRITE args: fh (12), offset (8), count (4), stable (4), opaque data (4 + n)
            int count = FakeRpcServer.readInt(call.args(), 20);
            int n = Math.min(count, 700);
            received.add(Arrays.copyOfRange(call.args(), 32, 32 + n));
            return writeReply(n, received.size() == 1 ? Nfs3.FILE_SYNC : Nfs3.UNSTABLE, 77L);
        };
        byte[] data = new byte[2000];
        new Random(2).nextBytes(data);
        try (FakeRpcServer server = new FakeRpcServer(handler)) {
            ChunkReport.Done done = assertInstanceOf(ChunkReport.Done.class,
                    run(server, new ChunkTask.WriteBytes(file(server), data, Nfs3.UNSTABLE), 0, data.length));
            assertEquals(2000, done.count());
            assertEquals(Nfs3.UNSTABLE, done.committed());
            assertEquals(77L, done.verifier());
            assertEquals(3, received.size());
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            received.forEach(all::writeBytes);
            assertArrayEquals(data, all.toByteArray());
        }
    }

    @Test
    void aVerifierChangeInsideAnUnstableChunkRewritesTheWholeChunk() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<Long> offsets = new CopyOnWriteArrayList<>();
        FakeRpcServer.Handler handler = call -> {
            offsets.add(offsetOf(call.args()));
            int count = FakeRpcServer.readInt(call.args(), 20);
            int n = Math.min(count, 600);
            return writeReply(n, Nfs3.UNSTABLE, calls.incrementAndGet() == 1 ? 1L : 2L);
        };
        try (FakeRpcServer server = new FakeRpcServer(handler)) {
            ChunkReport.Done done = assertInstanceOf(ChunkReport.Done.class,
                    run(server, new ChunkTask.WriteBytes(file(server), new byte[1000], Nfs3.UNSTABLE), 5000, 1000));
            assertEquals(1000, done.count());
            assertEquals(2L, done.verifier());
            assertEquals(List.of(5000L, 5600L, 5000L, 5600L), offsets, "restarted from the chunk's start");
        }
    }

    @Test
    void aWriteOfZeroBytesIsEio() throws Exception {
        FakeRpcServer.Handler handler = call -> writeReply(0, Nfs3.FILE_SYNC, 1L);
        try (FakeRpcServer server = new FakeRpcServer(handler)) {
            ChunkReport.Failed failed = assertInstanceOf(ChunkReport.Failed.class,
                    run(server, new ChunkTask.WriteBytes(file(server), new byte[10], Nfs3.FILE_SYNC), 0, 10));
            assertEquals("EIO", failed.error().errno());
        }
    }

}
