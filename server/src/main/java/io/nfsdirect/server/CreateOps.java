package io.nfsdirect.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.nfs3.Create3Args;
import io.nfsdirect.protocol.nfs3.Create3Res;
import io.nfsdirect.protocol.nfs3.Mkdir3Args;
import io.nfsdirect.protocol.nfs3.Mkdir3Res;
import io.nfsdirect.protocol.nfs3.Mknod3Args;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.PostOpFh3;
import io.nfsdirect.protocol.nfs3.Sattr3;
import org.dcache.oncrpc4j.xdr.XdrAble;

/**
 * CREATE (UNCHECKED, GUARDED, EXCLUSIVE), MKDIR and MKNOD.
 *
 * <p>New files belong to the caller, as they would on knfsd: the server (normally root) chowns
 * them to the AUTH_SYS uid and gid. A server not running as root cannot, and its files stay its
 * own.
 *
 * <p>EXCLUSIVE create keeps the client's 8-byte verifier in the new file's mtime and atime
 * seconds, as Linux does, so that a retransmitted CREATE of the same file (its reply was lost)
 * is recognised and succeeds, while a different client's create of that name gets EXIST. The
 * client replaces those times with real ones by a SETATTR afterwards.
 *
 * <p>MKNOD creates nothing: device files (NF3CHR, NF3BLK) in an export would hand clients the
 * server's devices, and the JDK can make neither FIFOs nor, at every path length, sockets, so
 * all four answer NFS3ERR_NOTSUPP once the name and the caller's permission have been checked;
 * the other file types are NFS3ERR_BADTYPE, as RFC 1813 says.
 */
final class CreateOps {

    private static final int DEFAULT_FILE_MODE = 0644;
    private static final int DEFAULT_DIR_MODE = 0755;

    private final ServerState state;

    CreateOps(ServerState state) {
        this.state = state;
    }

    XdrAble create(Create3Args args, NfsProgram.Request request) throws NfsFault, IOException {
        Export.Node dir = state.node(args.where.dir);
        Path path = state.export.childPath(dir, args.where.name);
        request.caller().requireMayChange(dir.attrs());
        FileAttrs dirBefore = dir.attrs();
        Sattr3 s = args.objAttributes == null ? new Sattr3() : args.objAttributes;
        request.caller().requireMayUse(s.mode);
        FileAttrs attrs;
        if (args.mode == Nfs3.EXCLUSIVE) {
            attrs = createExclusive(path, args.verf, request.caller());
        } else {
            attrs = createChecked(path, args.mode == Nfs3.GUARDED, s, request.caller());
        }
        Export.Node node = state.export.register(path, attrs);
        return new Create3Res(Nfs3.NFS3_OK, new PostOpFh3(state.handle(node)), state.attrs.postOp(attrs),
                state.attrs.wcc(dirBefore, dir.path()));
    }

    private FileAttrs createChecked(Path path, boolean guarded, Sattr3 s, Caller caller)
            throws NfsFault, IOException {
        try {
            Files.createFile(path);
            caller.own(path);
            Files.setAttribute(path, "unix:mode", (s.mode != null ? s.mode : DEFAULT_FILE_MODE) & 07777);
        } catch (FileAlreadyExistsException e) {
            if (guarded) {
                throw new NfsFault(NfsStatus.NFS3ERR_EXIST, path.getFileName() + " exists");
            }
            FileAttrs existing = FileAttrs.read(path);
            if (!existing.isRegular()) {
                throw new NfsFault(NfsStatus.NFS3ERR_EXIST, path.getFileName() + " exists and is not a file");
            }
            // UNCHECKED on an existing file is open(O_CREAT|O_TRUNC): only the size applies
            if (s.size != null) {
                if (!caller.may(existing, Caller.WRITE) && !caller.owns(existing)) {
                    throw new NfsFault(NfsStatus.NFS3ERR_ACCES, "no write permission");
                }
                truncate(path, existing, s.size);
            }
            return FileAttrs.read(path);
        }
        if (s.size != null && s.size > 0) {
            truncate(path, FileAttrs.read(path), s.size);
        }
        return FileAttrs.read(path);
    }

