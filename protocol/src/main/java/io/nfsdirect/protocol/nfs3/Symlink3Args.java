package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * SYMLINK3args: a name to create and symlinkdata3 flattened into its initial attributes
 * ({@code symlinkAttributes}, null sets nothing) and the link's text ({@code symlinkData}, an
 * nfspath3 of at most {@link Nfs3#MAX_PATH} bytes, stored as given and never resolved here).
 */
public final class Symlink3Args implements XdrAble {

    public DirOpArgs3 where;
    public Sattr3 symlinkAttributes;
    public String symlinkData;

    public Symlink3Args() {
    }

    public Symlink3Args(DirOpArgs3 where, Sattr3 symlinkAttributes, String symlinkData) {
        this.where = where;
        this.symlinkAttributes = symlinkAttributes;
        this.symlinkData = symlinkData;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        where = XdrReader.struct(in, new DirOpArgs3());
        symlinkAttributes = XdrReader.struct(in, new Sattr3());
        symlinkData = XdrReader.string(in, "symlinkdata3.symlink_data", Nfs3.MAX_PATH);
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        XdrWriter.required(where, "SYMLINK3args.where").xdrEncode(out);
        Sattr3.write(out, symlinkAttributes);
        XdrWriter.string(out, "symlinkdata3.symlink_data", symlinkData, Nfs3.MAX_PATH);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Symlink3Args other && Objects.equals(where, other.where)
                && Objects.equals(symlinkAttributes, other.symlinkAttributes)
                && Objects.equals(symlinkData, other.symlinkData));
    }

    @Override
    public int hashCode() {
        return Objects.hash(where, symlinkAttributes, symlinkData);
    }

    @Override
    public String toString() {
        return "Symlink3Args{where=" + where + ", symlinkAttributes=" + symlinkAttributes
                + ", symlinkData=" + symlinkData + "}";
    }
}
