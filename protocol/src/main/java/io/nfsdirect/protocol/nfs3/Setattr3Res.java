package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** SETATTR3res: the object's wcc_data, in both the resok and the resfail arm. */
public final class Setattr3Res implements XdrAble {

    public int status;
    public WccData objWcc;

    public Setattr3Res() {
    }

    public Setattr3Res(int status, WccData objWcc) {
        this.status = status;
        this.objWcc = objWcc;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        status = XdrReader.int32(in, "SETATTR3res.status");
        objWcc = XdrReader.struct(in, new WccData());
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        out.xdrEncodeInt(status);
        WccData.write(out, objWcc);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Setattr3Res other && status == other.status
                && Objects.equals(objWcc, other.objWcc));
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, objWcc);
    }

    @Override
    public String toString() {
        return "Setattr3Res{status=" + status + ", objWcc=" + objWcc + "}";
    }
}
