package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** ACCESS3args: which of the ACCESS3_* rights to check on an object. */
public final class Access3Args implements XdrAble {

    public NfsFh3 object;
    public int access;

    public Access3Args() {
    }

    public Access3Args(NfsFh3 object, int access) {
        this.object = object;
        this.access = access;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        object = XdrReader.struct(in, new NfsFh3());
        access = XdrReader.int32(in, "ACCESS3args.access");
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        XdrWriter.required(object, "ACCESS3args.object").xdrEncode(out);
        out.xdrEncodeInt(access);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Access3Args other && access == other.access
                && Objects.equals(object, other.object));
    }

    @Override
    public int hashCode() {
        return Objects.hash(object, access);
    }

    @Override
    public String toString() {
        return "Access3Args{object=" + object + ", access=0x" + Integer.toHexString(access) + "}";
    }
}
