package io.nfsdirect.protocol.xdr;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.dcache.oncrpc4j.xdr.Xdr;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.glassfish.grizzly.Buffer;

/**
 * Encoding helpers that refuse values the peer would reject anyway. Failing here, with the field
 * named, is far easier to debug than a GARBAGE_ARGS or a silently truncated handle on the server.
 */
public final class XdrWriter {

    private XdrWriter() {
    }

    /** Returns {@code value}, or fails naming the field if a required structure is missing. */
    public static <T> T required(T value, String field) throws XdrException {
        if (value == null) {
            throw new XdrException(field, "missing (null)");
        }
        return value;
    }

    /** Writes a variable-length opaque of at most {@code max} bytes. */
    public static void opaque(XdrEncodingStream out, String field, byte[] data, int max) throws XdrException {
        required(data, field);
        if (data.length > max) {
            throw new XdrException(field, "opaque length " + data.length + " exceeds the limit of " + max);
        }
        out.xdrEncodeDynamicOpaque(data);
    }

    /** Writes a fixed-length opaque (no length word), which must be exactly {@code length} bytes. */
    public static void fixedOpaque(XdrEncodingStream out, String field, byte[] data, int length) throws XdrException {
        required(data, field);
        if (data.length != length) {
            throw new XdrException(field, "must be exactly " + length + " bytes, got " + data.length);
        }
        out.xdrEncodeOpaque(data, 0, length);
    }

    /** Writes a UTF-8 string of at most {@code max} bytes. */
    public static void string(XdrEncodingStream out, String field, String value, int max) throws XdrException {
        required(value, field);
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > max) {
            throw new XdrException(field, "string of " + bytes.length + " UTF-8 bytes exceeds the limit of " + max);
        }
        out.xdrEncodeDynamicOpaque(bytes);
    }

    /**
     * Writes {@code data} from its position to its limit as a variable-length opaque, leaving the
     * caller's position untouched.
     *
     * <p>On an oncrpc4j {@link Xdr} the buffer is attached to the outgoing message instead of being
     * copied ({@link Xdr#xdrEncodeShallowByteBuffer(ByteBuffer)}), so its bytes must not change
     * until the message has been written to the socket. oncrpc4j skips the padding after a shallow
     * buffer without clearing it; RFC 4506 asks for zero bytes there, so they are cleared here.
     */
    public static void data(XdrEncodingStream out, String field, ByteBuffer data) throws XdrException {
        ByteBuffer view = required(data, field).duplicate();
        int length = view.remaining();
        if (out instanceof Xdr xdr && length > 0) {
            xdrEncodeShallow(xdr, view, length);
        } else if (view.hasArray()) {
            out.xdrEncodeInt(length);
            out.xdrEncodeOpaque(view.array(), view.arrayOffset() + view.position(), length);
        } else {
            byte[] copy = new byte[length];
            view.get(copy);
            out.xdrEncodeDynamicOpaque(copy);
        }
    }

    private static void xdrEncodeShallow(Xdr xdr, ByteBuffer view, int length) {
        xdr.xdrEncodeShallowByteBuffer(view);
        int padding = (4 - (length & 3)) & 3;
        Buffer buffer = xdr.asBuffer();
        int end = buffer.position();
        for (int i = end - padding; i < end; i++) {
            buffer.put(i, (byte) 0);
        }
    }
}
