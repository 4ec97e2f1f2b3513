package io.nfsdirect.protocol.chunk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.nfsdirect.protocol.api.ChunkData;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.serialization.ByteBufferSerializer;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.Serialization$;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.SerializerWithStringManifest;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;

/**
 * The serializer of the three messages that carry a chunk's data between nodes: a worker's
 * {@link ChunkReport.Done} (a Reply chunk), a Stream chunk ({@link ChunkData}), and a write's
 * {@link WorkerNodeProtocol.RunChunk}. Jackson CBOR would put the data inside the map as a byte
 * string, built in a growing buffer, copied out to an array, and copied again into Artery's
 * frame, then parsed back out of a copy on the other side. Here the message without its data is
 * the CBOR header (the same mapper and modules as {@code jackson-cbor}, so actor refs and the
 * rest encode as they always did), and the data follows it raw:
 * <pre>
 *   int header length | CBOR header | int data length (-1: none) | data
 * </pre>
 * Through Artery ({@link ByteBufferSerializer}) the data is copied once into the outgoing frame
 * and once out of the incoming one into the array the receiver keeps: one copy on each side.
 * Lengths are big-endian whatever the buffer's order, and checked against what the frame holds,
 * so a malformed frame fails its one message and allocates at most its own size.
 */
public final class ChunkDataSerializer extends SerializerWithStringManifest implements ByteBufferSerializer {

    /** Pekko reserves 0-40; {@code jackson-cbor} is 33. */
    public static final int IDENTIFIER = 7301;

    private static final String DONE = "done";
    private static final String DATA = "data";
    private static final String RUN = "run";
    private static final int NO_DATA = -1;

    private final ExtendedActorSystem system;
    private final ObjectMapper mapper;

