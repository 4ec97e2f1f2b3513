package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** sattrguard3: SETATTR applies only if the object's ctime still equals this one. */
public final class SattrGuard3 implements XdrAble {

    /** The expected ctime, or null for no check. */
    public NfsTime3 objCtime;

    public SattrGuard3() {
    }

    public SattrGuard3(NfsTime3 objCtime) {
        this.objCtime = objCtime;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        objCtime = XdrReader.bool(in, "sattrguard3.check") ? XdrReader.struct(in, new NfsTime3()) : null;
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        out.xdrEncodeBoolean(objCtime != null);
        if (objCtime != null) {
            objCtime.xdrEncode(out);
        }
    }

    static void write(XdrEncodingStream out, SattrGuard3 value) throws IOException {
        (value == null ? new SattrGuard3() : value).xdrEncode(out);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof SattrGuard3 other && Objects.equals(objCtime, other.objCtime));
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(objCtime);
    }

    @Override
    public String toString() {
        return "SattrGuard3{" + objCtime + "}";
    }
}
