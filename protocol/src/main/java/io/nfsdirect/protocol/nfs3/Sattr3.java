package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrException;
import io.nfsdirect.protocol.xdr.XdrReader;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * sattr3: attributes to set. A null mode/uid/gid/size means "leave unchanged". The times are
 * time_how values ({@link Nfs3#DONT_CHANGE}, {@link Nfs3#SET_TO_SERVER_TIME},
 * {@link Nfs3#SET_TO_CLIENT_TIME}); the matching time is used only with SET_TO_CLIENT_TIME.
 */
public final class Sattr3 implements XdrAble {

    public Integer mode;
    public Integer uid;
    public Integer gid;
    public Long size;
    public int setAtime;
    public NfsTime3 atime;
    public int setMtime;
    public NfsTime3 mtime;

    public Sattr3() {
    }

    public Sattr3(Integer mode, Integer uid, Integer gid, Long size,
                  int setAtime, NfsTime3 atime, int setMtime, NfsTime3 mtime) {
        this.mode = mode;
        this.uid = uid;
        this.gid = gid;
        this.size = size;
        this.setAtime = setAtime;
        this.atime = atime;
        this.setMtime = setMtime;
        this.mtime = mtime;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        mode = XdrReader.bool(in, "sattr3.mode.set_it") ? XdrReader.int32(in, "sattr3.mode") : null;
        uid = XdrReader.bool(in, "sattr3.uid.set_it") ? XdrReader.int32(in, "sattr3.uid") : null;
        gid = XdrReader.bool(in, "sattr3.gid.set_it") ? XdrReader.int32(in, "sattr3.gid") : null;
        size = XdrReader.bool(in, "sattr3.size.set_it") ? XdrReader.int64(in, "sattr3.size") : null;
        setAtime = timeHow(in, "sattr3.atime.set_it");
        atime = setAtime == Nfs3.SET_TO_CLIENT_TIME ? XdrReader.struct(in, new NfsTime3()) : null;
        setMtime = timeHow(in, "sattr3.mtime.set_it");
        mtime = setMtime == Nfs3.SET_TO_CLIENT_TIME ? XdrReader.struct(in, new NfsTime3()) : null;
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        optionalInt(out, mode);
        optionalInt(out, uid);
        optionalInt(out, gid);
        out.xdrEncodeBoolean(size != null);
        if (size != null) {
            out.xdrEncodeLong(size);
        }
        time(out, "sattr3.atime", setAtime, atime);
        time(out, "sattr3.mtime", setMtime, mtime);
    }

    /** Writes {@code value}; null means change nothing. */
    static void write(XdrEncodingStream out, Sattr3 value) throws IOException {
        (value == null ? new Sattr3() : value).xdrEncode(out);
    }

    private static int timeHow(XdrDecodingStream in, String field) throws XdrException {
        int how = XdrReader.int32(in, field);
        if (how < Nfs3.DONT_CHANGE || how > Nfs3.SET_TO_CLIENT_TIME) {
            throw new XdrException(field, "time_how " + Integer.toUnsignedString(how) + " is not 0, 1 or 2");
        }
        return how;
    }

    private static void optionalInt(XdrEncodingStream out, Integer value) {
        out.xdrEncodeBoolean(value != null);
        if (value != null) {
            out.xdrEncodeInt(value);
        }
    }

    private static void time(XdrEncodingStream out, String field, int how, NfsTime3 time) throws IOException {
        if (how < Nfs3.DONT_CHANGE || how > Nfs3.SET_TO_CLIENT_TIME) {
            throw new XdrException(field + ".set_it", "time_how " + how + " is not 0, 1 or 2");
        }
        out.xdrEncodeInt(how);
        if (how == Nfs3.SET_TO_CLIENT_TIME) {
            if (time == null) {
                throw new XdrException(field, "SET_TO_CLIENT_TIME without a time");
            }
            time.xdrEncode(out);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof Sattr3 other && Objects.equals(mode, other.mode) && Objects.equals(uid, other.uid)
                && Objects.equals(gid, other.gid) && Objects.equals(size, other.size)
                && setAtime == other.setAtime && Objects.equals(atime, other.atime)
                && setMtime == other.setMtime && Objects.equals(mtime, other.mtime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, uid, gid, size, setAtime, atime, setMtime, mtime);
    }

    @Override
    public String toString() {
        return "Sattr3{mode=" + (mode == null ? null : "0" + Integer.toOctalString(mode)) + ", uid=" + uid
                + ", gid=" + gid + ", size=" + size + ", setAtime=" + setAtime + ", atime=" + atime
                + ", setMtime=" + setMtime + ", mtime=" + mtime + "}";
    }
}
