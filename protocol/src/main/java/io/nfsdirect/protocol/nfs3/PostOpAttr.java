package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** post_op_attr: attributes the server may or may not return after an operation. */
public final class PostOpAttr implements XdrAble {

    /** The attributes, or null when the server did not send them. */
    public Fattr3 attributes;

    public PostOpAttr() {
    }

    public PostOpAttr(Fattr3 attributes) {
        this.attributes = attributes;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        attributes = XdrReader.bool(in, "post_op_attr.attributes_follow")
                ? XdrReader.struct(in, new Fattr3()) : null;
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        out.xdrEncodeBoolean(attributes != null);
        if (attributes != null) {
            attributes.xdrEncode(out);
        }
    }

    /** Writes {@code value}; null means no attributes, which is always a valid answer. */
    static void write(XdrEncodingStream out, PostOpAttr value) throws IOException {
        (value == null ? new PostOpAttr() : value).xdrEncode(out);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof PostOpAttr other && Objects.equals(attributes, other.attributes));
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(attributes);
    }

    @Override
    public String toString() {
        return "PostOpAttr{" + attributes + "}";
    }
}
