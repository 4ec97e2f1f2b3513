package io.nfsdirect.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

import io.nfsdirect.protocol.NfsStatus;

/**
 * The exported directory and the guard that keeps every client request inside it.
 *
 * <p>Clients only ever name files by handle plus one path component. Each component is checked
 * here: no "..", no '/', no NUL, at most 255 bytes. A symlink is served as the link itself,
 * never followed by the server: LOOKUP of its name gives the link's handle, READLINK its text,
 * and resolving that text is the client's business, so a link pointing anywhere (also outside)
 * leads nowhere on the server. Every path the server is about to hand out or open is checked
 * against the export's real path after resolving symlinks, so a directory swapped for a link
 * behind the server's back does not lead out either. Files outside the export read as
 * NFS3ERR_ACCES, the way knfsd answers a lookup that would cross the export boundary.
 */
final class Export {

    /** A file the client may name: its table entry and a fresh stat. */
    record Node(long id, Path path, FileAttrs attrs) {
    }

    static final int MAX_NAME_BYTES = 255;

    private final Path root;
    private final String mountPath;
    private final FileTable table;
    private final long rootId;

    /**
     * @param root      the export directory; resolved to its real path once, here
     * @param mountPath the path clients MNT, always starting with '/'
     * @param table     the file table, empty or restored from an earlier start
     */
    Export(Path root, String mountPath, FileTable table) throws IOException {
        this.table = table;
        this.root = root.toRealPath();
        FileAttrs attrs = FileAttrs.read(this.root);
        if (!attrs.isDirectory()) {
            throw new NotDirectoryException(this.root.toString());
        }
        this.mountPath = mountPath;
        this.rootId = table.register(this.root, attrs.fileKey()).id();
    }

    Path root() {
        return root;
    }

    String mountPath() {
        return mountPath;
    }

    long rootId() {
        return rootId;
    }

    /** Resolves a handle's id to the file it names now; gone or replaced files are STALE. */
    Node node(long id) throws NfsFault {
        FileTable.Entry entry = table.get(id);
        if (entry == null) {
            throw new NfsFault(NfsStatus.NFS3ERR_STALE, "no file with id " + id);
        }
        FileAttrs attrs;
        try {
            attrs = FileAttrs.read(entry.path());
        } catch (NoSuchFileException e) {
            table.forget(entry);
            throw new NfsFault(NfsStatus.NFS3ERR_STALE, "file " + id + " is gone");
        } catch (IOException e) {
            throw Faults.of(e);
        }
        if (!attrs.fileKey().equals(entry.fileKey())) {
            table.forget(entry);
            throw new NfsFault(NfsStatus.NFS3ERR_STALE, "file " + id + " was replaced");
        }
        return new Node(id, entry.path(), attrs);
    }

    /** LOOKUP semantics for one component of a directory. */
    Node lookup(Node dir, String name) throws NfsFault {
        requireDirectory(dir);
        if (".".equals(name)) {
            return dir;
        }
        if ("..".equals(name)) {
            return parent(dir);
        }
        Path child = childPath(dir, name);
        try {
            FileAttrs attrs = FileAttrs.read(child);
            if (attrs.isSymlink()) {
                // childPath checked that the directory holding the link is inside
                return register(child, attrs);
            }
            Path real = child.toRealPath();
            if (!inside(real)) {
                throw new NfsFault(NfsStatus.NFS3ERR_ACCES, name + " leads outside the export");
            }
            if (!real.equals(child)) {
                // an ancestor swapped for a symlink behind our back: serve what is really there
                attrs = FileAttrs.read(real);
            }
            return register(real, attrs);
        } catch (NoSuchFileException e) {
            throw new NfsFault(NfsStatus.NFS3ERR_NOENT, name);
        } catch (IOException e) {
            throw Faults.of(e);
        }
    }

