package io.nfsdirect.coordinator.sink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfsdirect.protocol.api.ChunkAck;
import io.nfsdirect.protocol.api.ChunkData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The reorder buffer driven the way a request drives it: chunks out of order, acks freeing the window. */
class OrderedSinkTest {

    private static final ActorTestKit kit = ActorTestKit.create();
    private static final int CHUNK = 100;

    @AfterAll
    static void shutdown() {
        kit.shutdownTestKit();
    }

    private static byte[] data(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static ChunkData chunk(byte[] file, long base, int index, ActorRef<ChunkAck> acks) {
        int from = index * CHUNK;
        int to = Math.min(file.length, from + CHUNK);
        return new ChunkData("r", base + from, Arrays.copyOfRange(file, from, to), acks, index, 1);
    }

    private record Running(ActorRef<Object> sink, CompletableFuture<SinkResult> result, ByteArrayOutputStream out,
                           TestProbe<ChunkAck> acks) {
    }

    private static Running start(long base, int length, int maxHeld, Duration stall) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<SinkResult> result = new CompletableFuture<>();
        ActorRef<Object> sink = kit.spawn(OrderedSink.create(
                new OrderedSink.Settings(base, base + length, maxHeld, stall), ByteTarget.of(out), null, result));
        return new Running(sink, result, out, kit.createTestProbe(ChunkAck.class));
    }

    private static SinkResult await(CompletableFuture<SinkResult> result) throws Exception {
        return result.get(5, TimeUnit.SECONDS);
    }

