package io.nfsdirect.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfsdirect.protocol.api.ChunkAck;
import io.nfsdirect.protocol.api.ChunkData;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The consumer's reorder buffer: hashing in file order, acks only once hashed, and its bound. */
class Sha256ConsumerTest {

    private static final ActorTestKit kit = ActorTestKit.create();
    private static final long START = 100;
    private static final int CHUNK = 10;
    private static final Duration QUIET = Duration.ofMillis(100);

    private final byte[] data = random(4 * CHUNK + 5);
    private final TestProbe<ChunkAck> acks = kit.createTestProbe(ChunkAck.class);
    private final TestProbe<Sha256Consumer.Result> results = kit.createTestProbe(Sha256Consumer.Result.class);

    @AfterAll
    static void shutdown() {
        kit.shutdownTestKit();
    }

    @Test
    void hashesInFileOrderAndAcksEachChunkOnlyOnceHashed() {
        ActorRef<Object> consumer = kit.spawn(Sha256Consumer.create("r", START, 4));
        consumer.tell(chunk("r", 2));
        consumer.tell(chunk("r", 1));
        acks.expectNoMessage(QUIET); // held: the chunk at the start has not come yet
        consumer.tell(chunk("r", 0));
        expectAcks(0, 1, 2);
        consumer.tell(chunk("r", 1)); // a repeat after failover: acked, not hashed again
        expectAcks(1);
        consumer.tell(chunk("r", 4));
        consumer.tell(chunk("r", 4)); // a repeat of a held chunk
        expectAcks(4);
        consumer.tell(chunk("other", 3)); // another request's chunk: acked and ignored
        assertEquals(new ChunkAck("other", offset(3), 3, 1), acks.receiveMessage());
        consumer.tell(chunk("r", 3));
        expectAcks(3, 4);

        consumer.tell(new Sha256Consumer.Finish(START + data.length, results.ref()));
        Sha256Consumer.Digest d = (Sha256Consumer.Digest) results.receiveMessage();
        assertEquals(ChecksumService.sha256Hex(data), d.sha256Hex());
        assertEquals(data.length, d.bytes());
        assertEquals(5, d.chunks());
        assertEquals(CHUNK, d.largestChunk());
        assertEquals(2, d.maxHeld());
        results.expectTerminated(consumer);
    }

    @Test
    void moreHeldChunksThanTheWindowFailsTheDigestButStillAcksEverything() {
        ActorRef<Object> consumer = kit.spawn(Sha256Consumer.create("r", START, 2));
        consumer.tell(chunk("r", 1));
        consumer.tell(chunk("r", 2));
        acks.expectNoMessage(QUIET);
        consumer.tell(chunk("r", 3)); // a third chunk waiting: beyond the bound
        expectAcks(1, 2, 3);
        consumer.tell(chunk("r", 0)); // from now on everything is acked and dropped
        expectAcks(0);
        consumer.tell(new Sha256Consumer.Finish(START + data.length, results.ref()));
        Sha256Consumer.Failed f = (Sha256Consumer.Failed) results.receiveMessage();
        assertTrue(f.reason().contains("more than the window of 2"), f.reason());
    }

    @Test
    void aCompletionThatEndsElsewhereThanTheHashedPrefixIsAFailureAndReleasesHeldChunks() {
        ActorRef<Object> consumer = kit.spawn(Sha256Consumer.create("r", START, 4));
        consumer.tell(chunk("r", 0));
        consumer.tell(chunk("r", 2)); // past an error at chunk 1: held, never hashed
        expectAcks(0);
        consumer.tell(new Sha256Consumer.Finish(offset(2), results.ref()));
        expectAcks(2);
        Sha256Consumer.Failed f = (Sha256Consumer.Failed) results.receiveMessage();
        assertTrue(f.reason().contains("hashed up to offset " + offset(1)), f.reason());
    }

    private ChunkData chunk(String requestId, int index) {
        int from = index * CHUNK;
        int to = Math.min(from + CHUNK, data.length);
        return new ChunkData(requestId, START + from, Arrays.copyOfRange(data, from, to), acks.ref(), index, 1);
    }

    private static long offset(int index) {
        return START + (long) index * CHUNK;
    }

    private void expectAcks(int... indexes) {
        for (int i : indexes) {
            assertEquals(new ChunkAck("r", offset(i), i, 1), acks.receiveMessage());
        }
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(3).nextBytes(b);
        return b;
    }
}
