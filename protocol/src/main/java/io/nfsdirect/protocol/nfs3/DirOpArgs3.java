package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** diropargs3: a name in a directory. */
public final class DirOpArgs3 implements XdrAble {

    public NfsFh3 dir;
    public String name;

    public DirOpArgs3() {
    }

    public DirOpArgs3(NfsFh3 dir, String name) {
        this.dir = dir;
        this.name = name;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        dir = XdrReader.struct(in, new NfsFh3());
        name = XdrReader.string(in, "diropargs3.name", Nfs3.MAX_NAME);
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        XdrWriter.required(dir, "diropargs3.dir").xdrEncode(out);
        XdrWriter.string(out, "diropargs3.name", name, Nfs3.MAX_NAME);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof DirOpArgs3 other
                && Objects.equals(dir, other.dir) && Objects.equals(name, other.name));
    }

    @Override
    public int hashCode() {
        return Objects.hash(dir, name);
    }

    @Override
    public String toString() {
        return "DirOpArgs3{dir=" + dir + ", name=" + name + "}";
    }
}
