package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * entryplus3 without its {@code nextentry} pointer: {@link Readdirplus3Res} owns the linked
 * list and turns it into a List, so that a long list is a loop rather than a deep recursion.
 */
public final class Entryplus3 implements XdrAble {

    public long fileid;
    public String name;
    public long cookie;
    public PostOpAttr nameAttributes;
    public PostOpFh3 nameHandle;

    public Entryplus3() {
    }

    public Entryplus3(long fileid, String name, long cookie, PostOpAttr nameAttributes, PostOpFh3 nameHandle) {
        this.fileid = fileid;
        this.name = name;
        this.cookie = cookie;
        this.nameAttributes = nameAttributes;
        this.nameHandle = nameHandle;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        fileid = XdrReader.int64(in, "entryplus3.fileid");
        name = XdrReader.string(in, "entryplus3.name", Nfs3.MAX_NAME);
        cookie = XdrReader.int64(in, "entryplus3.cookie");
        nameAttributes = XdrReader.struct(in, new PostOpAttr());
        nameHandle = XdrReader.struct(in, new PostOpFh3());
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        out.xdrEncodeLong(fileid);
        XdrWriter.string(out, "entryplus3.name", name, Nfs3.MAX_NAME);
        out.xdrEncodeLong(cookie);
        PostOpAttr.write(out, nameAttributes);
        PostOpFh3.write(out, nameHandle);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Entryplus3 other && fileid == other.fileid && cookie == other.cookie
                && Objects.equals(name, other.name) && Objects.equals(nameAttributes, other.nameAttributes)
                && Objects.equals(nameHandle, other.nameHandle));
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileid, name, cookie, nameAttributes, nameHandle);
    }

    @Override
    public String toString() {
        return "Entryplus3{fileid=" + Long.toUnsignedString(fileid) + ", name=" + name
                + ", cookie=" + Long.toUnsignedString(cookie) + ", nameAttributes=" + nameAttributes
                + ", nameHandle=" + nameHandle + "}";
    }
}