    /**
     * ".." of a directory below the export root is its parent, which real clients need when they
     * walk back up; ".." of the root would leave the export and is refused.
     */
    private Node parent(Node dir) throws NfsFault {
        if (dir.id() == rootId) {
            throw new NfsFault(NfsStatus.NFS3ERR_ACCES, ".. of the export root leads outside the export");
        }
        Path parent = dir.path().getParent();
        requireInside(parent);
        try {
            return register(parent, FileAttrs.read(parent));
        } catch (IOException e) {
            throw Faults.of(e);
        }
    }

    /**
     * The path a new or removed entry of {@code dir} would have. "." and ".." are not names a
     * client may create or remove: ".." would leave the directory, "." is the directory itself.
     */
    Path childPath(Node dir, String name) throws NfsFault {
        requireDirectory(dir);
        if (name == null || name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new NfsFault(NfsStatus.NFS3ERR_ACCES, "invalid file name");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new NfsFault(NfsStatus.NFS3ERR_NAMETOOLONG, "file name longer than 255 bytes");
        }
        if (name.equals("..")) {
            throw new NfsFault(NfsStatus.NFS3ERR_ACCES, ".. is not an entry a client may create or remove");
        }
        if (name.equals(".")) {
            throw new NfsFault(NfsStatus.NFS3ERR_EXIST, ". is the directory itself");
        }
        requireInside(dir.path());
        return dir.path().resolve(name);
    }

    Node register(Path path, FileAttrs attrs) {
        return new Node(table.register(path, attrs.fileKey()).id(), path, attrs);
    }

    /**
     * Moves the table's paths along with a rename: the file {@code from} named and, for a
     * directory, everything below it keep their handles under the new name.
     */
    void moved(Path from, Path to) {
        table.moved(from, to);
    }

    /**
     * Checks that the directory holding {@code path} resolves inside the export; for a file the
     * server must not follow, such as a symlink, whose own resolution says nothing.
     */
    void requireParentInside(Path path) throws NfsFault {
        requireInside(path.getParent() == null ? path : path.getParent());
    }

    /** Forgets a removed file, so its handle reads as STALE; returns its id if it had one. */
    Long forget(FileAttrs removed) {
        return table.forgetKey(removed.fileKey());
    }

    /**
     * MNT: the export's own path, or a directory below it named by its path under the export,
     * walked one component at a time through {@link #lookup} so that the same guard applies.
     */
    Node mount(String dirpath) throws NfsFault {
        String rest;
        if (dirpath.equals(mountPath)) {
            rest = "";
        } else if (mountPath.equals("/") && dirpath.startsWith("/")) {
            rest = dirpath.substring(1);
        } else if (dirpath.startsWith(mountPath + "/")) {
            rest = dirpath.substring(mountPath.length() + 1);
        } else {
            throw new NfsFault(NfsStatus.NFS3ERR_NOENT, dirpath + " is not exported");
        }
        Node node = node(rootId);
        for (String component : rest.split("/")) {
            if (!component.isEmpty()) {
                node = lookup(node, component);
            }
        }
        requireDirectory(node);
        return node;
    }

    /** Checks that a path about to be opened or changed still resolves inside the export. */
    void requireInside(Path path) throws NfsFault {
        try {
            if (!inside(path.toRealPath())) {
                throw new NfsFault(NfsStatus.NFS3ERR_ACCES, "path leads outside the export");
            }
        } catch (NoSuchFileException e) {
            throw new NfsFault(NfsStatus.NFS3ERR_STALE, "file is gone");
        } catch (AccessDeniedException e) {
            throw new NfsFault(NfsStatus.NFS3ERR_ACCES, "permission denied");
        } catch (IOException e) {
            throw Faults.of(e);
        }
    }

    /** {@link #requireInside} for callers that speak IOException (the channel cache). */
    void checkInside(Path path) throws IOException {
        if (!inside(path.toRealPath())) {
            throw new AccessDeniedException(path.toString(), null, "leads outside the export");
        }
    }

    private boolean inside(Path real) {
        return real.startsWith(root);
    }

    private static void requireDirectory(Node dir) throws NfsFault {
        if (!dir.attrs().isDirectory()) {
            throw new NfsFault(NfsStatus.NFS3ERR_NOTDIR, dir.path().getFileName() + " is not a directory");
        }
    }
}
