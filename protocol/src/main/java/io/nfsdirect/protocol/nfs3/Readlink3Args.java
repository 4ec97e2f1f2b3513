package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** READLINK3args: the symbolic link whose text is wanted. */
public final class Readlink3Args implements XdrAble {

    public NfsFh3 symlink;

    public Readlink3Args() {
    }

    public Readlink3Args(NfsFh3 symlink) {
        this.symlink = symlink;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        symlink = XdrReader.struct(in, new NfsFh3());
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        XdrWriter.required(symlink, "READLINK3args.symlink").xdrEncode(out);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Readlink3Args other && Objects.equals(symlink, other.symlink));
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(symlink);
    }

    @Override
    public String toString() {
        return "Readlink3Args{symlink=" + symlink + "}";
    }
}
