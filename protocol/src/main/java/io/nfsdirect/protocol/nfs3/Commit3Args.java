package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** COMMIT3args: make count bytes from offset stable (count 0 = to the end of the file). */
public final class Commit3Args implements XdrAble {

    public NfsFh3 file;
    public long offset;
    /** uint32 on the wire. */
    public int count;

    public Commit3Args() {
    }

    public Commit3Args(NfsFh3 file, long offset, int count) {
        this.file = file;
        this.offset = offset;
        this.count = count;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        file = XdrReader.struct(in, new NfsFh3());
        offset = XdrReader.int64(in, "COMMIT3args.offset");
        count = XdrReader.int32(in, "COMMIT3args.count");
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        XdrWriter.required(file, "COMMIT3args.file").xdrEncode(out);
        out.xdrEncodeLong(offset);
        out.xdrEncodeInt(count);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Commit3Args other && offset == other.offset && count == other.count
                && Objects.equals(file, other.file));
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, offset, count);
    }

    @Override
    public String toString() {
        return "Commit3Args{file=" + file + ", offset=" + offset + ", count=" + Integer.toUnsignedString(count) + "}";
    }
}