    public ChunkDataSerializer(ExtendedActorSystem system) {
        this.system = system;
        this.mapper = JacksonObjectMapperProvider.get(system).getOrCreate("jackson-cbor", Optional.of(new CBORFactory()));
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public String manifest(Object o) {
        if (o instanceof ChunkReport.Done) {
            return DONE;
        } else if (o instanceof ChunkData) {
            return DATA;
        } else if (o instanceof WorkerNodeProtocol.RunChunk) {
            return RUN;
        }
        throw new IllegalArgumentException("not a chunk-carrying message: " + o.getClass().getName());
    }

    @Override
    public void toBinary(Object o, ByteBuffer buf) {
        byte[] data = dataOf(o);
        write(buf, header(o), data);
    }

    /** Outside Artery (another transport, a test): the same layout in an array of its exact size. */
    @Override
    public byte[] toBinary(Object o) {
        byte[] data = dataOf(o);
        byte[] header = header(o);
        ByteBuffer buf = ByteBuffer.allocate(8 + header.length + (data == null ? 0 : data.length));
        write(buf, header, data);
        return buf.array();
    }

    private static void write(ByteBuffer buf, byte[] header, byte[] data) {
        putInt(buf, header.length);
        buf.put(header);
        putInt(buf, data == null ? NO_DATA : data.length);
        if (data != null) {
            buf.put(data);
        }
    }

    @Override
    public Object fromBinary(ByteBuffer buf, String manifest) throws NotSerializableException {
        Class<?> type = switch (manifest) {
            case DONE -> ChunkReport.Done.class;
            case DATA -> ChunkData.class;
            case RUN -> WorkerNodeProtocol.RunChunk.class;
            default -> throw new NotSerializableException("unknown chunk message manifest " + manifest);
        };
        byte[] header = new byte[length(buf, 0, manifest, "header")];
        buf.get(header);
        int dataLength = length(buf, NO_DATA, manifest, "data");
        byte[] data = dataLength == NO_DATA ? null : new byte[dataLength];
        if (data != null) {
            buf.get(data);
        }
        if (buf.hasRemaining()) {
            throw new NotSerializableException(manifest + ": " + buf.remaining() + " bytes after the data");
        }
        Object stripped;
        Serialization.Information outer = enterSystem();
        try {
            stripped = mapper.readValue(header, type);
        } catch (IOException e) {
            NotSerializableException n = new NotSerializableException(manifest + " header: " + e.getMessage());
            n.initCause(e);
            throw n;
        } finally {
            leaveSystem(outer);
        }
        return withData(stripped, data);
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        return fromBinary(ByteBuffer.wrap(bytes), manifest);
    }

    /** The message's data, or null when it carries none (a read task, a Digest or Copy report). */
    private static byte[] dataOf(Object o) {
        if (o instanceof ChunkReport.Done d) {
            return d.data();
        } else if (o instanceof ChunkData c) {
            return c.bytes();
        } else if (o instanceof WorkerNodeProtocol.RunChunk r) {
            return r.task().op() instanceof ChunkTask.WriteBytes w ? w.bytes() : null;
        }
        throw new IllegalArgumentException("not a chunk-carrying message: " + o.getClass().getName());
    }

    private byte[] header(Object o) {
        Serialization.Information outer = enterSystem();
        try {
            return mapper.writeValueAsBytes(withData(o, null));
        } catch (IOException e) {
            throw new UncheckedIOException("chunk message header of " + o, e);
        } finally {
            leaveSystem(outer);
        }
    }

    /**
     * Actor refs in a header are resolved against the system Pekko names for the current
     * (de)serialization. Artery and {@link Serialization}'s own methods set it; a direct call (a
     * test, another transport) gets this serializer's system, as Pekko's methods would give it.
     */
    private Serialization.Information enterSystem() {
        Serialization.Information outer = Serialization$.MODULE$.currentTransportInformation().value();
        if (outer == null) {
            Serialization$.MODULE$.currentTransportInformation().value_$eq(
                    SerializationExtension.get(system).serializationInformation());
        }
        return outer;
    }

    private static void leaveSystem(Serialization.Information outer) {
        if (outer == null) {
            Serialization$.MODULE$.currentTransportInformation().value_$eq(null);
        }
    }

    /** The same message with {@code data} in place of the one it carries. */
    private static Object withData(Object o, byte[] data) {
        if (o instanceof ChunkReport.Done d) {
            return new ChunkReport.Done(d.requestId(), d.chunk(), d.attempt(), d.node(), d.offset(), d.count(),
                    d.eof(), d.committed(), d.verifier(), data, d.digest(), d.rpcs());
        } else if (o instanceof ChunkData c) {
            return new ChunkData(c.requestId(), c.offset(), data, c.ackTo(), c.chunk(), c.attempt());
        }
        WorkerNodeProtocol.RunChunk r = (WorkerNodeProtocol.RunChunk) o;
        if (!(r.task().op() instanceof ChunkTask.WriteBytes w)) {
            return r;
        }
        ChunkTask t = r.task();
        return new WorkerNodeProtocol.RunChunk(new ChunkTask(t.requestId(), t.chunk(), t.attempt(), t.offset(),
                t.length(), new ChunkTask.WriteBytes(w.file(), data, w.stable())), r.replyTo());
    }

    /** A length written by {@link #putInt}, at least {@code min} and no more than the frame still holds. */
    private static int length(ByteBuffer buf, int min, String manifest, String what) throws NotSerializableException {
        if (buf.remaining() < 4) {
            throw new NotSerializableException(manifest + ": frame ends before the " + what + " length");
        }
        int n = ((buf.get() & 0xff) << 24) | ((buf.get() & 0xff) << 16) | ((buf.get() & 0xff) << 8) | (buf.get() & 0xff);
        if (n < min || n > buf.remaining()) {
            throw new NotSerializableException(manifest + ": " + what + " length " + n + " with " + buf.remaining()
                    + " bytes left in the frame");
        }
        return n;
    }

    private static void putInt(ByteBuffer buf, int v) {
        buf.put((byte) (v >>> 24)).put((byte) (v >>> 16)).put((byte) (v >>> 8)).put((byte) v);
    }
}
