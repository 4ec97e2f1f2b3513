package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** COMMIT3res: the file's wcc_data in both arms; on NFS3_OK also the write verifier (else null). */
public final class Commit3Res implements XdrAble {

    public int status;
    public WccData fileWcc;
    /** writeverf3, 8 bytes. */
    public byte[] verf;

    public Commit3Res() {
    }

    public Commit3Res(int status, WccData fileWcc, byte[] verf) {
        this.status = status;
        this.fileWcc = fileWcc;
        this.verf = verf;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        status = XdrReader.int32(in, "COMMIT3res.status");
        fileWcc = XdrReader.struct(in, new WccData());
        verf = status == Nfs3.NFS3_OK ? XdrReader.fixedOpaque(in, "COMMIT3resok.verf", Nfs3.WRITEVERFSIZE) : null;
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        out.xdrEncodeInt(status);
        WccData.write(out, fileWcc);
        if (status == Nfs3.NFS3_OK) {
            XdrWriter.fixedOpaque(out, "COMMIT3resok.verf", verf, Nfs3.WRITEVERFSIZE);
        }
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Commit3Res other && status == other.status
                && Objects.equals(fileWcc, other.fileWcc) && Arrays.equals(verf, other.verf));
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, fileWcc) * 31 + Arrays.hashCode(verf);
    }

    @Override
    public String toString() {
        return "Commit3Res{status=" + status + ", fileWcc=" + fileWcc
                + ", verf=" + (verf == null ? null : HexFormat.of().formatHex(verf)) + "}";
    }
}
