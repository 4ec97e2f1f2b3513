package io.nfsdirect.protocol.mount3;

import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * mountres3: on MNT3_OK the export's root file handle and the auth flavors the server accepts
 * for it (null otherwise). {@code fhandle} is the same bytes as an nfs_fh3.
 */
public final class Mountres3 implements XdrAble {

    public int status;
    public byte[] fhandle;
    public int[] authFlavors;

    public Mountres3() {
    }

    public Mountres3(int status, byte[] fhandle, int[] authFlavors) {
        this.status = status;
        this.fhandle = fhandle;
        this.authFlavors = authFlavors;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        status = XdrReader.int32(in, "mountres3.fhs_status");
        if (status != Mount3.MNT3_OK) {
            fhandle = null;
            authFlavors = null;
            return;
        }
        fhandle = XdrReader.opaque(in, "mountres3_ok.fhandle", Mount3.FHSIZE3);
        int count = XdrReader.count(in, "mountres3_ok.auth_flavors", Mount3.MAX_AUTH_FLAVORS);
        int[] flavors = new int[count];
        for (int i = 0; i < count; i++) {
            flavors[i] = XdrReader.int32(in, "mountres3_ok.auth_flavors");
        }
        authFlavors = flavors;
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        out.xdrEncodeInt(status);
        if (status == Mount3.MNT3_OK) {
            XdrWriter.opaque(out, "mountres3_ok.fhandle", fhandle, Mount3.FHSIZE3);
            int[] flavors = authFlavors == null ? new int[0] : authFlavors;
            out.xdrEncodeInt(flavors.length);
            for (int flavor : flavors) {
                out.xdrEncodeInt(flavor);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Mountres3 other && status == other.status
                && Arrays.equals(fhandle, other.fhandle) && Arrays.equals(authFlavors, other.authFlavors));
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, Arrays.hashCode(fhandle), Arrays.hashCode(authFlavors));
    }

    @Override
    public String toString() {
        return "Mountres3{status=" + Mount3.statusName(status)
                + ", fhandle=" + (fhandle == null ? null : HexFormat.of().formatHex(fhandle))
                + ", authFlavors=" + Arrays.toString(authFlavors) + "}";
    }
}
