package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** LINK3args: give the existing {@code file} a further name, {@code link}. */
public final class Link3Args implements XdrAble {

    public NfsFh3 file;
    public DirOpArgs3 link;

    public Link3Args() {
    }

    public Link3Args(NfsFh3 file, DirOpArgs3 link) {
        this.file = file;
        this.link = link;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        file = XdrReader.struct(in, new NfsFh3());
        link = XdrReader.struct(in, new DirOpArgs3());
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        XdrWriter.required(file, "LINK3args.file").xdrEncode(out);
        XdrWriter.required(link, "LINK3args.link").xdrEncode(out);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Link3Args other && Objects.equals(file, other.file)
                && Objects.equals(link, other.link));
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, link);
    }

    @Override
    public String toString() {
        return "Link3Args{file=" + file + ", link=" + link + "}";
    }
}
