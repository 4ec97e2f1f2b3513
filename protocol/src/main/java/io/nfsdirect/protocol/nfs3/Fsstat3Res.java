package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * FSSTAT3res: attributes in both arms; on NFS3_OK also total, free and available bytes and file
 * slots (uint64) and invarsec, the seconds the figures stay valid (uint32). All 0 otherwise.
 */
public final class Fsstat3Res implements XdrAble {

    public int status;
    public PostOpAttr objAttributes;
    public long tbytes;
    public long fbytes;
    public long abytes;
    public long tfiles;
    public long ffiles;
    public long afiles;
    public int invarsec;

    public Fsstat3Res() {
    }

    public Fsstat3Res(int status, PostOpAttr objAttributes, long tbytes, long fbytes, long abytes,
                      long tfiles, long ffiles, long afiles, int invarsec) {
        this.status = status;
        this.objAttributes = objAttributes;
        this.tbytes = tbytes;
        this.fbytes = fbytes;
        this.abytes = abytes;
        this.tfiles = tfiles;
        this.ffiles = ffiles;
        this.afiles = afiles;
        this.invarsec = invarsec;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        status = XdrReader.int32(in, "FSSTAT3res.status");
        objAttributes = XdrReader.struct(in, new PostOpAttr());
        boolean ok = status == Nfs3.NFS3_OK;
        tbytes = ok ? XdrReader.int64(in, "FSSTAT3resok.tbytes") : 0;
        fbytes = ok ? XdrReader.int64(in, "FSSTAT3resok.fbytes") : 0;
        abytes = ok ? XdrReader.int64(in, "FSSTAT3resok.abytes") : 0;
        tfiles = ok ? XdrReader.int64(in, "FSSTAT3resok.tfiles") : 0;
        ffiles = ok ? XdrReader.int64(in, "FSSTAT3resok.ffiles") : 0;
        afiles = ok ? XdrReader.int64(in, "FSSTAT3resok.afiles") : 0;
        invarsec = ok ? XdrReader.int32(in, "FSSTAT3resok.invarsec") : 0;
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        out.xdrEncodeInt(status);
        PostOpAttr.write(out, objAttributes);
        if (status == Nfs3.NFS3_OK) {
            out.xdrEncodeLong(tbytes);
            out.xdrEncodeLong(fbytes);
            out.xdrEncodeLong(abytes);
            out.xdrEncodeLong(tfiles);
            out.xdrEncodeLong(ffiles);
            out.xdrEncodeLong(afiles);
            out.xdrEncodeInt(invarsec);
        }
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Fsstat3Res other && status == other.status
                && Objects.equals(objAttributes, other.objAttributes) && tbytes == other.tbytes
                && fbytes == other.fbytes && abytes == other.abytes && tfiles == other.tfiles
                && ffiles == other.ffiles && afiles == other.afiles && invarsec == other.invarsec);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, objAttributes, tbytes, fbytes, abytes, tfiles, ffiles, afiles, invarsec);
    }

    @Override
    public String toString() {
        return "Fsstat3Res{status=" + status + ", objAttributes=" + objAttributes
                + ", tbytes=" + Long.toUnsignedString(tbytes) + ", fbytes=" + Long.toUnsignedString(fbytes)
                + ", abytes=" + Long.toUnsignedString(abytes) + ", tfiles=" + Long.toUnsignedString(tfiles)
                + ", ffiles=" + Long.toUnsignedString(ffiles) + ", afiles=" + Long.toUnsignedString(afiles)
                + ", invarsec=" + Integer.toUnsignedString(invarsec) + "}";
    }
}
