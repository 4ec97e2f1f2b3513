package io.nfsdirect.coordinator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.nfsdirect.coordinator.tree.TreeScanContract;
import io.nfsdirect.protocol.api.ChunkData;
import io.nfsdirect.protocol.api.ChunkDigest;
import io.nfsdirect.protocol.api.IoCompletion;
import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.protocol.api.Sink;
import io.nfsdirect.protocol.api.WriteSource;
import io.nfsdirect.worker.LocalChannels;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The whole actor path, DirectIo → DirectRequest → ChunkWorker → Nfs3Client, against a real NFS
 * server. Each server gets a subclass; the assertions are the same, because a user pointing
 * nfs-direct at either expects the same bytes and the same errors.
 */
abstract class DirectIoContract {

    /** Small transfer sizes make modest files span many chunks and windows. */
    static final int RSIZE = 64 * 1024;
    static final int WSIZE = 128 * 1024;
    static final IoOptions OPTS = IoOptions.DEFAULT.withRsize(RSIZE).withWsize(WSIZE).withWindow(4);
    static final long REPLY_LIMIT = 8L << 20;

    private static NfsDirectNode node;
    static DirectIoClient client;

    /** The URL of {@code rel} on the server under test. */
    abstract String url(String rel);

    /** The same file as the server's local export directory holds it. */
    abstract Path local(String rel);

    /** A fresh directory for one test, relative to the export. */
    abstract String newDirectory(String prefix) throws IOException;

    static synchronized DirectIoClient client() {
        if (node == null) {
            node = NfsDirectNode.startLocal("direct-io-test", ConfigFactory.parseString(
                    "nfs-direct.reply-limit = " + REPLY_LIMIT + "\n"
                            + "pekko.loglevel = WARNING\n"));
            client = node.client(Duration.ofMinutes(2));
        }
        return client;
    }

