package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * The result RFC 1813 gives CREATE, MKDIR, SYMLINK and MKNOD: on NFS3_OK the new object's handle
 * and attributes (each optional) and the directory's wcc_data; otherwise only the wcc_data
 * ({@code obj} and {@code objAttributes} are then null). {@link Create3Res}, {@link Mkdir3Res},
 * {@link Symlink3Res} and {@link Mknod3Res} keep the RFC's names; they differ only in the name
 * their decoding errors give.
 */
public abstract class DirOpRes3 implements XdrAble {

    public int status;
    public PostOpFh3 obj;
    public PostOpAttr objAttributes;
    public WccData dirWcc;

    /** The XDR type's name in RFC 1813, e.g. {@code CREATE3res}, for decoding errors. */
    private final String xdrName;

    protected DirOpRes3(String xdrName) {
        this.xdrName = xdrName;
    }

    protected DirOpRes3(String xdrName, int status, PostOpFh3 obj, PostOpAttr objAttributes, WccData dirWcc) {
        this(xdrName);
        this.status = status;
        this.obj = obj;
        this.objAttributes = objAttributes;
        this.dirWcc = dirWcc;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        status = XdrReader.int32(in, xdrName + ".status");
        if (status == Nfs3.NFS3_OK) {
            obj = XdrReader.struct(in, new PostOpFh3());
            objAttributes = XdrReader.struct(in, new PostOpAttr());
        } else {
            obj = null;
            objAttributes = null;
        }
        dirWcc = XdrReader.struct(in, new WccData());
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        out.xdrEncodeInt(status);
        if (status == Nfs3.NFS3_OK) {
            PostOpFh3.write(out, obj);
            PostOpAttr.write(out, objAttributes);
        }
        WccData.write(out, dirWcc);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o != null && o.getClass() == getClass() && o instanceof DirOpRes3 other
                && status == other.status && Objects.equals(obj, other.obj)
                && Objects.equals(objAttributes, other.objAttributes) && Objects.equals(dirWcc, other.dirWcc));
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, obj, objAttributes, dirWcc);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{status=" + status + ", obj=" + obj + ", objAttributes="
                + objAttributes + ", dirWcc=" + dirWcc + "}";
    }
}
