package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import io.nfsdirect.protocol.xdr.XdrException;
import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * The result RFC 1813 gives both READDIR and READDIRPLUS: the directory's attributes in both
 * arms; on NFS3_OK also the cookie verifier, the entries and the eof flag ({@code cookieverf}
 * and {@code entries} are null otherwise). {@link Readdir3Res} and {@link Readdirplus3Res} keep
 * the RFC's names and their entry types.
 *
 * <p>On the wire the entries are a linked list of "value follows" booleans. Decoding stops with
 * an XdrException after {@link Nfs3#MAX_DIR_ENTRIES} entries, so a reply that never ends its
 * list cannot grow memory without bound even on a stream that cannot tell how much is left.
 *
 * @param <E> entry3 or entryplus3
 */
public abstract class DirListRes3<E extends XdrAble> implements XdrAble {

    public int status;
    public PostOpAttr dirAttributes;
    /** cookieverf3, 8 bytes, to pass to the next call. */
    public byte[] cookieverf;
    public List<E> entries;
    public boolean eof;

    /** The XDR names of the result and of its list, e.g. {@code READDIR3res} and {@code dirlist3}. */
    private final String xdrName;
    private final String listName;
    private final Supplier<E> fresh;

    protected DirListRes3(String xdrName, String listName, Supplier<E> fresh, int status, PostOpAttr dirAttributes,
                          byte[] cookieverf, List<E> entries, boolean eof) {
        this.xdrName = xdrName;
        this.listName = listName;
        this.fresh = fresh;
        this.status = status;
        this.dirAttributes = dirAttributes;
        this.cookieverf = cookieverf;
        this.entries = entries;
        this.eof = eof;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        status = XdrReader.int32(in, xdrName + ".status");
        dirAttributes = XdrReader.struct(in, new PostOpAttr());
        if (status != Nfs3.NFS3_OK) {
            cookieverf = null;
            entries = null;
            eof = false;
            return;
        }
        cookieverf = XdrReader.fixedOpaque(in, xdrName + "ok.cookieverf", Nfs3.COOKIEVERFSIZE);
        String field = listName + ".entries";
        List<E> list = new ArrayList<>();
        while (XdrReader.bool(in, field)) {
            if (list.size() >= Nfs3.MAX_DIR_ENTRIES) {
                throw new XdrException(field, "more than " + Nfs3.MAX_DIR_ENTRIES + " entries in one reply");
            }
            list.add(XdrReader.struct(in, fresh.get()));
        }
        entries = list;
        eof = XdrReader.bool(in, listName + ".eof");
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        out.xdrEncodeInt(status);
        PostOpAttr.write(out, dirAttributes);
        if (status != Nfs3.NFS3_OK) {
            return;
        }
        XdrWriter.fixedOpaque(out, xdrName + "ok.cookieverf", cookieverf, Nfs3.COOKIEVERFSIZE);
        if (entries != null) {
            for (E entry : entries) {
                out.xdrEncodeBoolean(true);
                XdrWriter.required(entry, listName + ".entries").xdrEncode(out);
            }
        }
        out.xdrEncodeBoolean(false);
        out.xdrEncodeBoolean(eof);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o != null && o.getClass() == getClass() && o instanceof DirListRes3<?> other
                && status == other.status && eof == other.eof
                && Objects.equals(dirAttributes, other.dirAttributes) && Arrays.equals(cookieverf, other.cookieverf)
                && Objects.equals(entries, other.entries));
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, dirAttributes, entries, eof) * 31 + Arrays.hashCode(cookieverf);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{status=" + status + ", dirAttributes=" + dirAttributes
                + ", cookieverf=" + (cookieverf == null ? null : HexFormat.of().formatHex(cookieverf))
                + ", entries=" + entries + ", eof=" + eof + "}";
    }
}
