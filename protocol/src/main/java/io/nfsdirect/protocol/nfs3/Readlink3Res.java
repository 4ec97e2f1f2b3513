package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * READLINK3res: the link's attributes in both arms; on NFS3_OK also its text, an nfspath3 of at
 * most {@link Nfs3#MAX_PATH} bytes ({@code data} is null otherwise).
 */
public final class Readlink3Res implements XdrAble {

    public int status;
    public PostOpAttr symlinkAttributes;
    public String data;

    public Readlink3Res() {
    }

    public Readlink3Res(int status, PostOpAttr symlinkAttributes, String data) {
        this.status = status;
        this.symlinkAttributes = symlinkAttributes;
        this.data = data;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        status = XdrReader.int32(in, "READLINK3res.status");
        symlinkAttributes = XdrReader.struct(in, new PostOpAttr());
        data = status == Nfs3.NFS3_OK ? XdrReader.string(in, "READLINK3resok.data", Nfs3.MAX_PATH) : null;
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        out.xdrEncodeInt(status);
        PostOpAttr.write(out, symlinkAttributes);
        if (status == Nfs3.NFS3_OK) {
            XdrWriter.string(out, "READLINK3resok.data", data, Nfs3.MAX_PATH);
        }
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Readlink3Res other && status == other.status
                && Objects.equals(symlinkAttributes, other.symlinkAttributes) && Objects.equals(data, other.data));
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, symlinkAttributes, data);
    }

    @Override
    public String toString() {
        return "Readlink3Res{status=" + status + ", symlinkAttributes=" + symlinkAttributes + ", data=" + data + "}";
    }
}
