package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** wcc_data: attributes before and after a modifying operation; null parts encode as absent. */
public final class WccData implements XdrAble {

    public PreOpAttr before;
    public PostOpAttr after;

    public WccData() {
    }

    public WccData(PreOpAttr before, PostOpAttr after) {
        this.before = before;
        this.after = after;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        before = XdrReader.struct(in, new PreOpAttr());
        after = XdrReader.struct(in, new PostOpAttr());
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        PreOpAttr.write(out, before);
        PostOpAttr.write(out, after);
    }

    /** Writes {@code value}; null means neither before nor after attributes. */
    static void write(XdrEncodingStream out, WccData value) throws IOException {
        (value == null ? new WccData() : value).xdrEncode(out);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof WccData other
                && Objects.equals(before, other.before) && Objects.equals(after, other.after));
    }

    @Override
    public int hashCode() {
        return Objects.hash(before, after);
    }

    @Override
    public String toString() {
        return "WccData{before=" + before + ", after=" + after + "}";
    }
}
