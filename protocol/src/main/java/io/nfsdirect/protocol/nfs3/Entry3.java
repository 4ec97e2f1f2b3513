package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** entry3 without its {@code nextentry} pointer: {@link Readdir3Res} owns the list. */
public final class Entry3 implements XdrAble {

    public long fileid;
    public String name;
    public long cookie;

    public Entry3() {
    }

    public Entry3(long fileid, String name, long cookie) {
        this.fileid = fileid;
        this.name = name;
        this.cookie = cookie;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        fileid = XdrReader.int64(in, "entry3.fileid");
        name = XdrReader.string(in, "entry3.name", Nfs3.MAX_NAME);
        cookie = XdrReader.int64(in, "entry3.cookie");
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        out.xdrEncodeLong(fileid);
        XdrWriter.string(out, "entry3.name", name, Nfs3.MAX_NAME);
        out.xdrEncodeLong(cookie);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Entry3 other && fileid == other.fileid && cookie == other.cookie
                && Objects.equals(name, other.name));
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileid, name, cookie);
    }

    @Override
    public String toString() {
        return "Entry3{fileid=" + Long.toUnsignedString(fileid) + ", name=" + name
                + ", cookie=" + Long.toUnsignedString(cookie) + "}";
    }
}
