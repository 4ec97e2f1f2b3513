package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** pre_op_attr: optional attributes from before an operation. */
public final class PreOpAttr implements XdrAble {

    /** The attributes, or null when the server did not send them. */
    public WccAttr attributes;

    public PreOpAttr() {
    }

    public PreOpAttr(WccAttr attributes) {
        this.attributes = attributes;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        attributes = XdrReader.bool(in, "pre_op_attr.attributes_follow")
                ? XdrReader.struct(in, new WccAttr()) : null;
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        out.xdrEncodeBoolean(attributes != null);
        if (attributes != null) {
            attributes.xdrEncode(out);
        }
    }

    static void write(XdrEncodingStream out, PreOpAttr value) throws IOException {
        (value == null ? new PreOpAttr() : value).xdrEncode(out);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof PreOpAttr other && Objects.equals(attributes, other.attributes));
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(attributes);
    }

    @Override
    public String toString() {
        return "PreOpAttr{" + attributes + "}";
    }
}
