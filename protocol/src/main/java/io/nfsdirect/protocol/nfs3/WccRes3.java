package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * The result RFC 1813 gives both REMOVE and RMDIR: the directory's wcc_data, in both the resok
 * and the resfail arm. {@link Remove3Res} and {@link Rmdir3Res} keep the RFC's two names; they
 * differ only in the name their decoding errors give.
 */
public abstract class WccRes3 implements XdrAble {

    public int status;
    public WccData dirWcc;

    /** The XDR type's name in RFC 1813, e.g. {@code REMOVE3res}, for decoding errors. */
    private final String xdrName;

    protected WccRes3(String xdrName, int status, WccData dirWcc) {
        this.xdrName = xdrName;
        this.status = status;
        this.dirWcc = dirWcc;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        status = XdrReader.int32(in, xdrName + ".status");
        dirWcc = XdrReader.struct(in, new WccData());
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        out.xdrEncodeInt(status);
        WccData.write(out, dirWcc);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o != null && o.getClass() == getClass() && o instanceof WccRes3 other
                && status == other.status && Objects.equals(dirWcc, other.dirWcc));
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, dirWcc);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{status=" + status + ", dirWcc=" + dirWcc + "}";
    }
}
