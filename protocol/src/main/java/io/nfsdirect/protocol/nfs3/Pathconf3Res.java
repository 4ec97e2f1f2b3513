package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * PATHCONF3res: the object's attributes in both arms; on NFS3_OK also the POSIX limits of its
 * file system (linkmax and name_max are uint32; the rest are zero and false otherwise).
 */
public final class Pathconf3Res implements XdrAble {

    public int status;
    public PostOpAttr objAttributes;
    public int linkmax;
    public int nameMax;
    public boolean noTrunc;
    public boolean chownRestricted;
    public boolean caseInsensitive;
    public boolean casePreserving;

    public Pathconf3Res() {
    }

    public Pathconf3Res(int status, PostOpAttr objAttributes, int linkmax, int nameMax, boolean noTrunc,
                        boolean chownRestricted, boolean caseInsensitive, boolean casePreserving) {
        this.status = status;
        this.objAttributes = objAttributes;
        this.linkmax = linkmax;
        this.nameMax = nameMax;
        this.noTrunc = noTrunc;
        this.chownRestricted = chownRestricted;
        this.caseInsensitive = caseInsensitive;
        this.casePreserving = casePreserving;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        status = XdrReader.int32(in, "PATHCONF3res.status");
        objAttributes = XdrReader.struct(in, new PostOpAttr());
        boolean ok = status == Nfs3.NFS3_OK;
        linkmax = ok ? XdrReader.int32(in, "PATHCONF3resok.linkmax") : 0;
        nameMax = ok ? XdrReader.int32(in, "PATHCONF3resok.name_max") : 0;
        noTrunc = ok && XdrReader.bool(in, "PATHCONF3resok.no_trunc");
        chownRestricted = ok && XdrReader.bool(in, "PATHCONF3resok.chown_restricted");
        caseInsensitive = ok && XdrReader.bool(in, "PATHCONF3resok.case_insensitive");
        casePreserving = ok && XdrReader.bool(in, "PATHCONF3resok.case_preserving");
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        out.xdrEncodeInt(status);
        PostOpAttr.write(out, objAttributes);
        if (status == Nfs3.NFS3_OK) {
            out.xdrEncodeInt(linkmax);
            out.xdrEncodeInt(nameMax);
            out.xdrEncodeBoolean(noTrunc);
            out.xdrEncodeBoolean(chownRestricted);
            out.xdrEncodeBoolean(caseInsensitive);
            out.xdrEncodeBoolean(casePreserving);
        }
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Pathconf3Res other && status == other.status
                && linkmax == other.linkmax && nameMax == other.nameMax && noTrunc == other.noTrunc
                && chownRestricted == other.chownRestricted && caseInsensitive == other.caseInsensitive
                && casePreserving == other.casePreserving && Objects.equals(objAttributes, other.objAttributes));
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, objAttributes, linkmax, nameMax, noTrunc, chownRestricted, caseInsensitive,
                casePreserving);
    }

    @Override
    public String toString() {
        return "Pathconf3Res{status=" + status + ", objAttributes=" + objAttributes
                + ", linkmax=" + Integer.toUnsignedString(linkmax) + ", nameMax=" + Integer.toUnsignedString(nameMax)
                + ", noTrunc=" + noTrunc + ", chownRestricted=" + chownRestricted
                + ", caseInsensitive=" + caseInsensitive + ", casePreserving=" + casePreserving + "}";
    }
}
