package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** REMOVE3res: the directory's wcc_data, in both the resok and the resfail arm. */
public final class Remove3Res implements XdrAble {

    public int status;
    public WccData dirWcc;

    public Remove3Res() {
    }

    public Remove3Res(int status, WccData dirWcc) {
        this.status = status;
        this.dirWcc = dirWcc;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        status = XdrReader.int32(in, "REMOVE3res.status");
        dirWcc = XdrReader.struct(in, new WccData());
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        out.xdrEncodeInt(status);
        WccData.write(out, dirWcc);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Remove3Res other && status == other.status
                && Objects.equals(dirWcc, other.dirWcc));
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, dirWcc);
    }

    @Override
    public String toString() {
        return "Remove3Res{status=" + status + ", dirWcc=" + dirWcc + "}";
    }
}
