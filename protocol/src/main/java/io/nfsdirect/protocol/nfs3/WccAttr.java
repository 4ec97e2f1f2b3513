package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** wcc_attr: the subset of attributes used for weak cache consistency checks. */
public final class WccAttr implements XdrAble {

    public long size;
    public NfsTime3 mtime;
    public NfsTime3 ctime;

    public WccAttr() {
    }

    public WccAttr(long size, NfsTime3 mtime, NfsTime3 ctime) {
        this.size = size;
        this.mtime = mtime;
        this.ctime = ctime;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        size = XdrReader.int64(in, "wcc_attr.size");
        mtime = XdrReader.struct(in, new NfsTime3());
        ctime = XdrReader.struct(in, new NfsTime3());
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        out.xdrEncodeLong(size);
        NfsTime3.write(out, mtime);
        NfsTime3.write(out, ctime);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof WccAttr other && size == other.size
                && Objects.equals(mtime, other.mtime) && Objects.equals(ctime, other.ctime));
    }

    @Override
    public int hashCode() {
        return Objects.hash(size, mtime, ctime);
    }

    @Override
    public String toString() {
        return "WccAttr{size=" + Long.toUnsignedString(size) + ", mtime=" + mtime + ", ctime=" + ctime + "}";
    }
}
