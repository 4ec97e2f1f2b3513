package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * fattr3: the attributes of a file. uint32 fields (mode, nlink, uid, gid) are kept in ints and
 * uint64 ones in longs, bit for bit; use the unsigned conversions of Integer/Long to print them.
 * Null nested values encode as zeros, so a server may fill in only what it knows.
 */
public final class Fattr3 implements XdrAble {

    public int type;
    public int mode;
    public int nlink;
    public int uid;
    public int gid;
    public long size;
    public long used;
    public Specdata3 rdev;
    public long fsid;
    public long fileid;
    public NfsTime3 atime;
    public NfsTime3 mtime;
    public NfsTime3 ctime;

    public Fattr3() {
    }

    public Fattr3(int type, int mode, int nlink, int uid, int gid, long size, long used, Specdata3 rdev,
                  long fsid, long fileid, NfsTime3 atime, NfsTime3 mtime, NfsTime3 ctime) {
        this.type = type;
        this.mode = mode;
        this.nlink = nlink;
        this.uid = uid;
        this.gid = gid;
        this.size = size;
        this.used = used;
        this.rdev = rdev;
        this.fsid = fsid;
        this.fileid = fileid;
        this.atime = atime;
        this.mtime = mtime;
        this.ctime = ctime;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        type = XdrReader.int32(in, "fattr3.type");
        mode = XdrReader.int32(in, "fattr3.mode");
        nlink = XdrReader.int32(in, "fattr3.nlink");
        uid = XdrReader.int32(in, "fattr3.uid");
        gid = XdrReader.int32(in, "fattr3.gid");
        size = XdrReader.int64(in, "fattr3.size");
        used = XdrReader.int64(in, "fattr3.used");
        rdev = XdrReader.struct(in, new Specdata3());
        fsid = XdrReader.int64(in, "fattr3.fsid");
        fileid = XdrReader.int64(in, "fattr3.fileid");
        atime = XdrReader.struct(in, new NfsTime3());
        mtime = XdrReader.struct(in, new NfsTime3());
        ctime = XdrReader.struct(in, new NfsTime3());
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        out.xdrEncodeInt(type);
        out.xdrEncodeInt(mode);
        out.xdrEncodeInt(nlink);
        out.xdrEncodeInt(uid);
        out.xdrEncodeInt(gid);
        out.xdrEncodeLong(size);
        out.xdrEncodeLong(used);
        (rdev == null ? new Specdata3() : rdev).xdrEncode(out);
        out.xdrEncodeLong(fsid);
        out.xdrEncodeLong(fileid);
        NfsTime3.write(out, atime);
        NfsTime3.write(out, mtime);
        NfsTime3.write(out, ctime);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof Fattr3 other && type == other.type && mode == other.mode && nlink == other.nlink
                && uid == other.uid && gid == other.gid && size == other.size && used == other.used
                && Objects.equals(rdev, other.rdev) && fsid == other.fsid && fileid == other.fileid
                && Objects.equals(atime, other.atime) && Objects.equals(mtime, other.mtime)
                && Objects.equals(ctime, other.ctime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, mode, nlink, uid, gid, size, used, rdev, fsid, fileid, atime, mtime, ctime);
    }

    @Override
    public String toString() {
        return "Fattr3{type=" + type + ", mode=0" + Integer.toOctalString(mode) + ", nlink=" + nlink
                + ", uid=" + Integer.toUnsignedString(uid) + ", gid=" + Integer.toUnsignedString(gid)
                + ", size=" + Long.toUnsignedString(size) + ", used=" + Long.toUnsignedString(used)
                + ", rdev=" + rdev + ", fsid=" + Long.toUnsignedString(fsid)
                + ", fileid=" + Long.toUnsignedString(fileid)
                + ", atime=" + atime + ", mtime=" + mtime + ", ctime=" + ctime + "}";
    }
}
