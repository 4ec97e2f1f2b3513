package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** LINK3res: the file's attributes and the link directory's wcc_data, in both arms. */
public final class Link3Res implements XdrAble {

    public int status;
    public PostOpAttr fileAttributes;
    public WccData linkdirWcc;

    public Link3Res() {
    }

    public Link3Res(int status, PostOpAttr fileAttributes, WccData linkdirWcc) {
        this.status = status;
        this.fileAttributes = fileAttributes;
        this.linkdirWcc = linkdirWcc;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        status = XdrReader.int32(in, "LINK3res.status");
        fileAttributes = XdrReader.struct(in, new PostOpAttr());
        linkdirWcc = XdrReader.struct(in, new WccData());
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        out.xdrEncodeInt(status);
        PostOpAttr.write(out, fileAttributes);
        WccData.write(out, linkdirWcc);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Link3Res other && status == other.status
                && Objects.equals(fileAttributes, other.fileAttributes)
                && Objects.equals(linkdirWcc, other.linkdirWcc));
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, fileAttributes, linkdirWcc);
    }

    @Override
    public String toString() {
        return "Link3Res{status=" + status + ", fileAttributes=" + fileAttributes
                + ", linkdirWcc=" + linkdirWcc + "}";
    }
}
