package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** post_op_fh3: a file handle the server may or may not return (CREATE, MKDIR, READDIRPLUS). */
public final class PostOpFh3 implements XdrAble {

    /** The handle, or null when the server did not send one. */
    public NfsFh3 handle;

    public PostOpFh3() {
    }

    public PostOpFh3(NfsFh3 handle) {
        this.handle = handle;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        handle = XdrReader.bool(in, "post_op_fh3.handle_follows")
                ? XdrReader.struct(in, new NfsFh3()) : null;
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        out.xdrEncodeBoolean(handle != null);
        if (handle != null) {
            handle.xdrEncode(out);
        }
    }

    static void write(XdrEncodingStream out, PostOpFh3 value) throws IOException {
        (value == null ? new PostOpFh3() : value).xdrEncode(out);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof PostOpFh3 other && Objects.equals(handle, other.handle));
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(handle);
    }

    @Override
    public String toString() {
        return "PostOpFh3{" + handle + "}";
    }
}
