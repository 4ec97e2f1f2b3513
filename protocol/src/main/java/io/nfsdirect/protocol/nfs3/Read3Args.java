package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** READ3args: read count bytes of a file from offset. */
public final class Read3Args implements XdrAble {

    public NfsFh3 file;
    public long offset;
    /** uint32 on the wire. */
    public int count;

    public Read3Args() {
    }

    public Read3Args(NfsFh3 file, long offset, int count) {
        this.file = file;
        this.offset = offset;
        this.count = count;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        file = XdrReader.struct(in, new NfsFh3());
        offset = XdrReader.int64(in, "READ3args.offset");
        count = XdrReader.int32(in, "READ3args.count");
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        XdrWriter.required(file, "READ3args.file").xdrEncode(out);
        out.xdrEncodeLong(offset);
        out.xdrEncodeInt(count);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Read3Args other && offset == other.offset && count == other.count
                && Objects.equals(file, other.file));
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, offset, count);
    }

    @Override
    public String toString() {
        return "Read3Args{file=" + file + ", offset=" + offset + ", count=" + Integer.toUnsignedString(count) + "}";
    }
}
