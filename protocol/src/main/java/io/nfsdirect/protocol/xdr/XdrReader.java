package io.nfsdirect.protocol.xdr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.dcache.oncrpc4j.xdr.BadXdrOncRpcException;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.glassfish.grizzly.Buffer;

/**
 * Decoding helpers for input that comes off the network and therefore cannot be trusted.
 *
 * <p>oncrpc4j's {@code xdrDecodeDynamicOpaque} and {@code xdrDecodeString} allocate an array of
 * whatever length the peer announces before looking at how many bytes arrived, so a single
 * corrupted word can demand a 2 GiB array. Its {@code xdrDecodeByteBuffer} checks the remaining
 * bytes, but adds the padding to the length in an {@code int}, which overflows for lengths near
 * 2^31 and slips past the check. Every variable-length item is therefore read through this class:
 * the length is checked against the field's limit and against the bytes actually left in the
 * receive buffer before anything is allocated, and every failure names the field.
 */
public final class XdrReader {

    private XdrReader() {
    }

    /** Reads a 32-bit word (int, uint32 or enum). */
    public static int int32(XdrDecodingStream in, String field) throws XdrException {
        try {
            return in.xdrDecodeInt();
        } catch (BadXdrOncRpcException e) {
            throw truncated(field, 4, e);
        }
    }

    /** Reads a 64-bit hyper (int64 or uint64). */
    public static long int64(XdrDecodingStream in, String field) throws XdrException {
        try {
            return in.xdrDecodeLong();
        } catch (BadXdrOncRpcException e) {
            throw truncated(field, 8, e);
        }
    }

    /**
     * Reads an XDR bool. oncrpc4j treats any non-zero word as true; we insist on 0 or 1, because
     * anything else means the decoder has lost its place in the message and everything after it
     * would be garbage.
     */
    public static boolean bool(XdrDecodingStream in, String field) throws XdrException {
        int value = int32(in, field);
        if (value == 0) {
            return false;
        }
        if (value == 1) {
            return true;
        }
        throw new XdrException(field, "boolean must be 0 or 1, got " + Integer.toUnsignedString(value));
    }

    /** Reads an element count (array length, list size) that must lie in {@code [0, max]}. */
    public static int count(XdrDecodingStream in, String field, int max) throws XdrException {
        int value = int32(in, field);
        if (value < 0 || value > max) {
            throw new XdrException(field, "count " + Integer.toUnsignedString(value)
                    + " exceeds the limit of " + max);
        }
        return value;
    }

    /**
     * Reads a variable-length opaque of at most {@code max} bytes. The array is allocated only
     * once the announced length is known to fit both the limit and the remaining bytes.
     */
    public static byte[] opaque(XdrDecodingStream in, String field, int max) throws XdrException {
        int length = int32(in, field);
        checkLength(in, field, length, max);
        return body(in, field, length);
    }

    /** Reads a fixed-length opaque (no length word on the wire), e.g. a write verifier. */
    public static byte[] fixedOpaque(XdrDecodingStream in, String field, int length) throws XdrException {
        long needed = padded(length);
        long remaining = remaining(in);
        if (remaining >= 0 && needed > remaining) {
            throw new XdrException(field, "fixed opaque of " + length + " bytes exceeds the "
                    + remaining + " bytes remaining");
        }
        return body(in, field, length);
    }

    /**
     * Reads a UTF-8 string of at most {@code max} bytes. Invalid sequences become U+FFFD rather
     * than failing the message: file names are bytes to a Unix server, and one odd name must not
     * make a whole directory listing unreadable.
     */
    public static String string(XdrDecodingStream in, String field, int max) throws XdrException {
        return new String(opaque(in, field, max), StandardCharsets.UTF_8);
    }

    /**
     * Returns the next variable-length opaque as a read-only-by-convention view into the receive
     * buffer, without copying. The view is valid only while oncrpc4j holds that buffer, i.e. until
     * the decode or dispatch callback returns; copy out of it before then.
     *
     * <p>The length word is peeked and checked first, so that {@link Xdr#xdrDecodeByteBuffer()}
     * (which re-reads it) never sees a length its own overflowing check would let through.
     */
    public static ByteBuffer opaqueView(Xdr in, String field, int max) throws XdrException {
        opaqueLength(in.asBuffer(), field, max);
        try {
            return in.xdrDecodeByteBuffer();
        } catch (BadXdrOncRpcException e) {
            throw new XdrException(field, e.getMessage(), e);
        }
    }

    /**
     * Peeks at the length of the opaque that starts at {@code buffer}'s position and checks it
     * against {@code max} and the bytes that follow, without moving the position.
     */
    public static int opaqueLength(Buffer buffer, String field, int max) throws XdrException {
        if (buffer.remaining() < Integer.BYTES) {
            throw new XdrException(field, "truncated: needs 4 bytes for the length, "
                    + buffer.remaining() + " remaining");
        }
        int length = buffer.getInt(buffer.position());
        checkLength(field, length, max, buffer.remaining() - Integer.BYTES);
        return length;
    }

    /**
     * Checks an opaque length that was already read. Lengths are uint32 on the wire, so a
     * negative int is a length above 2 GiB and is reported as such.
     */
    public static void checkLength(XdrDecodingStream in, String field, int length, int max) throws XdrException {
        checkLength(field, length, max, remaining(in));
    }

    /** {@link #checkLength(XdrDecodingStream, String, int, int)} against a known count of bytes that follow. */
    public static void checkLength(String field, int length, int max, long remaining) throws XdrException {
        if (length < 0 || (remaining >= 0 && padded(length) > remaining)) {
            throw new XdrException(field, "opaque length " + Integer.toUnsignedString(length)
                    + " exceeds the " + Math.max(remaining, 0) + " bytes remaining");
        }
        if (length > max) {
            throw new XdrException(field, "opaque length " + length + " exceeds the limit of " + max);
        }
    }

    /** Decodes a nested structure into {@code into} and returns it, for one-line field reads. */
    public static <T extends XdrAble> T struct(XdrDecodingStream in, T into) throws IOException {
        into.xdrDecode(in);
        return into;
    }

    /**
     * Bytes left to decode, or -1 when the stream is not an oncrpc4j {@link Xdr} and cannot
     * tell; then only the per-field limits bound an allocation.
     */
    public static long remaining(XdrDecodingStream in) {
        if (in instanceof Xdr xdr) {
            return xdr.asBuffer().remaining();
        }
        return -1;
    }

    /** The length of an opaque on the wire including its padding to a multiple of four. */
    public static long padded(int length) {
        return (Integer.toUnsignedLong(length) + 3) & ~3L;
    }

    private static byte[] body(XdrDecodingStream in, String field, int length) throws XdrException {
        byte[] bytes = new byte[length];
        if (length > 0) {
            try {
                in.xdrDecodeOpaque(bytes, 0, length);
            } catch (BadXdrOncRpcException e) {
                throw truncated(field, padded(length), e);
            }
        }
        return bytes;
    }

    private static XdrException truncated(String field, long needed, BadXdrOncRpcException cause) {
        return new XdrException(field, "truncated: needs " + needed + " bytes, " + cause.getMessage(), cause);
    }
}
