package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrException;
import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * CREATE3args: a name to create and the createhow3 union flattened into {@code mode}
 * (UNCHECKED, GUARDED or EXCLUSIVE), {@code objAttributes} (UNCHECKED and GUARDED; null sets
 * nothing) and {@code verf} (EXCLUSIVE, 8 bytes). The arm that does not apply is null after decoding.
 */
public final class Create3Args implements XdrAble {

    public DirOpArgs3 where;
    public int mode;
    public Sattr3 objAttributes;
    /** createverf3, 8 bytes, EXCLUSIVE only. */
    public byte[] verf;

    public Create3Args() {
    }

    public Create3Args(DirOpArgs3 where, int mode, Sattr3 objAttributes, byte[] verf) {
        this.where = where;
        this.mode = mode;
        this.objAttributes = objAttributes;
        this.verf = verf;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        where = XdrReader.struct(in, new DirOpArgs3());
        mode = checkMode(XdrReader.int32(in, "createhow3.mode"));
        if (mode == Nfs3.EXCLUSIVE) {
            objAttributes = null;
            verf = XdrReader.fixedOpaque(in, "createhow3.verf", Nfs3.CREATEVERFSIZE);
        } else {
            objAttributes = XdrReader.struct(in, new Sattr3());
            verf = null;
        }
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        XdrWriter.required(where, "CREATE3args.where").xdrEncode(out);
        out.xdrEncodeInt(checkMode(mode));
        if (mode == Nfs3.EXCLUSIVE) {
            XdrWriter.fixedOpaque(out, "createhow3.verf", verf, Nfs3.CREATEVERFSIZE);
        } else {
            Sattr3.write(out, objAttributes);
        }
    }

    private static int checkMode(int mode) throws XdrException {
        if (mode < Nfs3.UNCHECKED || mode > Nfs3.EXCLUSIVE) {
            throw new XdrException("createhow3.mode", "createmode3 " + Integer.toUnsignedString(mode)
                    + " is not 0, 1 or 2");
        }
        return mode;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Create3Args other && mode == other.mode
                && Objects.equals(where, other.where) && Objects.equals(objAttributes, other.objAttributes)
                && Arrays.equals(verf, other.verf));
    }

    @Override
    public int hashCode() {
        return Objects.hash(where, mode, objAttributes) * 31 + Arrays.hashCode(verf);
    }

    @Override
    public String toString() {
        return "Create3Args{where=" + where + ", mode=" + mode + ", objAttributes=" + objAttributes
                + ", verf=" + (verf == null ? null : HexFormat.of().formatHex(verf)) + "}";
    }
}
