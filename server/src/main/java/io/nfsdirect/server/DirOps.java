package io.nfsdirect.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.nfs3.Entry3;
import io.nfsdirect.protocol.nfs3.Entryplus3;
import io.nfsdirect.protocol.nfs3.Lookup3Args;
import io.nfsdirect.protocol.nfs3.Lookup3Res;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsFh3;
import io.nfsdirect.protocol.nfs3.PostOpFh3;
import io.nfsdirect.protocol.nfs3.Readdir3Args;
import io.nfsdirect.protocol.nfs3.Readdir3Res;
import io.nfsdirect.protocol.nfs3.Readdirplus3Args;
import io.nfsdirect.protocol.nfs3.Readdirplus3Res;
import org.dcache.oncrpc4j.xdr.XdrAble;

/**
 * LOOKUP, READDIR and READDIRPLUS.
 *
 * <p>READDIR and READDIRPLUS cookies are positions in the directory's entries sorted by name ("." and ".."
 * first), so a listing continues where it stopped as long as the directory does not change in
 * between; like knfsd, the cookie verifier is returned (the directory's mtime) but not enforced,
 * since refusing a continued listing after an unrelated create helps no client.
 */
final class DirOps {

    /** XDR bytes of a READDIR or READDIRPLUS reply around its entries: status, dir attrs, verifier, list end, eof. */
    private static final int REPLY_OVERHEAD = 4 + 4 + 84 + 8 + 4 + 4;
    /** XDR bytes of an entry besides its name: follows, fileid, name length, cookie, attrs, handle. */
    private static final int ENTRY_OVERHEAD = 4 + 8 + 4 + 8 + 4 + 84 + 4 + 4 + HandleCodec.LENGTH;
    /** The part of an entry that counts against dircount besides the name: fileid, length, cookie. */
    private static final int DIRCOUNT_OVERHEAD = 8 + 4 + 8;
    /** XDR bytes of a READDIR entry besides its name: follows, fileid, name length, cookie. */
    private static final int READDIR_ENTRY_OVERHEAD = 4 + 8 + 4 + 8;
    /** No READDIR or READDIRPLUS reply is made larger than this, whatever count the client offers. */
    private static final int MAX_REPLY = 1024 * 1024;

    private final ServerState state;

    DirOps(ServerState state) {
        this.state = state;
    }

    XdrAble lookup(Lookup3Args args, NfsProgram.Request request) throws NfsFault {
        Export.Node dir = state.node(args.what.dir);
        if (dir.attrs().isDirectory() && !request.caller().may(dir.attrs(), Caller.EXEC)) {
            throw new NfsFault(NfsStatus.NFS3ERR_ACCES, "no search permission on the directory");
        }
        Export.Node child = state.export.lookup(dir, args.what.name);
        return new Lookup3Res(Nfs3.NFS3_OK, state.handle(child), state.attrs.postOp(child.attrs()),
                state.attrs.postOp(dir.attrs()));
    }

    XdrAble readdir(Readdir3Args args, NfsProgram.Request request) throws NfsFault, IOException {
        Export.Node dir = readableDir(args.dir, request);
        FileAttrs dirAttrs = dir.attrs();
        List<String> names = list(dir.path());
        long count = Math.min(Integer.toUnsignedLong(args.count), MAX_REPLY);
        long used = REPLY_OVERHEAD;
        List<Entry3> entries = new ArrayList<>();
        long index = args.cookie < 0 ? Long.MAX_VALUE : args.cookie;
        for (; index < names.size(); index++) {
            String name = names.get((int) index);
            used += READDIR_ENTRY_OVERHEAD + padded(name.getBytes(StandardCharsets.UTF_8).length);
            if (used > count) {
                break;
            }
            try {
                entries.add(new Entry3(FileAttrs.read(entryPath(dir, name)).ino(), name, index + 1));
            } catch (IOException e) {
                // vanished while the listing was being built
            }
        }
        boolean eof = index >= names.size();
        if (entries.isEmpty() && !eof) {
            throw new NfsFault(NfsStatus.NFS3ERR_TOOSMALL, "count " + count + " fits no entry");
        }
        return new Readdir3Res(Nfs3.NFS3_OK, state.attrs.postOp(dirAttrs), cookieVerifier(dirAttrs), entries, eof);
    }

