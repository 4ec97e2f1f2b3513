package io.nfsdirect.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.nfsdirect.protocol.mount3.Dirpath;
import io.nfsdirect.protocol.mount3.Exportnode;
import io.nfsdirect.protocol.mount3.Exports;
import io.nfsdirect.protocol.mount3.Mount3;
import io.nfsdirect.protocol.mount3.Mountres3;
import io.nfsdirect.protocol.nfs3.Access3Args;
import io.nfsdirect.protocol.nfs3.Access3Res;
import io.nfsdirect.protocol.nfs3.Commit3Args;
import io.nfsdirect.protocol.nfs3.Commit3Res;
import io.nfsdirect.protocol.nfs3.Create3Args;
import io.nfsdirect.protocol.nfs3.Create3Res;
import io.nfsdirect.protocol.nfs3.DirOpArgs3;
import io.nfsdirect.protocol.nfs3.Entry3;
import io.nfsdirect.protocol.nfs3.Entryplus3;
import io.nfsdirect.protocol.nfs3.Fattr3;
import io.nfsdirect.protocol.nfs3.Fsinfo3Args;
import io.nfsdirect.protocol.nfs3.Fsinfo3Res;
import io.nfsdirect.protocol.nfs3.Fsstat3Args;
import io.nfsdirect.protocol.nfs3.Fsstat3Res;
import io.nfsdirect.protocol.nfs3.Getattr3Args;
import io.nfsdirect.protocol.nfs3.Getattr3Res;
import io.nfsdirect.protocol.nfs3.Link3Args;
import io.nfsdirect.protocol.nfs3.Link3Res;
import io.nfsdirect.protocol.nfs3.Lookup3Args;
import io.nfsdirect.protocol.nfs3.Lookup3Res;
import io.nfsdirect.protocol.nfs3.Mkdir3Args;
import io.nfsdirect.protocol.nfs3.Mkdir3Res;
import io.nfsdirect.protocol.nfs3.Mknod3Args;
import io.nfsdirect.protocol.nfs3.Mknod3Res;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsFh3;
import io.nfsdirect.protocol.nfs3.NfsTime3;
import io.nfsdirect.protocol.nfs3.Pathconf3Args;
import io.nfsdirect.protocol.nfs3.Pathconf3Res;
import io.nfsdirect.protocol.nfs3.PostOpAttr;
import io.nfsdirect.protocol.nfs3.PostOpFh3;
import io.nfsdirect.protocol.nfs3.PreOpAttr;
import io.nfsdirect.protocol.nfs3.Read3Args;
import io.nfsdirect.protocol.nfs3.Read3Res;
import io.nfsdirect.protocol.nfs3.Readdir3Args;
import io.nfsdirect.protocol.nfs3.Readdir3Res;
import io.nfsdirect.protocol.nfs3.Readdirplus3Args;
import io.nfsdirect.protocol.nfs3.Readdirplus3Res;
import io.nfsdirect.protocol.nfs3.Readlink3Args;
import io.nfsdirect.protocol.nfs3.Readlink3Res;
import io.nfsdirect.protocol.nfs3.Remove3Args;
import io.nfsdirect.protocol.nfs3.Remove3Res;
import io.nfsdirect.protocol.nfs3.Rename3Args;
import io.nfsdirect.protocol.nfs3.Rename3Res;
import io.nfsdirect.protocol.nfs3.Rmdir3Args;
import io.nfsdirect.protocol.nfs3.Rmdir3Res;
import io.nfsdirect.protocol.nfs3.Sattr3;
import io.nfsdirect.protocol.nfs3.SattrGuard3;
import io.nfsdirect.protocol.nfs3.Setattr3Args;
import io.nfsdirect.protocol.nfs3.Setattr3Res;
import io.nfsdirect.protocol.nfs3.Specdata3;
import io.nfsdirect.protocol.nfs3.Symlink3Args;
import io.nfsdirect.protocol.nfs3.Symlink3Res;
import io.nfsdirect.protocol.nfs3.WccAttr;
import io.nfsdirect.protocol.nfs3.WccData;
import io.nfsdirect.protocol.nfs3.Write3Args;
import io.nfsdirect.protocol.nfs3.Write3Res;
import org.dcache.oncrpc4j.xdr.XdrAble;

