package io.nfsdirect.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.nfs3.Access3Args;
import io.nfsdirect.protocol.nfs3.Access3Res;
import io.nfsdirect.protocol.nfs3.Fsinfo3Args;
import io.nfsdirect.protocol.nfs3.Fsinfo3Res;
import io.nfsdirect.protocol.nfs3.Fsstat3Args;
import io.nfsdirect.protocol.nfs3.Fsstat3Res;
import io.nfsdirect.protocol.nfs3.Getattr3Args;
import io.nfsdirect.protocol.nfs3.Getattr3Res;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsTime3;
import io.nfsdirect.protocol.nfs3.Pathconf3Args;
import io.nfsdirect.protocol.nfs3.Pathconf3Res;
import io.nfsdirect.protocol.nfs3.Sattr3;
import io.nfsdirect.protocol.nfs3.Setattr3Args;
import io.nfsdirect.protocol.nfs3.Setattr3Res;
import org.dcache.oncrpc4j.xdr.XdrAble;

/**
 * GETATTR, SETATTR, ACCESS, FSSTAT, FSINFO and PATHCONF.
 *
 * <p>SETATTR changes a symlink itself, never what it points to: its owner and times may be set,
 * its mode is NFS3ERR_NOTSUPP, as lchmod is on Linux.
 */
final class AttrOps {

    /**
     * PATHCONF's link count limit: the JDK cannot ask the file system, so like knfsd the server
     * promises the least any Linux file system keeps.
     */
    private static final int LINK_MAX = 255;
    /** Preferred READDIR size; the Linux client reads directories in pages of this order. */
    private static final int DTPREF = 64 * 1024;
    private static final int MULTIPLE = 4096;
    /**
     * The JDK does not expose a filesystem's inode counts. Reporting zero would make df and
     * clients believe the filesystem is out of inodes, so "plenty" stands in.
     */
    private static final long FILES_UNKNOWN = 1L << 32;

    private final ServerState state;

    AttrOps(ServerState state) {
        this.state = state;
    }

    XdrAble getattr(Getattr3Args args, NfsProgram.Request request) throws NfsFault {
        Export.Node node = state.node(args.object);
        return new Getattr3Res(Nfs3.NFS3_OK, state.attrs.fattr(node.attrs()));
    }

    XdrAble setattr(Setattr3Args args, NfsProgram.Request request) throws NfsFault, IOException {
        Export.Node node = state.node(args.object);
        FileAttrs before = node.attrs();
        if (args.guard != null && args.guard.objCtime != null
                && !AttrMapper.time(before.ctime()).equals(args.guard.objCtime)) {
            throw new NfsFault(NfsStatus.NFS3ERR_NOT_SYNC, "ctime guard does not match");
        }
        Sattr3 s = args.newAttributes == null ? new Sattr3() : args.newAttributes;
        Caller caller = request.caller();
        checkSetattr(caller, before, s);
        Path path = node.path();
        if (before.isSymlink()) {
            if (s.mode != null) {
                throw new NfsFault(NfsStatus.NFS3ERR_NOTSUPP, "a symlink has no mode of its own");
            }
            state.export.requireParentInside(path);
        } else {
            state.export.requireInside(path);
        }
        if (s.size != null) {
            truncate(node, s.size);
        }
        if (s.uid != null && s.uid != before.uid()) {
            Files.setAttribute(path, "unix:uid", s.uid, LinkOption.NOFOLLOW_LINKS);
        }
        if (s.gid != null && s.gid != before.gid()) {
            Files.setAttribute(path, "unix:gid", s.gid, LinkOption.NOFOLLOW_LINKS);
        }
        if (s.mode != null) {
            Files.setAttribute(path, "unix:mode", s.mode & 07777, LinkOption.NOFOLLOW_LINKS);
        }
        if (s.setAtime != Nfs3.DONT_CHANGE || s.setMtime != Nfs3.DONT_CHANGE) {
            Instant now = Instant.now();
            FileTime atime = timeToSet(s.setAtime, s.atime, now);
            FileTime mtime = timeToSet(s.setMtime, s.mtime, now);
            Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(mtime, atime, null);
        }
        return new Setattr3Res(Nfs3.NFS3_OK, state.attrs.wcc(before, path));
    }

