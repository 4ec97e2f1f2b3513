package io.nfsdirect.server;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.nfs3.DirOpArgs3;
import io.nfsdirect.protocol.nfs3.Link3Args;
import io.nfsdirect.protocol.nfs3.Link3Res;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.Remove3Args;
import io.nfsdirect.protocol.nfs3.Remove3Res;
import io.nfsdirect.protocol.nfs3.Rename3Args;
import io.nfsdirect.protocol.nfs3.Rename3Res;
import io.nfsdirect.protocol.nfs3.Rmdir3Args;
import io.nfsdirect.protocol.nfs3.Rmdir3Res;
import io.nfsdirect.protocol.nfs3.WccData;
import org.dcache.oncrpc4j.xdr.XdrAble;

/**
 * REMOVE, RMDIR, RENAME and LINK: the procedures that take names away from files or give them
 * more.
 *
 * <p>Every name goes through {@link Export#childPath}, so both ends of a rename or link lie in
 * a directory inside the export, and both handles are checked as every procedure checks them; a
 * handle of another export or server is BADHANDLE or STALE. The rules are rmdir(2), rename(2)
 * and link(2)'s, as the caller: write permission on each directory changed, the sticky bit, no
 * directory moved below itself, no hard link to a directory. A rename keeps the handles of what
 * it moved, a directory's whole subtree included.
 */
final class NameOps {

    private final ServerState state;

    NameOps(ServerState state) {
        this.state = state;
    }

    XdrAble remove(Remove3Args args, NfsProgram.Request request) throws NfsFault, IOException {
        return new Remove3Res(Nfs3.NFS3_OK, removeName(args.object, request.caller(), false));
    }

    XdrAble rmdir(Rmdir3Args args, NfsProgram.Request request) throws NfsFault, IOException {
        if (".".equals(args.object.name)) {
            throw new NfsFault(NfsStatus.NFS3ERR_INVAL, "cannot remove . of a directory");
        }
        return new Rmdir3Res(Nfs3.NFS3_OK, removeName(args.object, request.caller(), true));
    }

    /**
     * unlink(2) or rmdir(2) of one name, whose file is a directory exactly when
     * {@code directory}; returns the directory's wcc_data.
     */
    private WccData removeName(DirOpArgs3 object, Caller caller, boolean directory) throws NfsFault, IOException {
        Export.Node dir = state.node(object.dir);
        Path path = state.export.childPath(dir, object.name);
        FileAttrs dirAttrs = dir.attrs();
        caller.requireMayChange(dirAttrs);
        FileAttrs victim = existing(path, object.name);
        if (victim.isDirectory() && !directory) {
            throw new NfsFault(NfsStatus.NFS3ERR_ISDIR, object.name + " is a directory");
        }
        if (!victim.isDirectory() && directory) {
            throw new NfsFault(NfsStatus.NFS3ERR_NOTDIR, object.name + " is not a directory");
        }
        caller.requireMayUnlink(dirAttrs, victim);
        Files.delete(path);
        state.unlinked(victim);
        return state.attrs.wcc(dirAttrs, dir.path());
    }

    XdrAble rename(Rename3Args args, NfsProgram.Request request) throws NfsFault, IOException {
        Export.Node fromDir = state.node(args.from.dir);
        Export.Node toDir = state.node(args.to.dir);
        Path from = state.export.childPath(fromDir, args.from.name);
        Path to = state.export.childPath(toDir, args.to.name);
        Caller caller = request.caller();
        FileAttrs fromBefore = fromDir.attrs();
        FileAttrs toBefore = toDir.attrs();
        caller.requireMayChange(fromBefore);
        caller.requireMayChange(toBefore);
        FileAttrs source = existing(from, args.from.name);
        caller.requireMayUnlink(fromBefore, source);
        FileAttrs target = attrsOrNull(to);
        if (target != null && target.fileKey().equals(source.fileKey())) {
            // rename(2) of a name onto itself or onto another link of the same file does nothing
            return new Rename3Res(Nfs3.NFS3_OK, state.attrs.wcc(fromBefore, fromDir.path()),
                    state.attrs.wcc(toBefore, toDir.path()));
        }
        if (source.isDirectory() && to.startsWith(from)) {
            throw new NfsFault(NfsStatus.NFS3ERR_INVAL, "cannot move a directory below itself");
        }
        if (target != null) {
            caller.requireMayUnlink(toBefore, target);
            if (source.isDirectory() && !target.isDirectory()) {
                throw new NfsFault(NfsStatus.NFS3ERR_NOTDIR, args.to.name + " is not a directory");
            }
            if (!source.isDirectory() && target.isDirectory()) {
                throw new NfsFault(NfsStatus.NFS3ERR_ISDIR, args.to.name + " is a directory");
            }
        }
        // rename(2): atomic, and it replaces a file or an empty directory at the target
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        state.export.moved(from, to);
        if (target != null) {
            state.unlinked(target);
        }
        return new Rename3Res(Nfs3.NFS3_OK, state.attrs.wcc(fromBefore, fromDir.path()),
                state.attrs.wcc(toBefore, toDir.path()));
    }

    XdrAble link(Link3Args args, NfsProgram.Request request) throws NfsFault, IOException {
        Export.Node file = state.node(args.file);
        Export.Node dir = state.node(args.link.dir);
        Path path = state.export.childPath(dir, args.link.name);
        Caller caller = request.caller();
        FileAttrs dirBefore = dir.attrs();
        caller.requireMayChange(dirBefore);
        FileAttrs attrs = file.attrs();
        if (attrs.isDirectory()) {
            throw new NfsFault(NfsStatus.NFS3ERR_PERM, "a directory cannot have hard links");
        }
        // fs.protected_hardlinks: only the owner, or who may read and write it, links a file
        if (!caller.owns(attrs) && !(attrs.isRegular() && caller.may(attrs, Caller.READ | Caller.WRITE))) {
            throw new NfsFault(NfsStatus.NFS3ERR_PERM, "not the owner of the file");
        }
        state.export.requireParentInside(file.path());
        try {
            // link(2) gives a symlink itself another name; it never follows it
            Files.createLink(path, file.path());
        } catch (FileAlreadyExistsException e) {
            throw new NfsFault(NfsStatus.NFS3ERR_EXIST, args.link.name + " exists");
        }
        return new Link3Res(Nfs3.NFS3_OK, state.attrs.postOp(file.path()), state.attrs.wcc(dirBefore, dir.path()));
    }

    private static FileAttrs existing(Path path, String name) throws NfsFault, IOException {
        try {
            return FileAttrs.read(path);
        } catch (NoSuchFileException e) {
            throw new NfsFault(NfsStatus.NFS3ERR_NOENT, name);
        }
    }

    private static FileAttrs attrsOrNull(Path path) throws IOException {
        try {
            return FileAttrs.read(path);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
