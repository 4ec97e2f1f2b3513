package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** ACCESS3res: attributes in both arms; the granted rights only on NFS3_OK (else 0). */
public final class Access3Res implements XdrAble {

    public int status;
    public PostOpAttr objAttributes;
    public int access;

    public Access3Res() {
    }

    public Access3Res(int status, PostOpAttr objAttributes, int access) {
        this.status = status;
        this.objAttributes = objAttributes;
        this.access = access;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        status = XdrReader.int32(in, "ACCESS3res.status");
        objAttributes = XdrReader.struct(in, new PostOpAttr());
        access = status == Nfs3.NFS3_OK ? XdrReader.int32(in, "ACCESS3resok.access") : 0;
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        out.xdrEncodeInt(status);
        PostOpAttr.write(out, objAttributes);
        if (status == Nfs3.NFS3_OK) {
            out.xdrEncodeInt(access);
        }
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Access3Res other && status == other.status && access == other.access
                && Objects.equals(objAttributes, other.objAttributes));
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, objAttributes, access);
    }

    @Override
    public String toString() {
        return "Access3Res{status=" + status + ", objAttributes=" + objAttributes
                + ", access=0x" + Integer.toHexString(access) + "}";
    }
}