    @AfterAll
    static synchronized void stopNode() {
        if (node != null) {
            node.close();
            node = null;
        }
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static IoCompletion await(CompletionStage<IoCompletion> stage) throws InterruptedException {
        return DirectIoClient.await(stage);
    }

    IoCompletion read(String rel, long offset, long length, Sink sink, IoOptions o) throws InterruptedException {
        return await(client().read(DirectIoClient.newRequestId(), url(rel), offset, length, sink, o));
    }

    IoCompletion write(String rel, long offset, byte[] data, IoOptions o) throws InterruptedException {
        return await(client().write(DirectIoClient.newRequestId(), url(rel), offset, new WriteSource.Inline(data), o));
    }

    @Test
    void writesAndReadsAtOddOffsetsAcrossChunkBoundariesAreByteExact() throws Exception {
        String dir = newDirectory("odd");
        String rel = dir + "/data.bin";
        byte[] data = random(3 * WSIZE + 777, 1);
        long offset = 12_345;
        IoCompletion w = write(rel, offset, data, OPTS);
        assertNull(w.error(), () -> "write: " + w);
        assertEquals(data.length, w.bytes());
        assertEquals(4, w.counters().chunks());
        assertTrue(w.counters().rpcs() >= 5, "4 UNSTABLE WRITEs and a COMMIT: " + w.counters());

        byte[] onDisk = Files.readAllBytes(local(rel));
        assertEquals(offset + data.length, onDisk.length);
        assertArrayEquals(data, Arrays.copyOfRange(onDisk, (int) offset, onDisk.length));

        long readAt = offset + RSIZE - 3;
        int readLength = 2 * RSIZE + 11;
        IoCompletion r = read(rel, readAt, readLength, new Sink.Reply(), OPTS);
        assertNull(r.error(), () -> "read: " + r);
        assertEquals(readLength, r.bytes());
        assertArrayEquals(Arrays.copyOfRange(data, RSIZE - 3, RSIZE - 3 + readLength), r.data());
        assertEquals(3, r.counters().chunks(), "chunks follow the request offset, not the file's");
    }

    @Test
    void withoutAnRsizeTheServersPreferenceUpTo1MiBIsUsed() throws Exception {
        String rel = newDirectory("default-size") + "/f";
        byte[] data = random(3 * (1 << 20) + 5, 9);
        Files.write(local(rel), data);
        IoCompletion r = read(rel, 0, data.length, new Sink.Digest(), IoOptions.DEFAULT);
        assertNull(r.error(), () -> "read: " + r);
        assertEquals(data.length, r.bytes());
        assertEquals(4, r.counters().chunks(), "1 MiB chunks, whatever larger size the server prefers");
    }

    @Test
    void aStableWriteUsesFileSyncForEveryChunkAndNoCommit() throws Exception {
        String rel = newDirectory("stable") + "/f";
        byte[] data = random(2 * WSIZE + 5, 2);
        IoCompletion w = write(rel, 0, data, OPTS.withStable(true));
        assertNull(w.error(), () -> "write: " + w);
        assertEquals(data.length, w.bytes());
        assertEquals(3, w.counters().rpcs(), "three FILE_SYNC WRITEs, no COMMIT");
        assertArrayEquals(data, Files.readAllBytes(local(rel)));
    }

    @Test
    void readsPastEofGiveAShortCountWithoutError() throws Exception {
        String rel = newDirectory("eof") + "/f";
        byte[] data = random(RSIZE + 100, 3);
        Files.write(local(rel), data);
        IoCompletion r = read(rel, RSIZE, 5 * RSIZE, new Sink.Reply(), OPTS);
        assertNull(r.error(), () -> "read: " + r);
        assertEquals(100, r.bytes());
        assertArrayEquals(Arrays.copyOfRange(data, RSIZE, data.length), r.data());
        IoCompletion beyond = read(rel, data.length + 10, 1000, new Sink.Reply(), OPTS);
        assertNull(beyond.error());
        assertEquals(0, beyond.bytes());
        assertEquals(0, beyond.result());
    }

    @Test
    void theDigestSinkCarriesEachChunksChecksumsInOffsetOrder() throws Exception {
        String rel = newDirectory("digest") + "/f";
        byte[] data = random(3 * RSIZE + 1, 4);
        Files.write(local(rel), data);
        IoCompletion r = read(rel, 0, data.length, new Sink.Digest(), OPTS);
        assertNull(r.error(), () -> "read: " + r);
        List<ChunkDigest> digests = r.digests();
        assertEquals(4, digests.size());
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < digests.size(); i++) {
            ChunkDigest d = digests.get(i);
            assertEquals((long) i * RSIZE, d.offset());
            byte[] part = Arrays.copyOfRange(data, (int) d.offset(), (int) d.offset() + d.length());
            assertArrayEquals(sha.digest(part), d.sha256());
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(part);
            assertEquals((int) crc.getValue(), d.crc32c());
        }
    }

