package io.nfsdirect.protocol.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfsdirect.protocol.chunk.ChunkDataSerializer;
import io.nfsdirect.protocol.chunk.ChunkReport;
import io.nfsdirect.protocol.chunk.ChunkTask;
import io.nfsdirect.protocol.chunk.FileRef;
import io.nfsdirect.protocol.chunk.WorkerNodeProtocol;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every message that may cross a node boundary goes through the serializer a second node would
 * use (Jackson CBOR, or for chunk data a CBOR header and the data raw; Java serialization off),
 * so nothing breaks only when a cluster forms.
 * A message survives when its bytes, decoded and encoded again, are the same bytes, and when it
 * equals the original wherever equality is defined.
 */
class MessageSerializationTest {

    private static final ActorTestKit kit = ActorTestKit.create();
    private static final Serialization serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    private static final FileRef FILE = new FileRef("10.0.0.1", 2049, 20048, new byte[] {9, 8, 7, 6}, 1000, 100,
            "nfs://10.0.0.1/export/f");

    static Stream<Object> messages() {
        ActorRef<IoCompletion> asker = kit.<IoCompletion>createTestProbe().getRef();
        ActorRef<ChunkData> consumer = kit.<ChunkData>createTestProbe().getRef();
        ActorRef<ChunkAck> acks = kit.<ChunkAck>createTestProbe().getRef();
        ActorRef<ChunkReport> reports = kit.<ChunkReport>createTestProbe().getRef();
        ActorRef<NodeStats> stats = kit.<NodeStats>createTestProbe().getRef();
        ActorRef<WorkerNodeProtocol.CommitResult> commits = kit.<WorkerNodeProtocol.CommitResult>createTestProbe().getRef();
        IoOptions options = IoOptions.DEFAULT.withRsize(65536).withWindow(8).withNodes(List.of("pekko://n@h:1"));
        IoError error = new IoError("ENOENT", "NFS3ERR_NOENT", 4096, "read nfs://h/e/f at offset 4096: No such file");
        ChunkDigest digest = new ChunkDigest(0, 3, 0x1234, new byte[32]);
        IoCounters counters = new IoCounters(4, 5, 1, 2, 1, 1, 123_456);
        return Stream.of(
                new DirectIoProtocol.Read("r1", "nfs://h/e/f", 0, 100, new Sink.Reply(), options, asker),
                new DirectIoProtocol.Read("r2", "nfs://h/e/f", 5, 100, new Sink.Stream(consumer), options, asker),
                new DirectIoProtocol.Read("r3", "nfs://h/e/f", 5, 100, new Sink.Digest(), IoOptions.DEFAULT, asker),
                new DirectIoProtocol.Write("w1", "nfs://h/e/f", 7, new WriteSource.Inline(new byte[] {1, 2, 3}),
                        options.withStable(true), asker),
                new DirectIoProtocol.Write("w2", "nfs://h/e/f", 7, new WriteSource.LocalFile("/tmp/x", 3, 99),
                        options, asker),
                new DirectIoProtocol.Copy("c1", "nfs://a/e/f", "nfs://b/e/g", 0, 1 << 30, options, asker),
                new DirectIoProtocol.Cancel("r1"),
                new DirectIoProtocol.GetStats(stats),
                new IoCompletion("r1", 3, null, new byte[] {1, 2, 3}, null, counters, false),
                new IoCompletion("r2", 0, error, null, List.of(digest), counters, true),
                new ChunkData("r2", 65536, new byte[] {5, 6, 7}, acks, 1, 2),
                new ChunkAck("r2", 65536, 1, 2),
                new NodeStats("pekko://n@h:1", List.of("worker"), 1, 2, Map.of("READ", 3L), 4, 5, 6, 7, 8, 9, 10, 11,
                        List.of(1L, 2L)),
                new WorkerNodeProtocol.RunChunk(new ChunkTask("r1", 3, 2, 196608, 65536,
                        new ChunkTask.ReadReply(FILE)), reports),
                new WorkerNodeProtocol.RunChunk(new ChunkTask("r1", 3, 1, 0, 10,
                        new ChunkTask.ReadStream(FILE, consumer, acks)), reports),
                new WorkerNodeProtocol.RunChunk(new ChunkTask("r1", 0, 1, 0, 10, new ChunkTask.ReadDigest(FILE)), reports),
                new WorkerNodeProtocol.RunChunk(new ChunkTask("w1", 0, 1, 0, 3,
                        new ChunkTask.WriteBytes(FILE, new byte[] {1, 2, 3}, 0)), reports),
                new WorkerNodeProtocol.RunChunk(new ChunkTask("c1", 0, 1, 0, 3, new ChunkTask.CopyTo(FILE, FILE, 2)),
                        reports),
                new WorkerNodeProtocol.RunCommit("w1", FILE, commits),
                new WorkerNodeProtocol.GetStats(stats),
                new WorkerNodeProtocol.Committed("w1", 0x1122334455667788L),
                new WorkerNodeProtocol.CommitFailed("w1", error),
                new ChunkReport.Done("r1", 1, 1, "node-a", 65536, 65536, false, 2, 42L, new byte[] {1}, digest,
                        new ChunkReport.RpcCounts(2, 1, 1)),
                new ChunkReport.Failed("r1", 1, 2, "node-b", error, ChunkReport.RpcCounts.NONE));
    }

    private static byte[] bytes(Object message) {
        return serialization.serialize(message).get();
    }

    @ParameterizedTest
    @MethodSource("messages")
    void survivesTheCborSerializer(Object message) {
        Serializer serializer = serialization.findSerializerFor(message);
        boolean carriesChunks = message instanceof ChunkReport.Done || message instanceof ChunkData
                || message instanceof WorkerNodeProtocol.RunChunk;
        String expected = carriesChunks ? ChunkDataSerializer.class.getSimpleName() : "JacksonCborSerializer";
        assertTrue(serializer.getClass().getName().endsWith(expected),
                message.getClass() + " must be bound to " + expected + ", got " + serializer.getClass());
        byte[] encoded = bytes(message);
        Object decoded = serialization.deserialize(encoded, serializer.identifier(),
                Serializers.manifestFor(serializer, message)).get();
        assertEquals(message.getClass(), decoded.getClass());
        assertArrayEquals(encoded, bytes(decoded), "decoding and encoding again gives the same bytes");
        assertEquals(message.toString(), decoded.toString());
    }

    @Test
    void javaSerializationIsOff() {
        record NotMarked(String s) implements java.io.Serializable {
        }
        assertThrows(Exception.class, () -> serialization.serialize(new NotMarked("x")).get());
    }
}