    XdrAble readdirplus(Readdirplus3Args args, NfsProgram.Request request) throws NfsFault, IOException {
        Export.Node dir = readableDir(args.dir, request);
        FileAttrs dirAttrs = dir.attrs();
        List<String> names = list(dir.path());
        long maxcount = Math.min(Integer.toUnsignedLong(args.maxcount), MAX_REPLY);
        long dircount = Integer.toUnsignedLong(args.dircount);
        long used = REPLY_OVERHEAD;
        long dirUsed = 0;
        List<Entryplus3> entries = new ArrayList<>();
        long index = args.cookie < 0 ? Long.MAX_VALUE : args.cookie;
        for (; index < names.size(); index++) {
            String name = names.get((int) index);
            int nameBytes = padded(name.getBytes(StandardCharsets.UTF_8).length);
            used += ENTRY_OVERHEAD + nameBytes;
            dirUsed += DIRCOUNT_OVERHEAD + nameBytes;
            // dircount 0 would allow nothing; clients that send it mean "no separate limit"
            if (used > maxcount || (dircount > 0 && dirUsed > dircount && !entries.isEmpty())) {
                break;
            }
            Entryplus3 entry = entry(dir, name, index + 1);
            if (entry != null) {
                entries.add(entry);
            }
        }
        boolean eof = index >= names.size();
        if (entries.isEmpty() && !eof) {
            throw new NfsFault(NfsStatus.NFS3ERR_TOOSMALL, "maxcount " + maxcount + " fits no entry");
        }
        return new Readdirplus3Res(Nfs3.NFS3_OK, state.attrs.postOp(dirAttrs), cookieVerifier(dirAttrs),
                entries, eof);
    }

    private Export.Node readableDir(NfsFh3 handle, NfsProgram.Request request) throws NfsFault {
        Export.Node dir = state.node(handle);
        if (!dir.attrs().isDirectory()) {
            throw new NfsFault(NfsStatus.NFS3ERR_NOTDIR, "not a directory");
        }
        if (!request.caller().may(dir.attrs(), Caller.READ)) {
            throw new NfsFault(NfsStatus.NFS3ERR_ACCES, "no read permission on the directory");
        }
        state.export.requireInside(dir.path());
        return dir;
    }

    /**
     * Where a listed name leads: "." the directory, ".." its parent (the export root is its own
     * parent: nothing above it is visible), any other name the entry itself, a symlink included.
     */
    private Path entryPath(Export.Node dir, String name) {
        return switch (name) {
            case "." -> dir.path();
            case ".." -> dir.id() == state.export.rootId() ? dir.path() : dir.path().getParent();
            default -> dir.path().resolve(name);
        };
    }

    /** The entry for one name, or null if it vanished while the listing was being built. */
    private Entryplus3 entry(Export.Node dir, String name, long cookie) {
        try {
            Path path = entryPath(dir, name);
            Export.Node node = state.export.register(path, FileAttrs.read(path));
            return new Entryplus3(node.attrs().ino(), name, cookie, state.attrs.postOp(node.attrs()),
                    new PostOpFh3(state.handle(node)));
        } catch (IOException e) {
            return null;
        }
    }

    private static List<String> list(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                names.add(p.getFileName().toString());
            }
        }
        Collections.sort(names);
        names.add(0, "..");
        names.add(0, ".");
        return names;
    }

    private static byte[] cookieVerifier(FileAttrs dir) {
        return ByteBuffer.allocate(Nfs3.COOKIEVERFSIZE)
                .putLong(dir.mtime().getEpochSecond() * 1_000_000_000L + dir.mtime().getNano())
                .array();
    }

    private static int padded(int length) {
        return (length + 3) & ~3;
    }
}
