package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrException;
import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * WRITE3args: write {@code data} at {@code offset} with the given stable_how.
 *
 * <p>Encoding attaches {@code data} to the outgoing message without copying it (on an oncrpc4j
 * Xdr), so the caller must leave those bytes alone until the call has completed. Decoding
 * (server side) returns {@code data} as a view of the receive buffer, valid only while the
 * request is being dispatched: write it out or copy it before returning.
 */
public final class Write3Args implements XdrAble {

    private static final String DATA = "WRITE3args.data";
    private static final String COUNT = "WRITE3args.count";

    public NfsFh3 file;
    public long offset;
    /** uint32 on the wire; must equal the number of bytes in {@link #data}. */
    public int count;
    public int stable;
    /** The bytes to write, from position to limit; the position is not moved by encoding. */
    public ByteBuffer data;

    public Write3Args() {
    }

    public Write3Args(NfsFh3 file, long offset, int count, int stable, ByteBuffer data) {
        this.file = file;
        this.offset = offset;
        this.count = count;
        this.stable = stable;
        this.data = data;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        file = XdrReader.struct(in, new NfsFh3());
        offset = XdrReader.int64(in, "WRITE3args.offset");
        count = XdrReader.int32(in, COUNT);
        stable = stableHow(XdrReader.int32(in, "WRITE3args.stable"));
        data = in instanceof Xdr xdr
                ? XdrReader.opaqueView(xdr, DATA, Nfs3.MAX_DATA)
                : ByteBuffer.wrap(XdrReader.opaque(in, DATA, Nfs3.MAX_DATA));
        if (data.remaining() != count) {
            throw new XdrException(COUNT, "count " + Integer.toUnsignedString(count)
                    + " does not match the " + data.remaining() + " data bytes");
        }
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        XdrWriter.required(file, "WRITE3args.file").xdrEncode(out);
        XdrWriter.required(data, DATA);
        if (data.remaining() != count) {
            throw new XdrException(COUNT, "count " + Integer.toUnsignedString(count)
                    + " does not match the " + data.remaining() + " data bytes");
        }
        out.xdrEncodeLong(offset);
        out.xdrEncodeInt(count);
        out.xdrEncodeInt(stableHow(stable));
        XdrWriter.data(out, DATA, data);
    }

    private static int stableHow(int stable) throws XdrException {
        if (stable < Nfs3.UNSTABLE || stable > Nfs3.FILE_SYNC) {
            throw new XdrException("WRITE3args.stable", "stable_how "
                    + Integer.toUnsignedString(stable) + " is not 0, 1 or 2");
        }
        return stable;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Write3Args other && offset == other.offset && count == other.count
                && stable == other.stable && Objects.equals(file, other.file) && Objects.equals(data, other.data));
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, offset, count, stable, data);
    }

    @Override
    public String toString() {
        return "Write3Args{file=" + file + ", offset=" + offset + ", count=" + Integer.toUnsignedString(count)
                + ", stable=" + stable + ", data=" + (data == null ? null : data.remaining() + " bytes") + "}";
    }
}
