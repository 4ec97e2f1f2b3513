package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** RENAME3res: the wcc_data of both directories, in both the resok and the resfail arm. */
public final class Rename3Res implements XdrAble {

    public int status;
    public WccData fromdirWcc;
    public WccData todirWcc;

    public Rename3Res() {
    }

    public Rename3Res(int status, WccData fromdirWcc, WccData todirWcc) {
        this.status = status;
        this.fromdirWcc = fromdirWcc;
        this.todirWcc = todirWcc;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        status = XdrReader.int32(in, "RENAME3res.status");
        fromdirWcc = XdrReader.struct(in, new WccData());
        todirWcc = XdrReader.struct(in, new WccData());
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        out.xdrEncodeInt(status);
        WccData.write(out, fromdirWcc);
        WccData.write(out, todirWcc);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Rename3Res other && status == other.status
                && Objects.equals(fromdirWcc, other.fromdirWcc) && Objects.equals(todirWcc, other.todirWcc));
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, fromdirWcc, todirWcc);
    }

    @Override
    public String toString() {
        return "Rename3Res{status=" + status + ", fromdirWcc=" + fromdirWcc + ", todirWcc=" + todirWcc + "}";
    }
}
