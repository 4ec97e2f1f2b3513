package io.nfsdirect.protocol.mount3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** dirpath: the argument of MNT and UMNT, a server path of at most MNTPATHLEN bytes. */
public final class Dirpath implements XdrAble {

    public String path;

    public Dirpath() {
    }

    public Dirpath(String path) {
        this.path = path;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        path = XdrReader.string(in, "dirpath", Mount3.MNTPATHLEN);
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        XdrWriter.string(out, "dirpath", path, Mount3.MNTPATHLEN);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Dirpath other && Objects.equals(path, other.path));
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(path);
    }

    @Override
    public String toString() {
        return "Dirpath{" + path + "}";
    }
}