    /** The permission rules of chmod, chown, truncate and utimensat, as the caller. */
    private static void checkSetattr(Caller caller, FileAttrs attrs, Sattr3 s) throws NfsFault {
        caller.requireMayUse(s.mode);
        if (s.mode != null && !caller.owns(attrs)) {
            throw new NfsFault(NfsStatus.NFS3ERR_PERM, "only the owner may change the mode");
        }
        if (s.uid != null && s.uid != attrs.uid() && !caller.isRoot()) {
            throw new NfsFault(NfsStatus.NFS3ERR_PERM, "only root may change the owner");
        }
        if (s.gid != null && s.gid != attrs.gid() && !caller.isRoot()
                && !(caller.owns(attrs) && caller.inGroup(s.gid))) {
            throw new NfsFault(NfsStatus.NFS3ERR_PERM, "not allowed to change the group");
        }
        if (s.size != null) {
            if (attrs.isDirectory()) {
                throw new NfsFault(NfsStatus.NFS3ERR_ISDIR, "cannot set the size of a directory");
            }
            if (!attrs.isRegular()) {
                throw new NfsFault(NfsStatus.NFS3ERR_INVAL, "size can only be set on a regular file");
            }
            if (!caller.may(attrs, Caller.WRITE) && !caller.owns(attrs)) {
                throw new NfsFault(NfsStatus.NFS3ERR_ACCES, "no write permission");
            }
        }
        boolean clientTime = s.setAtime == Nfs3.SET_TO_CLIENT_TIME || s.setMtime == Nfs3.SET_TO_CLIENT_TIME;
        boolean serverTime = s.setAtime == Nfs3.SET_TO_SERVER_TIME || s.setMtime == Nfs3.SET_TO_SERVER_TIME;
        if (clientTime && !caller.owns(attrs)) {
            throw new NfsFault(NfsStatus.NFS3ERR_PERM, "only the owner may set explicit times");
        }
        if (serverTime && !caller.owns(attrs) && !caller.may(attrs, Caller.WRITE)) {
            throw new NfsFault(NfsStatus.NFS3ERR_ACCES, "no write permission");
        }
    }

    /**
     * FileChannel.truncate only shrinks; growing writes one zero byte at the new last position,
     * which leaves the same sparse hole ftruncate(2) would.
     */
    private void truncate(Export.Node node, long size) throws NfsFault, IOException {
        if (size < 0) {
            throw new NfsFault(NfsStatus.NFS3ERR_FBIG, "size beyond 2^63");
        }
        state.channels.withChannel(node.id(), node.path(), channel -> {
            long current = channel.size();
            if (size < current) {
                channel.truncate(size);
            } else if (size > current) {
                channel.write(ByteBuffer.allocate(1), size - 1);
            }
            return null;
        });
    }

    private static FileTime timeToSet(int how, NfsTime3 time, Instant now) {
        return switch (how) {
            case Nfs3.SET_TO_SERVER_TIME -> FileTime.from(now);
            case Nfs3.SET_TO_CLIENT_TIME -> FileTime.from(AttrMapper.instant(time));
            default -> null;
        };
    }

    XdrAble access(Access3Args args, NfsProgram.Request request) throws NfsFault {
        Export.Node node = state.node(args.object);
        FileAttrs a = node.attrs();
        Caller c = request.caller();
        int granted = 0;
        if (c.may(a, Caller.READ)) {
            granted |= Nfs3.ACCESS3_READ;
        }
        if (c.may(a, Caller.WRITE)) {
            granted |= Nfs3.ACCESS3_MODIFY | Nfs3.ACCESS3_EXTEND;
        }
        if (a.isDirectory()) {
            if (c.may(a, Caller.EXEC)) {
                granted |= Nfs3.ACCESS3_LOOKUP;
            }
            if (c.may(a, Caller.WRITE | Caller.EXEC)) {
                granted |= Nfs3.ACCESS3_DELETE;
            }
        } else if (c.may(a, Caller.EXEC)) {
            granted |= Nfs3.ACCESS3_EXECUTE;
        }
        return new Access3Res(Nfs3.NFS3_OK, state.attrs.postOp(a), granted & args.access);
    }

    XdrAble fsstat(Fsstat3Args args, NfsProgram.Request request) throws NfsFault, IOException {
        Export.Node node = state.node(args.fsroot);
        FileStore store = Files.getFileStore(node.path());
        return new Fsstat3Res(Nfs3.NFS3_OK, state.attrs.postOp(node.attrs()),
                store.getTotalSpace(), store.getUnallocatedSpace(), store.getUsableSpace(),
                FILES_UNKNOWN, FILES_UNKNOWN, FILES_UNKNOWN, 0);
    }

    XdrAble fsinfo(Fsinfo3Args args, NfsProgram.Request request) throws NfsFault {
        Export.Node node = state.node(args.fsroot);
        return new Fsinfo3Res(Nfs3.NFS3_OK, state.attrs.postOp(node.attrs()),
                state.rtmax, state.rtmax, MULTIPLE,
                state.wtmax, state.wtmax, MULTIPLE,
                DTPREF, Long.MAX_VALUE, new NfsTime3(0, 1),
                Nfs3.FSF3_LINK | Nfs3.FSF3_SYMLINK | Nfs3.FSF3_HOMOGENEOUS | Nfs3.FSF3_CANSETTIME);
    }

    /**
     * The export's POSIX limits: names up to 255 bytes, longer ones refused rather than cut
     * (no_trunc), only root gives files away (chown_restricted, as SETATTR enforces), and names
     * are case-sensitive and kept as given.
     */
    XdrAble pathconf(Pathconf3Args args, NfsProgram.Request request) throws NfsFault {
        Export.Node node = state.node(args.object);
        return new Pathconf3Res(Nfs3.NFS3_OK, state.attrs.postOp(node.attrs()), LINK_MAX, Export.MAX_NAME_BYTES,
                true, true, false, true);
    }
}
