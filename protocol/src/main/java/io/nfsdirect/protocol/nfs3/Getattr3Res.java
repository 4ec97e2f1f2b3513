package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** GETATTR3res: on NFS3_OK the object's attributes; nothing otherwise. */
public final class Getattr3Res implements XdrAble {

    public int status;
    /** Set only when {@code status} is NFS3_OK. */
    public Fattr3 objAttributes;

    public Getattr3Res() {
    }

    public Getattr3Res(int status, Fattr3 objAttributes) {
        this.status = status;
        this.objAttributes = objAttributes;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        status = XdrReader.int32(in, "GETATTR3res.status");
        objAttributes = status == Nfs3.NFS3_OK ? XdrReader.struct(in, new Fattr3()) : null;
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        out.xdrEncodeInt(status);
        if (status == Nfs3.NFS3_OK) {
            XdrWriter.required(objAttributes, "GETATTR3resok.obj_attributes").xdrEncode(out);
        }
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Getattr3Res other && status == other.status
                && Objects.equals(objAttributes, other.objAttributes));
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, objAttributes);
    }

    @Override
    public String toString() {
        return "Getattr3Res{status=" + status + ", objAttributes=" + objAttributes + "}";
    }
}
