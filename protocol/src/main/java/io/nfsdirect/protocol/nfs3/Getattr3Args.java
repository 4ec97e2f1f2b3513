package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** GETATTR3args: the object whose attributes are wanted. */
public final class Getattr3Args implements XdrAble {

    public NfsFh3 object;

    public Getattr3Args() {
    }

    public Getattr3Args(NfsFh3 object) {
        this.object = object;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        object = XdrReader.struct(in, new NfsFh3());
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        XdrWriter.required(object, "GETATTR3args.object").xdrEncode(out);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Getattr3Args other && Objects.equals(object, other.object));
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(object);
    }

    @Override
    public String toString() {
        return "Getattr3Args{object=" + object + "}";
    }
}