    private void truncate(Path path, FileAttrs attrs, long size) throws NfsFault, IOException {
        if (size < 0) {
            throw new NfsFault(NfsStatus.NFS3ERR_FBIG, "size beyond 2^63");
        }
        Export.Node node = state.export.register(path, attrs);
        state.channels.withChannel(node.id(), path, channel -> {
            long current = channel.size();
            if (size < current) {
                channel.truncate(size);
            } else if (size > current) {
                channel.write(ByteBuffer.allocate(1), size - 1);
            }
            return null;
        });
    }

    private FileAttrs createExclusive(Path path, byte[] verf, Caller caller) throws NfsFault, IOException {
        ByteBuffer v = ByteBuffer.wrap(verf);
        FileTime mtime = FileTime.from(Instant.ofEpochSecond(Integer.toUnsignedLong(v.getInt())));
        FileTime atime = FileTime.from(Instant.ofEpochSecond(Integer.toUnsignedLong(v.getInt())));
        try {
            Files.createFile(path);
        } catch (FileAlreadyExistsException e) {
            FileAttrs existing = FileAttrs.read(path);
            if (existing.isRegular() && existing.mtime().equals(mtime.toInstant())
                    && existing.atime().equals(atime.toInstant())) {
                return existing;
            }
            throw new NfsFault(NfsStatus.NFS3ERR_EXIST, path.getFileName() + " exists");
        }
        caller.own(path);
        Files.setAttribute(path, "unix:mode", DEFAULT_FILE_MODE);
        Files.getFileAttributeView(path, BasicFileAttributeView.class).setTimes(mtime, atime, null);
        return FileAttrs.read(path);
    }

    XdrAble mkdir(Mkdir3Args args, NfsProgram.Request request) throws NfsFault, IOException {
        Export.Node dir = state.node(args.where.dir);
        Path path = state.export.childPath(dir, args.where.name);
        request.caller().requireMayChange(dir.attrs());
        FileAttrs dirBefore = dir.attrs();
        Sattr3 s = args.attributes == null ? new Sattr3() : args.attributes;
        request.caller().requireMayUse(s.mode);
        try {
            Files.createDirectory(path);
        } catch (FileAlreadyExistsException e) {
            throw new NfsFault(NfsStatus.NFS3ERR_EXIST, path.getFileName() + " exists");
        }
        request.caller().own(path);
        Files.setAttribute(path, "unix:mode", (s.mode != null ? s.mode : DEFAULT_DIR_MODE) & 07777);
        FileAttrs attrs = FileAttrs.read(path);
        Export.Node node = state.export.register(path, attrs);
        return new Mkdir3Res(Nfs3.NFS3_OK, new PostOpFh3(state.handle(node)), state.attrs.postOp(attrs),
                state.attrs.wcc(dirBefore, dir.path()));
    }


    XdrAble mknod(Mknod3Args args, NfsProgram.Request request) throws NfsFault {
        Export.Node dir = state.node(args.where.dir);
        Path path = state.export.childPath(dir, args.where.name);
        request.caller().requireMayChange(dir.attrs());
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new NfsFault(NfsStatus.NFS3ERR_EXIST, path.getFileName() + " exists");
        }
        throw switch (args.type) {
            case Nfs3.NF3CHR, Nfs3.NF3BLK -> new NfsFault(NfsStatus.NFS3ERR_NOTSUPP, "device files are not served");
            case Nfs3.NF3SOCK, Nfs3.NF3FIFO -> new NfsFault(NfsStatus.NFS3ERR_NOTSUPP, "sockets and FIFOs are not made");
            default -> new NfsFault(NfsStatus.NFS3ERR_BADTYPE, "MKNOD makes no file of type " + args.type);
        };
    }
}
