package io.nfsdirect.coordinator.sink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nfsdirect.protocol.api.ChunkAck;
import io.nfsdirect.protocol.api.ChunkData;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PositionalFileSinkTest {

    private static final ActorTestKit kit = ActorTestKit.create();
    private static final int CHUNK = 1000;

    @TempDir
    Path dir;

    @AfterAll
    static void shutdown() {
        kit.shutdownTestKit();
    }

    private static ChunkData chunk(byte[] file, long base, int index, ActorRef<ChunkAck> acks) {
        int from = index * CHUNK;
        return new ChunkData("r", base + from, Arrays.copyOfRange(file, from, Math.min(file.length, from + CHUNK)),
                acks, index, 1);
    }

    @Test
    void chunksInAnyOrderLandAtTheirPositionsAndAreAcked() throws Exception {
        byte[] file = new byte[9 * CHUNK + 123];
        new Random(1).nextBytes(file);
        long base = 1L << 32;
        Path out = dir.resolve("out.bin");
        AtomicLong progress = new AtomicLong();
        TestProbe<ChunkAck> acks = kit.createTestProbe(ChunkAck.class);
        CompletableFuture<SinkResult> result = new CompletableFuture<>();
        try (FileChannel channel = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ActorRef<Object> sink = kit.spawn(PositionalFileSink.create(channel, base, base + file.length,
                    progress::addAndGet, result));
            int[] order = {9, 3, 0, 7, 1, 8, 2, 6, 5, 4};
            Set<Long> acked = new HashSet<>();
            for (int i = 0; i < order.length; i++) {
                sink.tell(chunk(file, base, order[i], acks.ref()));
                // Nothing is held: each chunk is acked on its own, whatever came before it.
                acked.add(acks.receiveMessage(Duration.ofSeconds(3)).offset());
                if (i + 1 < order.length) {
                    // The result completes after the last ack, so only the earlier ones can be checked here.
                    assertEquals(false, result.isDone(), "complete before every chunk arrived");
                }
            }
            assertEquals(10, acked.size());
            SinkResult done = result.get(5, TimeUnit.SECONDS);
            assertEquals(file.length, done.bytes());
            assertEquals(10, done.chunks());
            assertEquals(0, done.maxHeldChunks());
        }
        assertArrayEquals(file, Files.readAllBytes(out));
        assertEquals(file.length, progress.get());
    }

    @Test
    void endNarrowsTheRangeAtEof() throws Exception {
        byte[] file = new byte[3 * CHUNK];
        new Random(2).nextBytes(file);
        TestProbe<ChunkAck> acks = kit.createTestProbe(ChunkAck.class);
        CompletableFuture<SinkResult> result = new CompletableFuture<>();
        try (FileChannel channel = FileChannel.open(dir.resolve("eof.bin"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            ActorRef<Object> sink = kit.spawn(PositionalFileSink.create(channel, 0, 10L * CHUNK, null, result));
            sink.tell(chunk(file, 0, 2, acks.ref()));
            sink.tell(chunk(file, 0, 0, acks.ref()));
            sink.tell(chunk(file, 0, 1, acks.ref()));
            acks.receiveMessage();
            acks.receiveMessage();
            acks.receiveMessage();
            assertFalse(result.isDone());
            sink.tell(new SinkControl.End(file.length));
            assertEquals(file.length, result.get(5, TimeUnit.SECONDS).bytes());
        }
    }

    @Test
    void aWriteFailureFailsTheResultButTheChunkIsStillAcked() throws Exception {
        byte[] file = new byte[2 * CHUNK];
        TestProbe<ChunkAck> acks = kit.createTestProbe(ChunkAck.class);
        CompletableFuture<SinkResult> result = new CompletableFuture<>();
        FileChannel channel = FileChannel.open(dir.resolve("closed.bin"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        channel.close();
        ActorRef<Object> sink = kit.spawn(PositionalFileSink.create(channel, 0, file.length, null, result));
        sink.tell(chunk(file, 0, 1, acks.ref()));
        assertEquals(CHUNK, acks.receiveMessage().offset());
        assertThrows(ExecutionException.class, () -> result.get(5, TimeUnit.SECONDS));
        sink.tell(chunk(file, 0, 0, acks.ref()));
        assertEquals(0, acks.receiveMessage().offset());
    }
}
