package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** specdata3: major and minor device numbers of a block or character special file. */
public final class Specdata3 implements XdrAble {

    public int specdata1;
    public int specdata2;

    public Specdata3() {
    }

    public Specdata3(int specdata1, int specdata2) {
        this.specdata1 = specdata1;
        this.specdata2 = specdata2;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        specdata1 = XdrReader.int32(in, "specdata3.specdata1");
        specdata2 = XdrReader.int32(in, "specdata3.specdata2");
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        out.xdrEncodeInt(specdata1);
        out.xdrEncodeInt(specdata2);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Specdata3 other
                && specdata1 == other.specdata1 && specdata2 == other.specdata2);
    }

    @Override
    public int hashCode() {
        return Objects.hash(specdata1, specdata2);
    }

    @Override
    public String toString() {
        return "Specdata3{" + specdata1 + "," + specdata2 + "}";
    }
}
