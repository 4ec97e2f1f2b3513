package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** LOOKUP3args: the name to look up in a directory. */
public final class Lookup3Args implements XdrAble {

    public DirOpArgs3 what;

    public Lookup3Args() {
    }

    public Lookup3Args(DirOpArgs3 what) {
        this.what = what;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        what = XdrReader.struct(in, new DirOpArgs3());
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        XdrWriter.required(what, "LOOKUP3args.what").xdrEncode(out);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Lookup3Args other && Objects.equals(what, other.what));
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(what);
    }

    @Override
    public String toString() {
        return "Lookup3Args{what=" + what + "}";
    }
}
