package io.nfsdirect.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.PostOpFh3;
import io.nfsdirect.protocol.nfs3.Readlink3Args;
import io.nfsdirect.protocol.nfs3.Readlink3Res;
import io.nfsdirect.protocol.nfs3.Symlink3Args;
import io.nfsdirect.protocol.nfs3.Symlink3Res;
import org.dcache.oncrpc4j.xdr.XdrAble;

/**
 * SYMLINK and READLINK: symbolic links are stored and read back as text, and never followed by
 * the server (see {@link Export}). A link may point anywhere, outside the export too; only a
 * client resolves it, against its own namespace.
 *
 * <p>The text is stored as the JDK's Path keeps it: repeated and trailing slashes are dropped
 * ("a//b/" is stored as "a/b"), which names the same place for every resolver. A new link
 * belongs to the caller (a squashed root's link to the anonymous identity); the attributes a
 * client sends with SYMLINK are not applied, since a link's mode means nothing on Linux.
 */
final class LinkOps {

    private final ServerState state;

    LinkOps(ServerState state) {
        this.state = state;
    }

    XdrAble symlink(Symlink3Args args, NfsProgram.Request request) throws NfsFault, IOException {
        Export.Node dir = state.node(args.where.dir);
        Path path = state.export.childPath(dir, args.where.name);
        Caller caller = request.caller();
        FileAttrs dirBefore = dir.attrs();
        caller.requireMayChange(dirBefore);
        Path target = target(args.symlinkData);
        try {
            Files.createSymbolicLink(path, target);
        } catch (FileAlreadyExistsException e) {
            throw new NfsFault(NfsStatus.NFS3ERR_EXIST, args.where.name + " exists");
        }
        caller.own(path);
        FileAttrs attrs = FileAttrs.read(path);
        Export.Node node = state.export.register(path, attrs);
        return new Symlink3Res(Nfs3.NFS3_OK, new PostOpFh3(state.handle(node)), state.attrs.postOp(attrs),
                state.attrs.wcc(dirBefore, dir.path()));
    }

    private static Path target(String text) throws NfsFault {
        if (text == null || text.isEmpty()) {
            throw new NfsFault(NfsStatus.NFS3ERR_INVAL, "empty symlink text");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new NfsFault(NfsStatus.NFS3ERR_INVAL, "symlink text is not a path: " + e.getReason());
        }
    }

    XdrAble readlink(Readlink3Args args, NfsProgram.Request request) throws NfsFault, IOException {
        Export.Node node = state.node(args.symlink);
        FileAttrs attrs = node.attrs();
        if (!attrs.isSymlink()) {
            throw new NfsFault(NfsStatus.NFS3ERR_INVAL, "not a symbolic link");
        }
        state.export.requireParentInside(node.path());
        String text = Files.readSymbolicLink(node.path()).toString();
        if (text.getBytes(StandardCharsets.UTF_8).length > Nfs3.MAX_PATH) {
            // made on the server's side: longer than an nfspath3 this server sends
            throw new NfsFault(NfsStatus.NFS3ERR_NAMETOOLONG, "symlink text longer than " + Nfs3.MAX_PATH + " bytes");
        }
        return new Readlink3Res(Nfs3.NFS3_OK, state.attrs.postOp(attrs), text);
    }
}
