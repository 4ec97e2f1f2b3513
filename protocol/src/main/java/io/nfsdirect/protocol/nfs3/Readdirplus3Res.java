package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrException;
import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * READDIRPLUS3res: the directory's attributes in both arms; on NFS3_OK also the cookie verifier,
 * the entries and the eof flag ({@code cookieverf} and {@code entries} are null otherwise).
 *
 * <p>On the wire the entries are a linked list of "value follows" booleans. Decoding stops with
 * an XdrException after {@link Nfs3#MAX_DIR_ENTRIES} entries, so a reply that never ends its
 * list cannot grow memory without bound even on a stream that cannot tell how much is left.
 */
public final class Readdirplus3Res implements XdrAble {

    private static final String ENTRIES = "dirlistplus3.entries";

    public int status;
    public PostOpAttr dirAttributes;
    /** cookieverf3, 8 bytes, to pass to the next call. */
    public byte[] cookieverf;
    public List<Entryplus3> entries;
    public boolean eof;

    public Readdirplus3Res() {
    }

    public Readdirplus3Res(int status, PostOpAttr dirAttributes, byte[] cookieverf,
                           List<Entryplus3> entries, boolean eof) {
        this.status = status;
        this.dirAttributes = dirAttributes;
        this.cookieverf = cookieverf;
        this.entries = entries;
        this.eof = eof;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        status = XdrReader.int32(in, "READDIRPLUS3res.status");
        dirAttributes = XdrReader.struct(in, new PostOpAttr());
        if (status != Nfs3.NFS3_OK) {
            cookieverf = null;
            entries = null;
            eof = false;
            return;
        }
        cookieverf = XdrReader.fixedOpaque(in, "READDIRPLUS3resok.cookieverf", Nfs3.COOKIEVERFSIZE);
        List<Entryplus3> list = new ArrayList<>();
        while (XdrReader.bool(in, ENTRIES)) {
            if (list.size() >= Nfs3.MAX_DIR_ENTRIES) {
                throw new XdrException(ENTRIES, "more than " + Nfs3.MAX_DIR_ENTRIES + " entries in one reply");
            }
            list.add(XdrReader.struct(in, new Entryplus3()));
        }
        entries = list;
        eof = XdrReader.bool(in, "dirlistplus3.eof");
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        out.xdrEncodeInt(status);
        PostOpAttr.write(out, dirAttributes);
        if (status != Nfs3.NFS3_OK) {
            return;
        }
        XdrWriter.fixedOpaque(out, "READDIRPLUS3resok.cookieverf", cookieverf, Nfs3.COOKIEVERFSIZE);
        if (entries != null) {
            for (Entryplus3 entry : entries) {
                out.xdrEncodeBoolean(true);
                XdrWriter.required(entry, ENTRIES).xdrEncode(out);
            }
        }
        out.xdrEncodeBoolean(false);
        out.xdrEncodeBoolean(eof);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Readdirplus3Res other && status == other.status && eof == other.eof
                && Objects.equals(dirAttributes, other.dirAttributes) && Arrays.equals(cookieverf, other.cookieverf)
                && Objects.equals(entries, other.entries));
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, dirAttributes, entries, eof) * 31 + Arrays.hashCode(cookieverf);
    }

    @Override
    public String toString() {
        return "Readdirplus3Res{status=" + status + ", dirAttributes=" + dirAttributes
                + ", cookieverf=" + (cookieverf == null ? null : HexFormat.of().formatHex(cookieverf))
                + ", entries=" + entries + ", eof=" + eof + "}";
    }
}
