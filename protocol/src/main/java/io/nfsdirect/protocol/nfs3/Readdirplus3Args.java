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
 * READDIRPLUS3args: continue listing {@code dir} after {@code cookie}. The first call passes
 * cookie 0 and a zero verifier; a null {@code cookieverf} encodes as that zero verifier.
 */
public final class Readdirplus3Args implements XdrAble {

    public NfsFh3 dir;
    public long cookie;
    /** cookieverf3, 8 bytes, from the previous reply. */
    public byte[] cookieverf;
    /** uint32: bytes of directory information (names and cookies) wanted. */
    public int dircount;
    /** uint32: maximum size of the whole reply. */
    public int maxcount;

    public Readdirplus3Args() {
    }

    public Readdirplus3Args(NfsFh3 dir, long cookie, byte[] cookieverf, int dircount, int maxcount) {
        this.dir = dir;
        this.cookie = cookie;
        this.cookieverf = cookieverf;
        this.dircount = dircount;
        this.maxcount = maxcount;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        dir = XdrReader.struct(in, new NfsFh3());
        cookie = XdrReader.int64(in, "READDIRPLUS3args.cookie");
        cookieverf = XdrReader.fixedOpaque(in, "READDIRPLUS3args.cookieverf", Nfs3.COOKIEVERFSIZE);
        dircount = XdrReader.int32(in, "READDIRPLUS3args.dircount");
        maxcount = XdrReader.int32(in, "READDIRPLUS3args.maxcount");
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        XdrWriter.required(dir, "READDIRPLUS3args.dir").xdrEncode(out);
        out.xdrEncodeLong(cookie);
        XdrWriter.fixedOpaque(out, "READDIRPLUS3args.cookieverf",
                cookieverf == null ? new byte[Nfs3.COOKIEVERFSIZE] : cookieverf, Nfs3.COOKIEVERFSIZE);
        out.xdrEncodeInt(dircount);
        out.xdrEncodeInt(maxcount);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Readdirplus3Args other && cookie == other.cookie
                && dircount == other.dircount && maxcount == other.maxcount
                && Objects.equals(dir, other.dir) && Arrays.equals(cookieverf, other.cookieverf));
    }

    @Override
    public int hashCode() {
        return Objects.hash(dir, cookie, dircount, maxcount) * 31 + Arrays.hashCode(cookieverf);
    }

    @Override
    public String toString() {
        return "Readdirplus3Args{dir=" + dir + ", cookie=" + Long.toUnsignedString(cookie)
                + ", cookieverf=" + (cookieverf == null ? null : HexFormat.of().formatHex(cookieverf))
                + ", dircount=" + Integer.toUnsignedString(dircount)
                + ", maxcount=" + Integer.toUnsignedString(maxcount) + "}";
    }
}
