package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Supplier;

import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * The arguments RFC 1813 gives GETATTR and PATHCONF (a handle) and REMOVE and RMDIR (a name in a
 * directory): one value, which the RFC calls {@code object} in all four. {@link Getattr3Args},
 * {@link Pathconf3Args}, {@link Remove3Args} and {@link Rmdir3Args} keep the RFC's names; they
 * differ only in the type of that value and the name their encoding errors give.
 *
 * @param <T> nfs_fh3 or diropargs3
 */
public abstract class ObjectArgs3<T extends XdrAble> implements XdrAble {

    public T object;

    /** The XDR type's name in RFC 1813, e.g. {@code GETATTR3args}, for encoding errors. */
    private final String xdrName;
    private final Supplier<T> fresh;

    protected ObjectArgs3(String xdrName, Supplier<T> fresh, T object) {
        this.xdrName = xdrName;
        this.fresh = fresh;
        this.object = object;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        object = XdrReader.struct(in, fresh.get());
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        XdrWriter.required(object, xdrName + ".object").xdrEncode(out);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o != null && o.getClass() == getClass() && o instanceof ObjectArgs3<?> other
                && Objects.equals(object, other.object));
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(object);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{object=" + object + "}";
    }
}
