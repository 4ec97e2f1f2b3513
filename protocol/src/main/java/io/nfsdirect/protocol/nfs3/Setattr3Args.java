package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** SETATTR3args: change attributes of an object, optionally guarded by its ctime. */
public final class Setattr3Args implements XdrAble {

    public NfsFh3 object;
    public Sattr3 newAttributes;
    public SattrGuard3 guard;

    public Setattr3Args() {
    }

    public Setattr3Args(NfsFh3 object, Sattr3 newAttributes, SattrGuard3 guard) {
        this.object = object;
        this.newAttributes = newAttributes;
        this.guard = guard;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        object = XdrReader.struct(in, new NfsFh3());
        newAttributes = XdrReader.struct(in, new Sattr3());
        guard = XdrReader.struct(in, new SattrGuard3());
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        XdrWriter.required(object, "SETATTR3args.object").xdrEncode(out);
        Sattr3.write(out, newAttributes);
        SattrGuard3.write(out, guard);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Setattr3Args other && Objects.equals(object, other.object)
                && Objects.equals(newAttributes, other.newAttributes) && Objects.equals(guard, other.guard));
    }

    @Override
    public int hashCode() {
        return Objects.hash(object, newAttributes, guard);
    }

    @Override
    public String toString() {
        return "Setattr3Args{object=" + object + ", newAttributes=" + newAttributes + ", guard=" + guard + "}";
    }
}