    @Test
    void outOfOrderChunksComeOutInOrderAndEveryChunkIsAckedAfterItWasConsumed() throws Exception {
        byte[] file = data(10 * CHUNK - 37, 1);
        long base = 4096;
        Running r = start(base, file.length, 10, null);
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        Collections.shuffle(order, new Random(7));
        for (int index : order) {
            r.sink().tell(chunk(file, base, index, r.acks().ref()));
        }
        SinkResult result = await(r.result());
        assertArrayEquals(file, r.out().toByteArray());
        assertEquals(file.length, result.bytes());
        assertEquals(10, result.chunks());
        // Consumption is in file order and each ack follows its consumption, so acks come in order.
        List<Long> acked = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            acked.add(r.acks().receiveMessage(Duration.ofSeconds(3)).offset());
        }
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add(base + (long) i * CHUNK);
        }
        assertEquals(expected, acked);
        r.acks().expectNoMessage(Duration.ofMillis(100));
    }

    /**
     * A request with a window of W: W chunks dispatched, delivered in random order, and a new one
     * dispatched only for each ack. The sink never holds more than W - 1 (the gap is the W-th).
     */
    @Test
    void theBufferNeverHoldsMoreThanTheWindow() throws Exception {
        int window = 6;
        int count = 120;
        byte[] file = data(count * CHUNK, 2);
        Running r = start(0, file.length, window, null);
        Random random = new Random(3);
        List<Integer> undelivered = new ArrayList<>();
        int dispatched = 0;
        int unacked = 0;
        long consumedUpTo = 0;
        Set<Integer> delivered = new HashSet<>();
        while (dispatched < window) {
            undelivered.add(dispatched++);
            unacked++;
        }
        while (!undelivered.isEmpty()) {
            int index = undelivered.remove(random.nextInt(undelivered.size()));
            r.sink().tell(chunk(file, 0, index, r.acks().ref()));
            delivered.add(index);
            // The test knows which acks are due: every delivered chunk the prefix now reaches.
            int due = 0;
            while (delivered.contains((int) (consumedUpTo / CHUNK)) && consumedUpTo < file.length) {
                due++;
                consumedUpTo += CHUNK;
            }
            for (int i = 0; i < due; i++) {
                ChunkAck ack = r.acks().receiveMessage(Duration.ofSeconds(3));
                assertTrue(ack.offset() < consumedUpTo, "acked " + ack.offset() + " before it was consumed");
                unacked--;
                if (dispatched < count) {
                    undelivered.add(dispatched++);
                    unacked++;
                }
            }
            assertTrue(unacked <= window, "the simulated request exceeded its window");
        }
        SinkResult result = await(r.result());
        assertArrayEquals(file, r.out().toByteArray());
        assertTrue(result.maxHeldChunks() <= window - 1, "held " + result.maxHeldChunks());
        assertTrue(result.maxHeldChunks() >= 2, "the schedule should have reordered: " + result.maxHeldChunks());
    }

    @Test
    void holdingMoreThanTheBoundFailsAndReleasesEverything() {
        byte[] file = data(5 * CHUNK, 4);
        Running r = start(0, file.length, 2, null);
        for (int index : new int[] {1, 2, 3}) {
            r.sink().tell(chunk(file, 0, index, r.acks().ref()));
        }
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(r.result()));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        Set<Long> acked = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            acked.add(r.acks().receiveMessage(Duration.ofSeconds(3)).offset());
        }
        assertEquals(Set.of(100L, 200L, 300L), acked);
        // Released: later chunks are acknowledged at once so the request can still finish.
        r.sink().tell(chunk(file, 0, 0, r.acks().ref()));
        assertEquals(0L, r.acks().receiveMessage(Duration.ofSeconds(3)).offset());
        assertEquals(0, r.out().size());
    }

    @Test
    void aDuplicateOfAConsumedChunkIsAckedAndNotConsumedAgain() throws Exception {
        byte[] file = data(3 * CHUNK, 5);
        Running r = start(0, file.length, 4, null);
        r.sink().tell(chunk(file, 0, 0, r.acks().ref()));
        r.sink().tell(chunk(file, 0, 0, r.acks().ref()));
        r.sink().tell(chunk(file, 0, 2, r.acks().ref()));
        r.sink().tell(chunk(file, 0, 2, r.acks().ref()));
        assertEquals(0L, r.acks().receiveMessage().offset());
        assertEquals(0L, r.acks().receiveMessage().offset());
        assertEquals(200L, r.acks().receiveMessage().offset());
        r.sink().tell(chunk(file, 0, 1, r.acks().ref()));
        assertEquals(100L, r.acks().receiveMessage().offset());
        assertEquals(200L, r.acks().receiveMessage().offset());
        assertArrayEquals(file, r.out().toByteArray());
        assertEquals(3, await(r.result()).chunks());
    }

    @Test
    void aFailingTargetFailsTheResultAndTheChunksAreStillAcked() {
        CompletableFuture<SinkResult> result = new CompletableFuture<>();
        TestProbe<ChunkAck> acks = kit.createTestProbe(ChunkAck.class);
        ActorRef<Object> sink = kit.spawn(OrderedSink.create(new OrderedSink.Settings(0, 300, 4, null),
                (bytes, off, len) -> {
                    throw new IOException("Broken pipe");
                }, null, result));
        byte[] file = data(300, 6);
        sink.tell(chunk(file, 0, 1, acks.ref()));
        sink.tell(chunk(file, 0, 0, acks.ref()));
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(result));
        assertEquals("Broken pipe", e.getCause().getMessage());
        Set<Long> acked = Set.of(acks.receiveMessage().offset(), acks.receiveMessage().offset());
        assertEquals(Set.of(0L, 100L), acked);
        sink.tell(chunk(file, 0, 2, acks.ref()));
        assertEquals(200L, acks.receiveMessage().offset());
    }

    @Test
    void heldChunksWhoseGapNeverClosesAreReleasedAfterTheStallTimeout() {
        byte[] file = data(4 * CHUNK, 7);
        Running r = start(0, file.length, 4, Duration.ofMillis(200));
        r.sink().tell(chunk(file, 0, 2, r.acks().ref()));
        r.sink().tell(chunk(file, 0, 3, r.acks().ref()));
        r.acks().expectNoMessage(Duration.ofMillis(100));
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(r.result()));
        assertInstanceOf(OrderedSink.StalledException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("offset 0"), e.getCause().getMessage());
        Set<Long> acked = Set.of(r.acks().receiveMessage().offset(), r.acks().receiveMessage().offset());
        assertEquals(Set.of(200L, 300L), acked);
    }

    @Test
    void endBeforeTheRequestedEndCompletesAtThatOffset() throws Exception {
        byte[] file = data(5 * CHUNK, 8);
        Running r = start(0, 10 * CHUNK, 10, null);
        for (int index = 4; index >= 0; index--) {
            r.sink().tell(chunk(file, 0, index, r.acks().ref()));
        }
        r.sink().tell(new SinkControl.End(file.length));
        SinkResult result = await(r.result());
        assertEquals(file.length, result.bytes());
        assertArrayEquals(file, r.out().toByteArray());
    }

    @Test
    void digestTargetAndProgressSeeEveryByte() throws Exception {
        byte[] file = data(7 * CHUNK + 3, 9);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        AtomicLong progress = new AtomicLong();
        CompletableFuture<SinkResult> result = new CompletableFuture<>();
        TestProbe<ChunkAck> acks = kit.createTestProbe(ChunkAck.class);
        ActorRef<Object> sink = kit.spawn(OrderedSink.create(new OrderedSink.Settings(0, file.length, 8, null),
                ByteTarget.of(digest), progress::addAndGet, result));
        for (int index : new int[] {7, 3, 5, 0, 1, 2, 6, 4}) {
            sink.tell(chunk(file, 0, index, acks.ref()));
        }
        await(result);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(file), digest.digest());
        assertEquals(file.length, progress.get());
    }

    @Test
    void stopCancelsAnUnfinishedResultAndReleasesHeldChunks() {
        byte[] file = data(3 * CHUNK, 10);
        Running r = start(0, file.length, 4, null);
        r.sink().tell(chunk(file, 0, 1, r.acks().ref()));
        r.sink().tell(new SinkControl.Stop());
        assertEquals(100L, r.acks().receiveMessage().offset());
        assertThrows(CancellationException.class, () -> await(r.result()));
    }

    @Test
    void anEmptyRangeIsDoneAtOnce() throws Exception {
        Running r = start(50, 0, 1, null);
        assertEquals(0, await(r.result()).bytes());
    }
}
