package io.nfsdirect.protocol.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfsdirect.protocol.api.ChunkAck;
import io.nfsdirect.protocol.api.ChunkData;
import io.nfsdirect.protocol.api.ChunkDigest;
import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Chunk data crosses Artery raw behind a small CBOR header, written straight into the frame
 * (a direct, little-endian buffer, as Artery's are) and read straight out of it; a frame that
 * lies about its lengths fails its message, without allocating what it claims.
 */
class ChunkDataSerializerTest {

    private static final ActorTestKit kit = ActorTestKit.create();
    private static final Serialization serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
    private static final ChunkDataSerializer serializer =
            (ChunkDataSerializer) serialization.findSerializerFor(new ChunkData("-", 0, new byte[0], null, 0, 0));
    private static final FileRef FILE = new FileRef("10.0.0.1", 2049, 20048, new byte[] {9, 8, 7, 6}, 1000, 100,
            "nfs://10.0.0.1/export/f");
    /** CBOR header of every chunk message, actor paths and file handle included. */
    private static final int HEADER_BOUND = 1024;

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    private static byte[] data(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    /** Serialized into a frame as Artery does it, then read back from the flipped frame. */
    private static Object throughFrame(Object message, byte[] data) throws NotSerializableException {
        int dataLength = data.length;
        ByteBuffer frame = ByteBuffer.allocateDirect(dataLength + HEADER_BOUND).order(ByteOrder.LITTLE_ENDIAN);
        frame.put((byte) 0x55); // Artery's envelope header comes first; the serializer writes from position
        int start = frame.position();
        serializer.toBinary(message, frame);
        assertTrue(frame.position() - start <= dataLength + HEADER_BOUND / 2,
                "frame of " + (frame.position() - start) + " bytes for " + dataLength + " bytes of data");
        byte[] tail = new byte[dataLength];
        frame.get(frame.position() - dataLength, tail);
        assertArrayEquals(data, tail, "the data is the frame's last bytes, as it was");
        frame.flip().position(start);
        Object decoded = serializer.fromBinary(frame, serializer.manifest(message));
        assertEquals(0, frame.remaining());
        return decoded;
    }

    @Test
    void aReplyChunksDataGoesRawAfterItsHeaderAndComesBackWhole() throws Exception {
        byte[] bytes = data(1 << 20);
        ChunkReport.Done done = new ChunkReport.Done("r1", 7, 2, "pekko://n@h:1", 7L << 20, bytes.length, true, 2, 42L,
                bytes, new ChunkDigest(7L << 20, bytes.length, 0x1234, data(32)), new ChunkReport.RpcCounts(3, 1, 1));
        ChunkReport.Done back = (ChunkReport.Done) throughFrame(done, bytes);
        assertArrayEquals(bytes, back.data());
        assertEquals(done.toString(), back.toString());
        assertArrayEquals(done.digest().sha256(), back.digest().sha256());
        assertEquals(done.rpcs(), back.rpcs());
    }

    @Test
    void aStreamChunkKeepsItsAckReference() throws Exception {
        ActorRef<ChunkAck> acks = kit.<ChunkAck>createTestProbe().getRef();
        byte[] bytes = data(65536 + 3);
        ChunkData back = (ChunkData) throughFrame(new ChunkData("r2", 4096, bytes, acks, 1, 3), bytes);
        assertArrayEquals(bytes, back.bytes());
        assertEquals(acks, back.ackTo());
        assertEquals(new ChunkAck("r2", 4096, 1, 3), back.ack());
    }

    @Test
    void aWritesChunkCarriesItsBytesAndAReadTaskNone() throws Exception {
        ActorRef<ChunkReport> reports = kit.<ChunkReport>createTestProbe().getRef();
        byte[] bytes = data(4 << 20);
        WorkerNodeProtocol.RunChunk write = new WorkerNodeProtocol.RunChunk(
                new ChunkTask("w1", 3, 1, 3L << 22, bytes.length, new ChunkTask.WriteBytes(FILE, bytes, 1)), reports);
        WorkerNodeProtocol.RunChunk back = (WorkerNodeProtocol.RunChunk) throughFrame(write, bytes);
        assertArrayEquals(bytes, ((ChunkTask.WriteBytes) back.task().op()).bytes());
        assertEquals(reports, back.replyTo());
        assertEquals(write.task().offset(), back.task().offset());

        WorkerNodeProtocol.RunChunk read = new WorkerNodeProtocol.RunChunk(
                new ChunkTask("r1", 0, 1, 0, 65536, new ChunkTask.ReadDigest(FILE)), reports);
        assertEquals(read, throughFrame(read, new byte[0]));
        ChunkReport.Done digestOnly = new ChunkReport.Done("r1", 0, 1, "n", 0, 10, false, 2, 0, null,
                new ChunkDigest(0, 10, 1, data(32)), ChunkReport.RpcCounts.NONE);
        assertNull(((ChunkReport.Done) throughFrame(digestOnly, new byte[0])).data());
    }

    @Test
    void theArrayFormIsTheFramesBytes() throws Exception {
        ChunkData chunk = new ChunkData("r3", 0, data(1000), kit.<ChunkAck>createTestProbe().getRef(), 0, 1);
        byte[] array = serializer.toBinary(chunk);
        ByteBuffer frame = ByteBuffer.allocate(array.length + 10).order(ByteOrder.LITTLE_ENDIAN);
        serializer.toBinary(chunk, frame);
        assertArrayEquals(array, Arrays.copyOf(frame.array(), frame.position()));
        assertArrayEquals(chunk.bytes(), ((ChunkData) serializer.fromBinary(array, "data")).bytes());
    }

    @Test
    void aFrameThatLiesAboutItsLengthsFailsItsMessageOnly() {
        ChunkData chunk = new ChunkData("r4", 0, data(100), kit.<ChunkAck>createTestProbe().getRef(), 0, 1);
        byte[] good = serializer.toBinary(chunk);
        int headerLength = ByteBuffer.wrap(good).getInt();
        int dataLengthAt = 4 + headerLength;

        byte[] hugeData = good.clone();
        ByteBuffer.wrap(hugeData).putInt(dataLengthAt, Integer.MAX_VALUE);
        assertFails(hugeData, "data length 2147483647");

        byte[] negativeData = good.clone();
        ByteBuffer.wrap(negativeData).putInt(dataLengthAt, -2);
        assertFails(negativeData, "data length -2");

        byte[] hugeHeader = good.clone();
        ByteBuffer.wrap(hugeHeader).putInt(0, Integer.MAX_VALUE);
        assertFails(hugeHeader, "header length");

        assertFails(Arrays.copyOf(good, good.length - 1), "data length 100");
        assertFails(Arrays.copyOf(good, 3), "before the header length");
        assertFails(Arrays.copyOf(good, good.length + 1), "1 bytes after the data");

        byte[] garbledHeader = good.clone();
        Arrays.fill(garbledHeader, 4, dataLengthAt, (byte) 0xff);
        assertFails(garbledHeader, "data header");

        assertThrows(NotSerializableException.class, () -> serializer.fromBinary(good, "nope"));
    }

    private static void assertFails(byte[] frame, String why) {
        NotSerializableException e = assertThrows(NotSerializableException.class,
                () -> serializer.fromBinary(frame, "data"));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
