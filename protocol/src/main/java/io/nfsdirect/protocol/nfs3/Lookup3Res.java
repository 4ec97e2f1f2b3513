package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * LOOKUP3res: on NFS3_OK the object's handle, its attributes and the directory's; otherwise
 * only the directory's attributes ({@code object} and {@code objAttributes} are then null).
 */
public final class Lookup3Res implements XdrAble {

    public int status;
    public NfsFh3 object;
    public PostOpAttr objAttributes;
    public PostOpAttr dirAttributes;

    public Lookup3Res() {
    }

    public Lookup3Res(int status, NfsFh3 object, PostOpAttr objAttributes, PostOpAttr dirAttributes) {
        this.status = status;
        this.object = object;
        this.objAttributes = objAttributes;
        this.dirAttributes = dirAttributes;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        status = XdrReader.int32(in, "LOOKUP3res.status");
        if (status == Nfs3.NFS3_OK) {
            object = XdrReader.struct(in, new NfsFh3());
            objAttributes = XdrReader.struct(in, new PostOpAttr());
        } else {
            object = null;
            objAttributes = null;
        }
        dirAttributes = XdrReader.struct(in, new PostOpAttr());
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        out.xdrEncodeInt(status);
        if (status == Nfs3.NFS3_OK) {
            XdrWriter.required(object, "LOOKUP3resok.object").xdrEncode(out);
            PostOpAttr.write(out, objAttributes);
        }
        PostOpAttr.write(out, dirAttributes);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Lookup3Res other && status == other.status
                && Objects.equals(object, other.object) && Objects.equals(objAttributes, other.objAttributes)
                && Objects.equals(dirAttributes, other.dirAttributes));
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, object, objAttributes, dirAttributes);
    }

    @Override
    public String toString() {
        return "Lookup3Res{status=" + status + ", object=" + object + ", objAttributes=" + objAttributes
                + ", dirAttributes=" + dirAttributes + "}";
    }
}
