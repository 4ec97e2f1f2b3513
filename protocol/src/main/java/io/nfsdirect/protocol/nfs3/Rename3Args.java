package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** RENAME3args: move the name {@code from} to the name {@code to}, replacing what is there. */
public final class Rename3Args implements XdrAble {

    public DirOpArgs3 from;
    public DirOpArgs3 to;

    public Rename3Args() {
    }

    public Rename3Args(DirOpArgs3 from, DirOpArgs3 to) {
        this.from = from;
        this.to = to;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        from = XdrReader.struct(in, new DirOpArgs3());
        to = XdrReader.struct(in, new DirOpArgs3());
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        XdrWriter.required(from, "RENAME3args.from").xdrEncode(out);
        XdrWriter.required(to, "RENAME3args.to").xdrEncode(out);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Rename3Args other && Objects.equals(from, other.from)
                && Objects.equals(to, other.to));
    }

    @Override
    public int hashCode() {
        return Objects.hash(from, to);
    }

    @Override
    public String toString() {
        return "Rename3Args{from=" + from + ", to=" + to + "}";
    }
}
