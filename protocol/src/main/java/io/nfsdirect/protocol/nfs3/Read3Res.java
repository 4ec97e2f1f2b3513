package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrException;
import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.BadXdrOncRpcException;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.glassfish.grizzly.Buffer;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * READ3res: file attributes in both arms; on NFS3_OK also the byte count, the eof flag and the
 * data ({@code count}, {@code eof} and {@code data} are 0/false/null otherwise).
 *
 * <p>The client decodes with {@link #into(ByteBuffer)}: the payload then goes from oncrpc4j's
 * receive buffer straight into the caller's buffer, with no intermediate array, which is the only
 * copy a read makes on its way from the socket to its destination. Before a single byte moves, the
 * announced length is checked against the bytes received, against {@code count} and against the
 * room left in the destination, so a lying or corrupt reply can neither allocate nor overrun.
 */
public final class Read3Res implements XdrAble {

    private static final String DATA = "READ3resok.data";
    private static final String COUNT = "READ3resok.count";

    public int status;
    public PostOpAttr fileAttributes;
    /** uint32 on the wire; must equal the length of {@link #data}. */
    public int count;
    public boolean eof;
    /**
     * The bytes read. After {@link #into(ByteBuffer)} decoding this is a slice of the destination
     * covering exactly the bytes written into it; otherwise a buffer of exactly that length. On
     * encode, its position..limit is sent without being moved.
     */
    public ByteBuffer data;

    /** Where decoding puts the payload; not part of the value. */
    private ByteBuffer destination;

    public Read3Res() {
    }

    public Read3Res(int status, PostOpAttr fileAttributes, int count, boolean eof, ByteBuffer data) {
        this.status = status;
        this.fileAttributes = fileAttributes;
        this.count = count;
        this.eof = eof;
        this.data = data;
    }

    /**
     * A result that decodes its payload into {@code destination} at its position and advances
     * that position by the number of bytes received. A reply with more data than
     * {@code destination.remaining()} fails with an XdrException and leaves it untouched.
     */
    public static Read3Res into(ByteBuffer destination) {
        Objects.requireNonNull(destination, "destination");
        if (destination.isReadOnly()) {
            throw new IllegalArgumentException("READ destination is read-only");
        }
        Read3Res res = new Read3Res();
        res.destination = destination;
        return res;
    }

    /** The buffer given to {@link #into(ByteBuffer)}, or null. */
    public ByteBuffer destination() {
        return destination;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        status = XdrReader.int32(in, "READ3res.status");
        fileAttributes = XdrReader.struct(in, new PostOpAttr());
        if (status != Nfs3.NFS3_OK) {
            count = 0;
            eof = false;
            data = null;
            return;
        }
        count = XdrReader.int32(in, COUNT);
        eof = XdrReader.bool(in, "READ3resok.eof");
        data = in instanceof Xdr xdr ? decodeView(xdr) : decodeStream(in);
    }

    /**
     * The receive buffer is an oncrpc4j Xdr. With a destination, the payload is copied once,
     * straight from the receive buffer: a large reply arrives in several socket reads, so that
     * buffer is a chain of pieces, and asking it for a ByteBuffer view would first merge the
     * pieces into a fresh payload-sized array (a second copy and a megabyte of garbage per READ).
     */
    private ByteBuffer decodeView(Xdr in) throws XdrException {
        if (destination == null) {
            ByteBuffer view = XdrReader.opaqueView(in, DATA, Nfs3.MAX_DATA);
            checkCountAndRoom(view.remaining());
            return ByteBuffer.allocate(view.remaining()).put(view).flip();
        }
        Buffer received = in.asBuffer();
        int length = XdrReader.opaqueLength(received, DATA, Integer.MAX_VALUE);
        checkCountAndRoom(length);
        int start = destination.position();
        received.position(received.position() + Integer.BYTES);
        received.get(destination.slice(start, length));
        received.position(received.position() + (int) (XdrReader.padded(length) - length));
        destination.position(start + length);
        return destination.slice(start, length);
    }

    /** Any other stream: read the payload into the destination's array, or copy it once. */
    private ByteBuffer decodeStream(XdrDecodingStream in) throws XdrException {
        int length = XdrReader.int32(in, DATA);
        XdrReader.checkLength(in, DATA, length, destination != null ? Integer.MAX_VALUE : Nfs3.MAX_DATA);
        checkCountAndRoom(length);
        if (destination == null) {
            return ByteBuffer.wrap(XdrReader.fixedOpaque(in, DATA, length));
        }
        int start = destination.position();
        if (destination.hasArray()) {
            try {
                in.xdrDecodeOpaque(destination.array(), destination.arrayOffset() + start, length);
            } catch (BadXdrOncRpcException e) {
                throw new XdrException(DATA, "truncated: " + e.getMessage(), e);
            }
            destination.position(start + length);
        } else {
            destination.put(XdrReader.fixedOpaque(in, DATA, length));
        }
        return destination.slice(start, length);
    }

    /**
     * The receive side of a client that reads the payload itself, straight from the socket into
     * the destination: decodes READ3res up to the payload's length word from {@code head}, and
     * checks that length against {@code count}, the room in the destination and the bytes the
     * record still holds: what is left of {@code head} plus {@code bytesAfterHead} not yet read.
     * The caller then moves the payload into the destination at its position and calls
     * {@link #payloadReceived(int)}.
     *
     * @return the payload length, or -1 for a non-OK status (then fully decoded, no payload)
     */
    public int decodeHead(Xdr head, long bytesAfterHead) throws IOException {
        if (destination == null) {
            throw new IllegalStateException("decodeHead needs a destination (Read3Res.into)");
        }
        status = XdrReader.int32(head, "READ3res.status");
        fileAttributes = XdrReader.struct(head, new PostOpAttr());
        count = 0;
        eof = false;
        data = null;
        if (status != Nfs3.NFS3_OK) {
            return -1;
        }
        count = XdrReader.int32(head, COUNT);
        eof = XdrReader.bool(head, "READ3resok.eof");
        int length = XdrReader.int32(head, DATA);
        XdrReader.checkLength(DATA, length, Integer.MAX_VALUE, head.asBuffer().remaining() + bytesAfterHead);
        checkCountAndRoom(length);
        return length;
    }

    /** After {@link #decodeHead}: the payload's bytes are in the destination at its position. */
    public void payloadReceived(int length) {
        int start = destination.position();
        destination.position(start + length);
        data = destination.slice(start, length);
    }

    /** Room first: on a stream that cannot tell what remains, it is the only bound on a length. */
    private void checkCountAndRoom(int length) throws XdrException {
        if (destination != null && length > destination.remaining()) {
            throw new XdrException(DATA, "opaque length " + length + " exceeds the "
                    + destination.remaining() + " bytes left in the destination");
        }
        if (length != count) {
            throw new XdrException(COUNT, "count " + Integer.toUnsignedString(count)
                    + " does not match the " + length + " data bytes");
        }
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        out.xdrEncodeInt(status);
        PostOpAttr.write(out, fileAttributes);
        if (status == Nfs3.NFS3_OK) {
            XdrWriter.required(data, DATA);
            if (data.remaining() != count) {
                throw new XdrException(COUNT, "count " + Integer.toUnsignedString(count)
                        + " does not match the " + data.remaining() + " data bytes");
            }
            out.xdrEncodeInt(count);
            out.xdrEncodeBoolean(eof);
            XdrWriter.data(out, DATA, data);
        }
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Read3Res other && status == other.status && count == other.count
                && eof == other.eof && Objects.equals(fileAttributes, other.fileAttributes)
                && Objects.equals(data, other.data));
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, fileAttributes, count, eof, data);
    }

    @Override
    public String toString() {
        return "Read3Res{status=" + status + ", fileAttributes=" + fileAttributes
                + ", count=" + Integer.toUnsignedString(count) + ", eof=" + eof
                + ", data=" + (data == null ? null : data.remaining() + " bytes") + "}";
    }
}
