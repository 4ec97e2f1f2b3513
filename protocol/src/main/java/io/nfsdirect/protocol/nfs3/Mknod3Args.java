package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrException;
import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * MKNOD3args: a name to create and the mknoddata3 union flattened into {@code type} (an ftype3),
 * {@code attributes} (NF3CHR, NF3BLK, NF3SOCK and NF3FIFO; null sets nothing) and {@code spec}
 * (the device numbers, NF3CHR and NF3BLK only). The other types carry nothing; the arms that do
 * not apply are null after decoding.
 */
public final class Mknod3Args implements XdrAble {

    public DirOpArgs3 where;
    public int type;
    public Sattr3 attributes;
    public Specdata3 spec;

    public Mknod3Args() {
    }

    public Mknod3Args(DirOpArgs3 where, int type, Sattr3 attributes, Specdata3 spec) {
        this.where = where;
        this.type = type;
        this.attributes = attributes;
        this.spec = spec;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        where = XdrReader.struct(in, new DirOpArgs3());
        type = checkType(XdrReader.int32(in, "mknoddata3.type"));
        attributes = hasAttributes(type) ? XdrReader.struct(in, new Sattr3()) : null;
        spec = isDevice(type) ? XdrReader.struct(in, new Specdata3()) : null;
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        XdrWriter.required(where, "MKNOD3args.where").xdrEncode(out);
        out.xdrEncodeInt(checkType(type));
        if (hasAttributes(type)) {
            Sattr3.write(out, attributes);
        }
        if (isDevice(type)) {
            XdrWriter.required(spec, "devicedata3.spec").xdrEncode(out);
        }
    }

    private static boolean isDevice(int type) {
        return type == Nfs3.NF3CHR || type == Nfs3.NF3BLK;
    }

    private static boolean hasAttributes(int type) {
        return isDevice(type) || type == Nfs3.NF3SOCK || type == Nfs3.NF3FIFO;
    }

    private static int checkType(int type) throws XdrException {
        if (type < Nfs3.NF3REG || type > Nfs3.NF3FIFO) {
            throw new XdrException("mknoddata3.type", "ftype3 " + Integer.toUnsignedString(type)
                    + " is not 1 to 7");
        }
        return type;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Mknod3Args other && type == other.type
                && Objects.equals(where, other.where) && Objects.equals(attributes, other.attributes)
                && Objects.equals(spec, other.spec));
    }

    @Override
    public int hashCode() {
        return Objects.hash(where, type, attributes, spec);
    }

    @Override
    public String toString() {
        return "Mknod3Args{where=" + where + ", type=" + type + ", attributes=" + attributes
                + ", spec=" + spec + "}";
    }
}
