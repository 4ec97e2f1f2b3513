package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** FSSTAT3args: any handle on the file system to report on. */
public final class Fsstat3Args implements XdrAble {

    public NfsFh3 fsroot;

    public Fsstat3Args() {
    }

    public Fsstat3Args(NfsFh3 fsroot) {
        this.fsroot = fsroot;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        fsroot = XdrReader.struct(in, new NfsFh3());
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        XdrWriter.required(fsroot, "FSSTAT3args.fsroot").xdrEncode(out);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Fsstat3Args other && Objects.equals(fsroot, other.fsroot));
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(fsroot);
    }

    @Override
    public String toString() {
        return "Fsstat3Args{fsroot=" + fsroot + "}";
    }
}
