package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** MKDIR3args: a directory name to create and its initial attributes (null sets nothing). */
public final class Mkdir3Args implements XdrAble {

    public DirOpArgs3 where;
    public Sattr3 attributes;

    public Mkdir3Args() {
    }

    public Mkdir3Args(DirOpArgs3 where, Sattr3 attributes) {
        this.where = where;
        this.attributes = attributes;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        where = XdrReader.struct(in, new DirOpArgs3());
        attributes = XdrReader.struct(in, new Sattr3());
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        XdrWriter.required(where, "MKDIR3args.where").xdrEncode(out);
        Sattr3.write(out, attributes);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Mkdir3Args other && Objects.equals(where, other.where)
                && Objects.equals(attributes, other.attributes));
    }

    @Override
    public int hashCode() {
        return Objects.hash(where, attributes);
    }

    @Override
    public String toString() {
        return "Mkdir3Args{where=" + where + ", attributes=" + attributes + "}";
    }
}
