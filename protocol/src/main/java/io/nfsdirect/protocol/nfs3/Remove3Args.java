package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** REMOVE3args: the name to remove from a directory. */
public final class Remove3Args implements XdrAble {

    public DirOpArgs3 object;

    public Remove3Args() {
    }

    public Remove3Args(DirOpArgs3 object) {
        this.object = object;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        object = XdrReader.struct(in, new DirOpArgs3());
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        XdrWriter.required(object, "REMOVE3args.object").xdrEncode(out);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Remove3Args other && Objects.equals(object, other.object));
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(object);
    }

    @Override
    public String toString() {
        return "Remove3Args{object=" + object + "}";
    }
}
