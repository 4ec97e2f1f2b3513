package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;

import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * nfs_fh3: an opaque file handle of at most 64 bytes. Equality is by content so handles can key
 * maps; do not mutate {@link #data} of a handle that is in use as a key.
 */
public final class NfsFh3 implements XdrAble {

    public byte[] data;

    public NfsFh3() {
    }

    public NfsFh3(byte[] data) {
        this.data = data;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        data = XdrReader.opaque(in, "nfs_fh3.data", Nfs3.FHSIZE3);
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        XdrWriter.opaque(out, "nfs_fh3.data", data, Nfs3.FHSIZE3);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof NfsFh3 other && Arrays.equals(data, other.data));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return data == null ? "fh(null)" : "fh(" + HexFormat.of().formatHex(data) + ")";
    }
}
