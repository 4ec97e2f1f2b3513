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

/**
 * READDIR3args: continue listing {@code dir} after {@code cookie}, names and file ids only. The
 * first call passes cookie 0 and a zero verifier; a null {@code cookieverf} encodes as that zero
 * verifier.
 */
public final class Readdir3Args implements XdrAble {

    public NfsFh3 dir;
    public long cookie;
    /** cookieverf3, 8 bytes, from the previous reply. */
    public byte[] cookieverf;
    /** uint32: maximum size of the whole reply. */
    public int count;

    public Readdir3Args() {
    }

    public Readdir3Args(NfsFh3 dir, long cookie, byte[] cookieverf, int count) {
        this.dir = dir;
        this.cookie = cookie;
        this.cookieverf = cookieverf;
        this.count = count;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        dir = XdrReader.struct(in, new NfsFh3());
        cookie = XdrReader.int64(in, "READDIR3args.cookie");
        cookieverf = XdrReader.fixedOpaque(in, "READDIR3args.cookieverf", Nfs3.COOKIEVERFSIZE);
        count = XdrReader.int32(in, "READDIR3args.count");
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        XdrWriter.required(dir, "READDIR3args.dir").xdrEncode(out);
        out.xdrEncodeLong(cookie);
        XdrWriter.fixedOpaque(out, "READDIR3args.cookieverf",
                cookieverf == null ? new byte[Nfs3.COOKIEVERFSIZE] : cookieverf, Nfs3.COOKIEVERFSIZE);
        out.xdrEncodeInt(count);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Readdir3Args other && cookie == other.cookie && count == other.count
                && Objects.equals(dir, other.dir) && Arrays.equals(cookieverf, other.cookieverf));
    }

    @Override
    public int hashCode() {
        return Objects.hash(dir, cookie, count) * 31 + Arrays.hashCode(cookieverf);
    }

    @Override
    public String toString() {
        return "Readdir3Args{dir=" + dir + ", cookie=" + Long.toUnsignedString(cookie)
                + ", cookieverf=" + (cookieverf == null ? null : HexFormat.of().formatHex(cookieverf))
                + ", count=" + Integer.toUnsignedString(count) + "}";
    }
}
