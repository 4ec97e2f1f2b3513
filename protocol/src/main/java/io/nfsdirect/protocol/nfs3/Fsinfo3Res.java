package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * FSINFO3res: attributes in both arms; on NFS3_OK also the server's transfer sizes (rtmax caps
 * a READ, wtmax a WRITE; the *pref values are the sizes it prefers), maxfilesize, the time
 * granularity and the FSF3_* properties. Numbers are 0 and timeDelta null otherwise.
 */
public final class Fsinfo3Res implements XdrAble {

    public int status;
    public PostOpAttr objAttributes;
    public int rtmax;
    public int rtpref;
    public int rtmult;
    public int wtmax;
    public int wtpref;
    public int wtmult;
    public int dtpref;
    public long maxfilesize;
    public NfsTime3 timeDelta;
    public int properties;

    public Fsinfo3Res() {
    }

    public Fsinfo3Res(int status, PostOpAttr objAttributes, int rtmax, int rtpref, int rtmult,
                      int wtmax, int wtpref, int wtmult, int dtpref, long maxfilesize,
                      NfsTime3 timeDelta, int properties) {
        this.status = status;
        this.objAttributes = objAttributes;
        this.rtmax = rtmax;
        this.rtpref = rtpref;
        this.rtmult = rtmult;
        this.wtmax = wtmax;
        this.wtpref = wtpref;
        this.wtmult = wtmult;
        this.dtpref = dtpref;
        this.maxfilesize = maxfilesize;
        this.timeDelta = timeDelta;
        this.properties = properties;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        status = XdrReader.int32(in, "FSINFO3res.status");
        objAttributes = XdrReader.struct(in, new PostOpAttr());
        boolean ok = status == Nfs3.NFS3_OK;
        rtmax = ok ? XdrReader.int32(in, "FSINFO3resok.rtmax") : 0;
        rtpref = ok ? XdrReader.int32(in, "FSINFO3resok.rtpref") : 0;
        rtmult = ok ? XdrReader.int32(in, "FSINFO3resok.rtmult") : 0;
        wtmax = ok ? XdrReader.int32(in, "FSINFO3resok.wtmax") : 0;
        wtpref = ok ? XdrReader.int32(in, "FSINFO3resok.wtpref") : 0;
        wtmult = ok ? XdrReader.int32(in, "FSINFO3resok.wtmult") : 0;
        dtpref = ok ? XdrReader.int32(in, "FSINFO3resok.dtpref") : 0;
        maxfilesize = ok ? XdrReader.int64(in, "FSINFO3resok.maxfilesize") : 0;
        timeDelta = ok ? XdrReader.struct(in, new NfsTime3()) : null;
        properties = ok ? XdrReader.int32(in, "FSINFO3resok.properties") : 0;
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        out.xdrEncodeInt(status);
        PostOpAttr.write(out, objAttributes);
        if (status == Nfs3.NFS3_OK) {
            out.xdrEncodeInt(rtmax);
            out.xdrEncodeInt(rtpref);
            out.xdrEncodeInt(rtmult);
            out.xdrEncodeInt(wtmax);
            out.xdrEncodeInt(wtpref);
            out.xdrEncodeInt(wtmult);
            out.xdrEncodeInt(dtpref);
            out.xdrEncodeLong(maxfilesize);
            NfsTime3.write(out, timeDelta);
            out.xdrEncodeInt(properties);
        }
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Fsinfo3Res other && status == other.status
                && Objects.equals(objAttributes, other.objAttributes) && rtmax == other.rtmax
                && rtpref == other.rtpref && rtmult == other.rtmult && wtmax == other.wtmax
                && wtpref == other.wtpref && wtmult == other.wtmult && dtpref == other.dtpref
                && maxfilesize == other.maxfilesize && Objects.equals(timeDelta, other.timeDelta)
                && properties == other.properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, objAttributes, rtmax, rtpref, rtmult, wtmax, wtpref, wtmult, dtpref,
                maxfilesize, timeDelta, properties);
    }

    @Override
    public String toString() {
        return "Fsinfo3Res{status=" + status + ", objAttributes=" + objAttributes + ", rtmax=" + rtmax
                + ", rtpref=" + rtpref + ", rtmult=" + rtmult + ", wtmax=" + wtmax + ", wtpref=" + wtpref
                + ", wtmult=" + wtmult + ", dtpref=" + dtpref + ", maxfilesize=" + Long.toUnsignedString(maxfilesize)
                + ", timeDelta=" + timeDelta + ", properties=0x" + Integer.toHexString(properties) + "}";
    }
}