    @Test
    void aStreamSinkDeliversEveryChunkOnceAndTheSha256MatchesTheFile() throws Exception {
        String rel = newDirectory("stream") + "/f";
        byte[] data = random(5 * RSIZE + 12_345, 5);
        Files.write(local(rel), data);
        CompletableFuture<TreeMap<Long, byte[]>> received = new CompletableFuture<>();
        ActorRef<ChunkData> consumer = node().system().systemActorOf(collector(data.length, received),
                "collector-" + System.nanoTime(), org.apache.pekko.actor.typed.Props.empty());
        IoCompletion r = read(rel, 0, data.length, new Sink.Stream(consumer), OPTS);
        assertNull(r.error(), () -> "read: " + r);
        assertEquals(data.length, r.bytes());
        TreeMap<Long, byte[]> chunks = received.get();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] b : chunks.values()) {
            out.write(b);
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        assertEquals(HexFormat.of().formatHex(sha.digest(data)), HexFormat.of().formatHex(sha.digest(out.toByteArray())));
    }

    @Test
    void aLocalFileSinkPutsEachChunkAtItsPositionInTheFile() throws Exception {
        String rel = newDirectory("local-sink") + "/f";
        byte[] data = random(5 * RSIZE + 12_345, 6);
        Files.write(local(rel), data);
        Path out = Files.createTempFile("local-sink-", ".bin");
        long readAt = RSIZE - 3;
        int length = 3 * RSIZE + 7;
        try (FileChannel channel = FileChannel.open(out, StandardOpenOption.WRITE);
             LocalChannels.Registration file = LocalChannels.get(node().system()).register(channel, out.toString())) {
            IoCompletion r = read(rel, readAt, length, new Sink.LocalFile(file.name(), 100), OPTS);
            assertNull(r.error(), () -> "read: " + r);
            assertEquals(length, r.bytes());
            assertEquals(4, r.counters().chunks());
        }
        byte[] written = Files.readAllBytes(out);
        assertEquals(100 + length, written.length);
        assertArrayEquals(new byte[100], Arrays.copyOf(written, 100), "nothing before the position");
        assertArrayEquals(Arrays.copyOfRange(data, (int) readAt, (int) readAt + length),
                Arrays.copyOfRange(written, 100, written.length));
        Files.delete(out);
    }

    @Test
    void aLocalFileSinkThatIsNotRegisteredFailsWithEbadfAtTheFirstChunk() throws Exception {
        String rel = newDirectory("local-sink-gone") + "/f";
        Files.write(local(rel), random(2 * RSIZE, 7));
        IoCompletion r = read(rel, 0, 2 * RSIZE, new Sink.LocalFile("0123", 0), OPTS);
        assertEquals(0, r.bytes());
        assertEquals("EBADF", r.error().errno(), () -> r.error().toString());
        assertEquals(0, r.error().offset());
        assertTrue(r.error().message().contains("no longer open on this node"), r.error().message());
    }

    @Test
    void aWriteFromALocalFileLandsByteExactFromItsPosition() throws Exception {
        String rel = newDirectory("local-source") + "/f";
        byte[] data = random(3 * WSIZE + 99, 8);
        Path source = Files.createTempFile("local-source-", ".bin");
        Files.write(source, data);
        IoCompletion w = await(client().write(DirectIoClient.newRequestId(), url(rel), 5,
                new WriteSource.LocalFile(source.toString(), 99, 3 * WSIZE), OPTS));
        assertNull(w.error(), () -> "write: " + w);
        assertEquals(3 * WSIZE, w.bytes());
        byte[] onDisk = Files.readAllBytes(local(rel));
        assertArrayEquals(Arrays.copyOfRange(data, 99, data.length), Arrays.copyOfRange(onDisk, 5, onDisk.length));
        Files.delete(source);
    }

    @Test
    void aRangeOfMoreChunksThanARequestCanPlanIsEfbigNotAHang() throws Exception {
        String rel = newDirectory("huge") + "/f";
        Files.write(local(rel), random(1000, 9));
        long length = 1L << 50;   // 2^34 chunks of 64 KiB
        IoCompletion r = read(rel, 0, length, new Sink.Digest(), OPTS);
        assertEquals(0, r.bytes());
        assertEquals("EFBIG", r.error().errno(), () -> r.error().toString());
        assertTrue(r.error().message().contains("17179869184 chunks of 65536 bytes"), r.error().message());
    }

    private static NfsDirectNode node() {
        client();
        return node;
    }

    /** Acks every chunk and completes once chunks covering {@code total} bytes arrived. */
    private static Behavior<ChunkData> collector(long total, CompletableFuture<TreeMap<Long, byte[]>> done) {
        TreeMap<Long, byte[]> chunks = new TreeMap<>();
        long[] seen = {0};
        return Behaviors.receiveMessage(m -> {
            if (chunks.put(m.offset(), m.bytes()) != null) {
                done.completeExceptionally(new AssertionError("chunk at " + m.offset() + " delivered twice"));
            }
            seen[0] += m.bytes().length;
            m.ackTo().tell(m.ack());
            if (seen[0] == total) {
                done.complete(chunks);
            }
            return Behaviors.same();
        });
    }

    @Test
    void entryChecksGiveTheirExactErrno() throws Exception {
        String dir = newDirectory("checks");
        String rel = dir + "/f";
        Files.write(local(rel), random(1000, 6));
        assertEquals("EINVAL", read(rel, -1, 10, new Sink.Reply(), OPTS).error().errno());
        assertEquals("EINVAL", read(rel, 0, -10, new Sink.Reply(), OPTS).error().errno());
        IoCompletion zero = read(rel, 0, 0, new Sink.Reply(), OPTS);
        assertNull(zero.error());
        assertEquals(0, zero.counters().rpcs(), "length 0 sends no RPC");
        IoCompletion append = write(rel, 0, new byte[10], OPTS.withAppend(true));
        assertEquals("EINVAL", append.error().errno());
        assertTrue(append.error().message().contains("NFS has no atomic append"), append.error().message());
        IoCompletion big = read(rel, 0, REPLY_LIMIT + 1, new Sink.Reply(), OPTS);
        assertEquals("EFBIG", big.error().errno());
        assertTrue(big.error().message().contains("Stream"), big.error().message());
        assertEquals("EFBIG", read(rel, Long.MAX_VALUE - 10, 100, new Sink.Digest(), OPTS).error().errno());

        IoCompletion missing = read(dir + "/missing", 4096, 10, new Sink.Reply(), OPTS);
        assertEquals("ENOENT", missing.error().errno());
        assertEquals("NFS3ERR_NOENT", missing.error().nfsStatus());
        assertEquals("read " + url(dir + "/missing") + " at offset 4096: No such file or directory (NFS3ERR_NOENT)",
                missing.error().message());
        assertEquals(-2, missing.result());

        IoCompletion isDir = read(dir, 0, 10, new Sink.Reply(), OPTS);
        assertEquals("EISDIR", isDir.error().errno());

        IoCompletion noCreate = write(dir + "/not-there", 0, new byte[10], OPTS.withCreate(false));
        assertEquals("ENOENT", noCreate.error().errno());

        String secret = dir + "/secret";
        Files.write(local(secret), random(100, 7));
        Files.setPosixFilePermissions(local(secret), PosixFilePermissions.fromString("rw-------"));
        IoCompletion denied = read(secret, 0, 100, new Sink.Reply(), OPTS.withCredentials(12345, 12345));
        assertEquals("EACCES", denied.error().errno(), () -> denied.toString());
        assertEquals("NFS3ERR_ACCES", denied.error().nfsStatus());
        assertEquals(-13, denied.result());
    }

    @Test
    void cancelStopsDispatchAndAnswersEcanceledWithTheBytesDone() throws Exception {
        String rel = newDirectory("cancel") + "/f";
        byte[] data = random(64 * RSIZE, 8);
        Files.write(local(rel), data);
        String id = DirectIoClient.newRequestId();
        CompletionStage<IoCompletion> pending = client().read(id, url(rel), 0, data.length, new Sink.Digest(),
                OPTS.withWindow(1));
        client().cancel(id);
        IoCompletion c = await(pending);
        assertEquals("ECANCELED", c.error().errno(), () -> c.toString());
        assertTrue(c.bytes() < data.length, () -> c.toString());
        assertEquals(c.bytes() / RSIZE, c.digests().size(), "digests only for the counted prefix");
    }

    /** The tree scan against the same server and export. */
    @Nested
    class TreeScanOnTheSameServer extends TreeScanContract {

        @Override
        protected String url(String rel) {
            return DirectIoContract.this.url(rel);
        }

        @Override
        protected Path local(String rel) {
            return DirectIoContract.this.local(rel);
        }

        @Override
        protected String newDirectory(String prefix) throws IOException {
            return DirectIoContract.this.newDirectory(prefix);
        }
    }
}