/**
 * One or more filled-in values of every XDR type, covering each union arm, absent optionals,
 * odd-length opaques (padding) and uint32/uint64 values with the top bit set.
 */
public final class Samples {

    private Samples() {
    }

    /** A value and a way to get an empty instance to decode it into. */
    public record Sample(String name, XdrAble value, Supplier<XdrAble> fresh) {
        @Override
        public String toString() {
            return name;
        }
    }

    public static NfsFh3 fh(int length, int seed) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (seed + i * 7);
        }
        return new NfsFh3(data);
    }

    public static Fattr3 fattr(long fileid) {
        return new Fattr3(Nfs3.NF3REG, 0100644, 1, 1000, 0xfffffffe, 1L << 40, (1L << 40) + 4096,
                new Specdata3(8, 1), 0x8000000000000001L, fileid,
                new NfsTime3(0x90000000, 999_999_999), new NfsTime3(1_700_000_000, 1), new NfsTime3(1_700_000_001, 2));
    }

    public static WccData wcc() {
        return new WccData(new PreOpAttr(new WccAttr(4096, new NfsTime3(5, 6), new NfsTime3(7, 8))),
                new PostOpAttr(fattr(9)));
    }

    public static byte[] verf(int seed) {
        byte[] verf = new byte[8];
        for (int i = 0; i < verf.length; i++) {
            verf[i] = (byte) (seed * 16 + i);
        }
        return verf;
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    public static List<Sample> all() {
        List<Sample> s = new ArrayList<>();
        // basic types
        s.add(new Sample("nfs_fh3", fh(64, 1), NfsFh3::new));
        s.add(new Sample("nfs_fh3 odd length", fh(5, 2), NfsFh3::new));
        s.add(new Sample("nfs_fh3 empty", new NfsFh3(new byte[0]), NfsFh3::new));
        s.add(new Sample("nfstime3", new NfsTime3(-1, 999_999_999), NfsTime3::new));
        s.add(new Sample("specdata3", new Specdata3(1, -2), Specdata3::new));
        s.add(new Sample("fattr3", fattr(0xffffffffffffffffL), Fattr3::new));
        s.add(new Sample("post_op_attr present", new PostOpAttr(fattr(3)), PostOpAttr::new));
        s.add(new Sample("post_op_attr absent", new PostOpAttr(), PostOpAttr::new));
        s.add(new Sample("wcc_attr", new WccAttr(-1L, new NfsTime3(1, 2), new NfsTime3(3, 4)), WccAttr::new));
        s.add(new Sample("pre_op_attr present", new PreOpAttr(new WccAttr(1, new NfsTime3(1, 2), new NfsTime3(3, 4))),
                PreOpAttr::new));
        s.add(new Sample("pre_op_attr absent", new PreOpAttr(), PreOpAttr::new));
        s.add(new Sample("wcc_data", wcc(), WccData::new));
        s.add(new Sample("wcc_data empty", new WccData(new PreOpAttr(), new PostOpAttr()), WccData::new));
        s.add(new Sample("post_op_fh3 present", new PostOpFh3(fh(32, 3)), PostOpFh3::new));
        s.add(new Sample("post_op_fh3 absent", new PostOpFh3(), PostOpFh3::new));
        s.add(new Sample("sattr3 all set", new Sattr3(0755, 1000, 100, 1L << 33,
                Nfs3.SET_TO_CLIENT_TIME, new NfsTime3(10, 20), Nfs3.SET_TO_CLIENT_TIME, new NfsTime3(30, 40)),
                Sattr3::new));
        s.add(new Sample("sattr3 server time", new Sattr3(null, null, null, 0L,
                Nfs3.SET_TO_SERVER_TIME, null, Nfs3.DONT_CHANGE, null), Sattr3::new));
        s.add(new Sample("sattr3 nothing", new Sattr3(), Sattr3::new));
        s.add(new Sample("sattrguard3 check", new SattrGuard3(new NfsTime3(1, 2)), SattrGuard3::new));
        s.add(new Sample("sattrguard3 none", new SattrGuard3(), SattrGuard3::new));
        s.add(new Sample("diropargs3", new DirOpArgs3(fh(16, 4), "f\u00fcr.txt"), DirOpArgs3::new));

        // procedures
        s.add(new Sample("GETATTR3args", new Getattr3Args(fh(28, 5)), Getattr3Args::new));
        s.add(new Sample("GETATTR3res ok", new Getattr3Res(0, fattr(10)), Getattr3Res::new));
        s.add(new Sample("GETATTR3res fail", new Getattr3Res(70, null), Getattr3Res::new));
        s.add(new Sample("SETATTR3args", new Setattr3Args(fh(8, 6), new Sattr3(0600, null, null, 0L,
                Nfs3.DONT_CHANGE, null, Nfs3.SET_TO_SERVER_TIME, null), new SattrGuard3(new NfsTime3(5, 6))),
                Setattr3Args::new));
        s.add(new Sample("SETATTR3res ok", new Setattr3Res(0, wcc()), Setattr3Res::new));
        s.add(new Sample("SETATTR3res fail", new Setattr3Res(1, new WccData(new PreOpAttr(), new PostOpAttr())),
                Setattr3Res::new));
        s.add(new Sample("LOOKUP3args", new Lookup3Args(new DirOpArgs3(fh(8, 7), "name")), Lookup3Args::new));
        s.add(new Sample("LOOKUP3res ok", new Lookup3Res(0, fh(12, 8), new PostOpAttr(fattr(11)),
                new PostOpAttr(fattr(12))), Lookup3Res::new));
        s.add(new Sample("LOOKUP3res fail", new Lookup3Res(2, null, null, new PostOpAttr(fattr(13))),
                Lookup3Res::new));
        s.add(new Sample("ACCESS3args", new Access3Args(fh(8, 9), Nfs3.ACCESS3_READ | Nfs3.ACCESS3_MODIFY),
                Access3Args::new));
        s.add(new Sample("ACCESS3res ok", new Access3Res(0, new PostOpAttr(fattr(14)), Nfs3.ACCESS3_READ),
                Access3Res::new));
        s.add(new Sample("ACCESS3res fail", new Access3Res(13, new PostOpAttr(), 0), Access3Res::new));
        s.add(new Sample("READ3args", new Read3Args(fh(8, 10), 0x7fffffffffff0000L, 1 << 20), Read3Args::new));
        s.add(new Sample("READ3res ok", new Read3Res(0, new PostOpAttr(fattr(15)), 5, true, bytes("hello")),
                Read3Res::new));
        s.add(new Sample("READ3res ok empty", new Read3Res(0, new PostOpAttr(), 0, true, ByteBuffer.allocate(0)),
                Read3Res::new));
        s.add(new Sample("READ3res fail", new Read3Res(5, new PostOpAttr(fattr(16)), 0, false, null),
                Read3Res::new));
        s.add(new Sample("WRITE3args", new Write3Args(fh(8, 11), 4096, 7, Nfs3.UNSTABLE, bytes("payload")),
                Write3Args::new));
        s.add(new Sample("WRITE3args direct data", new Write3Args(fh(8, 11), 0, 6, Nfs3.DATA_SYNC,
                ByteBuffer.allocateDirect(6).put(new byte[] {1, 2, 3, 4, 5, 6}).flip()), Write3Args::new));
        s.add(new Sample("WRITE3res ok", new Write3Res(0, wcc(), 7, Nfs3.FILE_SYNC, verf(1)), Write3Res::new));
        s.add(new Sample("WRITE3res fail", new Write3Res(28, wcc(), 0, 0, null), Write3Res::new));
        s.add(new Sample("CREATE3args unchecked", new Create3Args(new DirOpArgs3(fh(8, 12), "new"),
                Nfs3.UNCHECKED, new Sattr3(0644, null, null, null, 0, null, 0, null), null), Create3Args::new));
        s.add(new Sample("CREATE3args guarded", new Create3Args(new DirOpArgs3(fh(8, 12), "new"),
                Nfs3.GUARDED, new Sattr3(), null), Create3Args::new));
        s.add(new Sample("CREATE3args exclusive", new Create3Args(new DirOpArgs3(fh(8, 12), "new"),
                Nfs3.EXCLUSIVE, null, verf(2)), Create3Args::new));
        s.add(new Sample("CREATE3res ok", new Create3Res(0, new PostOpFh3(fh(20, 13)), new PostOpAttr(fattr(17)),
                wcc()), Create3Res::new));
        s.add(new Sample("CREATE3res ok without handle", new Create3Res(0, new PostOpFh3(), new PostOpAttr(),
                new WccData(new PreOpAttr(), new PostOpAttr())), Create3Res::new));
        s.add(new Sample("CREATE3res fail", new Create3Res(17, null, null, wcc()), Create3Res::new));
        s.add(new Sample("MKDIR3args", new Mkdir3Args(new DirOpArgs3(fh(8, 14), "dir"),
                new Sattr3(0755, null, null, null, 0, null, 0, null)), Mkdir3Args::new));
        s.add(new Sample("MKDIR3res ok", new Mkdir3Res(0, new PostOpFh3(fh(20, 15)), new PostOpAttr(fattr(18)),
                wcc()), Mkdir3Res::new));
        s.add(new Sample("MKDIR3res fail", new Mkdir3Res(17, null, null, wcc()), Mkdir3Res::new));
        s.add(new Sample("REMOVE3args", new Remove3Args(new DirOpArgs3(fh(8, 16), "gone")), Remove3Args::new));
        s.add(new Sample("REMOVE3res ok", new Remove3Res(0, wcc()), Remove3Res::new));
        s.add(new Sample("REMOVE3res fail", new Remove3Res(66, wcc()), Remove3Res::new));
        s.add(new Sample("READDIRPLUS3args", new Readdirplus3Args(fh(8, 17), 42, verf(3), 8192, 32768),
                Readdirplus3Args::new));
        s.add(new Sample("entryplus3", new Entryplus3(7, "a", 8, new PostOpAttr(fattr(7)), new PostOpFh3(fh(8, 18))),
                Entryplus3::new));
        s.add(new Sample("READDIRPLUS3res ok", new Readdirplus3Res(0, new PostOpAttr(fattr(19)), verf(4), List.of(
                new Entryplus3(1, ".", 1, new PostOpAttr(fattr(1)), new PostOpFh3(fh(8, 19))),
                new Entryplus3(2, "..", 2, new PostOpAttr(), new PostOpFh3()),
                new Entryplus3(3, "file three", -1L, new PostOpAttr(fattr(3)), new PostOpFh3(fh(64, 20)))), true),
                Readdirplus3Res::new));
        s.add(new Sample("READDIRPLUS3res ok empty", new Readdirplus3Res(0, new PostOpAttr(), verf(5), List.of(),
                false), Readdirplus3Res::new));
        s.add(new Sample("READDIRPLUS3res fail", new Readdirplus3Res(10003, new PostOpAttr(), null, null, false),
                Readdirplus3Res::new));
        s.add(new Sample("FSSTAT3args", new Fsstat3Args(fh(8, 21)), Fsstat3Args::new));
        s.add(new Sample("FSSTAT3res ok", new Fsstat3Res(0, new PostOpAttr(fattr(20)), 1L << 50, 1L << 40,
                (1L << 40) - 1, 1 << 20, 1 << 19, 1 << 18, 0), Fsstat3Res::new));
        s.add(new Sample("FSSTAT3res fail", new Fsstat3Res(70, new PostOpAttr(), 0, 0, 0, 0, 0, 0, 0),
                Fsstat3Res::new));
        s.add(new Sample("FSINFO3args", new Fsinfo3Args(fh(8, 22)), Fsinfo3Args::new));
        s.add(new Sample("FSINFO3res ok", new Fsinfo3Res(0, new PostOpAttr(fattr(21)), 1 << 20, 1 << 20, 4096,
                1 << 20, 1 << 20, 4096, 8192, Long.MAX_VALUE, new NfsTime3(0, 1),
                Nfs3.FSF3_LINK | Nfs3.FSF3_SYMLINK | Nfs3.FSF3_HOMOGENEOUS | Nfs3.FSF3_CANSETTIME),
                Fsinfo3Res::new));
        s.add(new Sample("FSINFO3res fail", new Fsinfo3Res(10006, new PostOpAttr(), 0, 0, 0, 0, 0, 0, 0, 0, null, 0),
                Fsinfo3Res::new));
        s.add(new Sample("COMMIT3args", new Commit3Args(fh(8, 23), 0, 0), Commit3Args::new));
        s.add(new Sample("COMMIT3res ok", new Commit3Res(0, wcc(), verf(6)), Commit3Res::new));
        s.add(new Sample("COMMIT3res fail", new Commit3Res(5, wcc(), null), Commit3Res::new));
        s.add(new Sample("READLINK3args", new Readlink3Args(fh(8, 22)), Readlink3Args::new));
        s.add(new Sample("READLINK3res ok", new Readlink3Res(0, new PostOpAttr(fattr(23)), "../t\u00e4rget/x"),
                Readlink3Res::new));
        s.add(new Sample("READLINK3res fail", new Readlink3Res(22, new PostOpAttr(), null), Readlink3Res::new));
        s.add(new Sample("SYMLINK3args", new Symlink3Args(new DirOpArgs3(fh(8, 23), "link"),
                new Sattr3(0777, null, null, null, 0, null, 0, null), "/etc/passwd"), Symlink3Args::new));
        s.add(new Sample("SYMLINK3args no attributes", new Symlink3Args(new DirOpArgs3(fh(8, 23), "l"),
                new Sattr3(), "abc"), Symlink3Args::new));
        s.add(new Sample("SYMLINK3res ok", new Symlink3Res(0, new PostOpFh3(fh(20, 24)), new PostOpAttr(fattr(24)),
                wcc()), Symlink3Res::new));
        s.add(new Sample("SYMLINK3res fail", new Symlink3Res(17, null, null, wcc()), Symlink3Res::new));
        s.add(new Sample("MKNOD3args fifo", new Mknod3Args(new DirOpArgs3(fh(8, 25), "p"), Nfs3.NF3FIFO,
                new Sattr3(0600, null, null, null, 0, null, 0, null), null), Mknod3Args::new));
        s.add(new Sample("MKNOD3args chr", new Mknod3Args(new DirOpArgs3(fh(8, 25), "c"), Nfs3.NF3CHR,
                new Sattr3(), new Specdata3(1, 3)), Mknod3Args::new));
        s.add(new Sample("MKNOD3args reg", new Mknod3Args(new DirOpArgs3(fh(8, 25), "r"), Nfs3.NF3REG, null, null),
                Mknod3Args::new));
        s.add(new Sample("MKNOD3res ok", new Mknod3Res(0, new PostOpFh3(fh(20, 26)), new PostOpAttr(fattr(25)),
                wcc()), Mknod3Res::new));
        s.add(new Sample("MKNOD3res fail", new Mknod3Res(10004, null, null, wcc()), Mknod3Res::new));
        s.add(new Sample("RMDIR3args", new Rmdir3Args(new DirOpArgs3(fh(8, 27), "dir")), Rmdir3Args::new));
        s.add(new Sample("RMDIR3res ok", new Rmdir3Res(0, wcc()), Rmdir3Res::new));
        s.add(new Sample("RMDIR3res fail", new Rmdir3Res(66, wcc()), Rmdir3Res::new));
        s.add(new Sample("RENAME3args", new Rename3Args(new DirOpArgs3(fh(8, 28), "old"),
                new DirOpArgs3(fh(12, 29), "n\u00e9w")), Rename3Args::new));
        s.add(new Sample("RENAME3res ok", new Rename3Res(0, wcc(), new WccData(new PreOpAttr(), new PostOpAttr())),
                Rename3Res::new));
        s.add(new Sample("RENAME3res fail", new Rename3Res(18, wcc(), wcc()), Rename3Res::new));
        s.add(new Sample("LINK3args", new Link3Args(fh(8, 30), new DirOpArgs3(fh(8, 31), "hard")), Link3Args::new));
        s.add(new Sample("LINK3res ok", new Link3Res(0, new PostOpAttr(fattr(26)), wcc()), Link3Res::new));
        s.add(new Sample("LINK3res fail", new Link3Res(18, new PostOpAttr(), wcc()), Link3Res::new));
        s.add(new Sample("READDIR3args", new Readdir3Args(fh(8, 32), 0x8000000000000003L, verf(6), 4096),
                Readdir3Args::new));
        s.add(new Sample("entry3", new Entry3(0xfffffffffffffff0L, "abc", 9), Entry3::new));
        s.add(new Sample("READDIR3res ok", new Readdir3Res(0, new PostOpAttr(fattr(27)), verf(7), List.of(
                new Entry3(1, ".", 1), new Entry3(2, "..", 2), new Entry3(3, "\u00fcber", 3)), false),
                Readdir3Res::new));
        s.add(new Sample("READDIR3res ok empty", new Readdir3Res(0, new PostOpAttr(), verf(8), List.of(), true),
                Readdir3Res::new));
        s.add(new Sample("READDIR3res fail", new Readdir3Res(20, new PostOpAttr(), null, null, false),
                Readdir3Res::new));
        s.add(new Sample("PATHCONF3args", new Pathconf3Args(fh(8, 33)), Pathconf3Args::new));
        s.add(new Sample("PATHCONF3res ok", new Pathconf3Res(0, new PostOpAttr(fattr(28)), -1, 255, true, true,
                false, true), Pathconf3Res::new));
        s.add(new Sample("PATHCONF3res fail", new Pathconf3Res(70, new PostOpAttr(), 0, 0, false, false, false, false),
                Pathconf3Res::new));

        // MOUNT
        s.add(new Sample("dirpath", new Dirpath("/srv/nfs/export"), Dirpath::new));
        s.add(new Sample("mountres3 ok", new Mountres3(Mount3.MNT3_OK, fh(28, 24).data, new int[] {1, 390003}),
                Mountres3::new));
        s.add(new Sample("mountres3 ok no flavors", new Mountres3(Mount3.MNT3_OK, fh(3, 25).data, new int[0]),
                Mountres3::new));
        s.add(new Sample("mountres3 fail", new Mountres3(Mount3.MNT3ERR_ACCES, null, null), Mountres3::new));
        s.add(new Sample("exportnode", new Exportnode("/srv", List.of("10.0.0.0/8", "*.example.org")),
                Exportnode::new));
        s.add(new Sample("exports", new Exports(List.of(new Exportnode("/", List.of()),
                new Exportnode("/srv/data", List.of("host1")))), Exports::new));
        s.add(new Sample("exports empty", new Exports(List.of()), Exports::new));
        return s;
    }
}
