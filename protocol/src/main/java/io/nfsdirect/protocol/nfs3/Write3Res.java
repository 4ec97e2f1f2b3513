package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrException;
import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * WRITE3res: the file's wcc_data in both arms; on NFS3_OK also the bytes written, how stably
 * they were committed and the server's write verifier (0/0/null otherwise). A verifier that
 * differs from the one seen earlier means the server restarted and UNSTABLE data must be resent.
 */
public final class Write3Res implements XdrAble {

    public int status;
    public WccData fileWcc;
    /** uint32 on the wire. */
    public int count;
    /** stable_how the server actually applied. */
    public int committed;
    /** writeverf3, 8 bytes. */
    public byte[] verf;

    public Write3Res() {
    }

    public Write3Res(int status, WccData fileWcc, int count, int committed, byte[] verf) {
        this.status = status;
        this.fileWcc = fileWcc;
        this.count = count;
        this.committed = committed;
        this.verf = verf;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        status = XdrReader.int32(in, "WRITE3res.status");
        fileWcc = XdrReader.struct(in, new WccData());
        if (status != Nfs3.NFS3_OK) {
            count = 0;
            committed = 0;
            verf = null;
            return;
        }
        count = XdrReader.int32(in, "WRITE3resok.count");
        committed = XdrReader.int32(in, "WRITE3resok.committed");
        if (committed < Nfs3.UNSTABLE || committed > Nfs3.FILE_SYNC) {
            throw new XdrException("WRITE3resok.committed", "stable_how "
                    + Integer.toUnsignedString(committed) + " is not 0, 1 or 2");
        }
        verf = XdrReader.fixedOpaque(in, "WRITE3resok.verf", Nfs3.WRITEVERFSIZE);
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        out.xdrEncodeInt(status);
        WccData.write(out, fileWcc);
        if (status == Nfs3.NFS3_OK) {
            out.xdrEncodeInt(count);
            out.xdrEncodeInt(committed);
            XdrWriter.fixedOpaque(out, "WRITE3resok.verf", verf, Nfs3.WRITEVERFSIZE);
        }
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Write3Res other && status == other.status && count == other.count
                && committed == other.committed && Objects.equals(fileWcc, other.fileWcc)
                && Arrays.equals(verf, other.verf));
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, fileWcc, count, committed) * 31 + Arrays.hashCode(verf);
    }

    @Override
    public String toString() {
        return "Write3Res{status=" + status + ", fileWcc=" + fileWcc + ", count=" + Integer.toUnsignedString(count)
                + ", committed=" + committed + ", verf=" + (verf == null ? null : HexFormat.of().formatHex(verf)) + "}";
    }
}
