package io.nfsdirect.coordinator.tree;

import io.nfsdirect.coordinator.DirectIoClient;
import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.NfsUrl;
import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.protocol.nfs3.Create3Args;
import io.nfsdirect.protocol.nfs3.DirOpArgs3;
import io.nfsdirect.protocol.nfs3.DirOpRes3;
import io.nfsdirect.protocol.nfs3.Fattr3;
import io.nfsdirect.protocol.nfs3.Mkdir3Args;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsFh3;
import io.nfsdirect.protocol.nfs3.NfsTime3;
import io.nfsdirect.protocol.nfs3.Sattr3;
import io.nfsdirect.protocol.nfs3.Setattr3Args;
import io.nfsdirect.worker.Nfs3Client;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * Copies a tree to NFS, from another NFS tree (possibly on another server) or from a local one,
 * as its {@link CopySource} says: each file's data goes into {@code NAME.part}, which is renamed
 * once the copy is complete and stable; then the file gets its mode and mtime with a SETATTR.
 * Directories are made with MKDIR as they are found (one that exists is taken as it is) and get
 * their modes and mtimes at the end, deepest first; symlinks are made with SYMLINK from the
 * source link's text, never followed.
 */
public final class NfsCopy implements FileAction {

    private record Later(NfsFh3 handle, Fattr3 attributes) {
    }

    private final DirectIoClient client;
    private final CopySource source;
    private final Nfs3Client target;
    private final NfsUrl targetRoot;
    private final Fattr3 rootAttributes;
    private final IoOptions io;
    private final String what;
    /** Handles of the target's directories made so far, by path; the root is "". */
    private final Map<String, NfsFh3> directories = new ConcurrentHashMap<>();
    /** The same, in the order made, for their attributes at the end. */
    private final List<Later> later = new ArrayList<>();
    private final PieceRuns pieces;

    /**
     * @param targetRootHandle the target directory that becomes the copy of the source root; it exists
     * @param io               each file's options (UNSTABLE and a COMMIT unless stable)
     */
    public NfsCopy(DirectIoClient client, CopySource source, Nfs3Client target, NfsUrl targetRoot,
                   NfsFh3 targetRootHandle, Fattr3 rootAttributes, IoOptions io, String what) {
        this.client = client;
        this.source = source;
        this.target = target;
        this.targetRoot = targetRoot;
        this.rootAttributes = rootAttributes;
        this.io = io;
        this.what = what;
        this.pieces = new PieceRuns(client::cancel);
        directories.put("", targetRootHandle);
    }

    @Override
    public boolean copiesHardLinksOnce() {
        return true;
    }

    /**
     * Makes the directory {@code name} in {@code parent} unless it exists, and returns its handle:
     * how a command makes the root of the copy.
     */
    public static CompletionStage<NfsFh3> mkdir(Nfs3Client client, NfsFh3 parent, String name, String what) {
        Sattr3 owner = new Sattr3(0700, null, null, null, Nfs3.DONT_CHANGE, null, Nfs3.DONT_CHANGE, null);
        return client.mkdir(new Mkdir3Args(new DirOpArgs3(parent, name), owner)).thenCompose(res -> {
            if (res.status == Nfs3.NFS3_OK && res.obj != null && res.obj.handle != null) {
                return CompletableFuture.completedFuture(res.obj.handle);
            }
            if (res.status != Nfs3.NFS3_OK && res.status != NfsStatus.NFS3ERR_EXIST.code()) {
                throw IoError.status(NfsStatus.of(res.status), what + ": mkdir " + name, -1).raise();
            }
            return client.lookup(parent, name).thenApply(found -> {
                if (found.status != Nfs3.NFS3_OK) {
                    throw IoError.status(NfsStatus.of(found.status), what + ": look up " + name, -1).raise();
                }
                if (found.objAttributes != null && found.objAttributes.attributes != null
                        && found.objAttributes.attributes.type != Nfs3.NF3DIR) {
                    throw IoError.at(Errno.ENOTDIR, what + ": " + name, -1, "not a directory at the target (ENOTDIR)")
                            .raise();
                }
                return found.object;
            });
        });
    }

    @Override
    public CompletionStage<Void> directory(TreeEntry directory) {
        return parent(directory.path()).thenCompose(p -> mkdir(target, p, name(directory.path()), what + " " + directory.path()))
                .thenAccept(handle -> {
                    directories.put(directory.path(), handle);
                    synchronized (later) {
                        later.add(new Later(handle, directory.attributes()));
                    }
                });
    }

    @Override
    public CompletionStage<Void> symlink(TreeEntry link) {
        String name = name(link.path());
        return source.linkText(link, what).thenCompose(text -> parent(link.path())
                .thenCompose(dir -> target.remove(dir, name)
                        .thenCompose(gone -> target.symlink(dir, name, text))
                        .thenCompose(made -> {
                            check(made, "symlink " + link.path());
                            return made.obj != null && made.obj.handle != null
                                    ? CompletableFuture.completedFuture(made.obj.handle)
                                    : target.lookup(dir, name).thenApply(found -> found.object);
                        })))
                .thenCompose(handle -> setattr(handle, times(link.attributes()), link.path()));
    }

    @Override
    public CompletionStage<FileResult> file(TreeEntry file, String requestId, LongConsumer progress) {
        return file(file, requestId, progress, Checkpoints.WHOLE);
    }

    /**
     * Copies the file into {@code NAME.part}, piece by piece when {@code checkpoints} cuts it, each
     * piece journaled once its request has committed it; the pieces a journal has as finished are
     * kept from the part file an earlier run left (without it, they are copied again). Data an
     * earlier run wrote UNSTABLE and never committed belongs to no journaled piece, so it is
     * written again.
     */
    @Override
    public CompletionStage<FileResult> file(TreeEntry file, String requestId, LongConsumer progress,
                                            Checkpoints.Journal checkpoints) {
        String name = name(file.path());
        String part = name + LocalCopy.PART;
        long size = file.attributes().size;
        boolean cut = Checkpoints.cut(size, checkpoints.every());
        String to = targetRoot.child(file.path() + LocalCopy.PART).toString();
        return parent(file.path()).thenCompose(dir -> partFile(dir, part, cut ? checkpoints.finished() : Set.of(),
                        file.path())
                .thenCompose(kept -> {
                    AtomicBoolean journaled = new AtomicBoolean(!kept.isEmpty());
                    return pieces.run(requestId, Checkpoints.missing(size, checkpoints.every(), kept), cut, piece -> {
                                checkpoints.finished(piece);
                                journaled.set(true);
                            }, what + ": " + file.path(),
                            (id, piece) -> source.fill(client, id, file, piece.offset(), piece.length(), to, io)
                                    .thenApply(bytes -> {
                                        progress.accept(bytes);
                                        return bytes;
                                    }))
                            .handle((bytes, failure) -> failure == null ? CompletableFuture.completedFuture(bytes)
                                    : this.<Long>failedWithoutPart(journaled.get(), dir, part, failure))
                            .thenCompose(stage -> stage);
                })
                .thenCompose(bytes -> target.rename(dir, part, dir, name).thenApply(res -> {
                    if (res.status != Nfs3.NFS3_OK) {
                        throw IoError.status(NfsStatus.of(res.status), what + ": rename " + file.path()
                                + LocalCopy.PART, -1).raise();
                    }
                    return bytes;
                }))
                .thenCompose(bytes -> target.lookup(dir, name).thenCompose(found -> {
                    if (found.status != Nfs3.NFS3_OK) {
                        throw IoError.status(NfsStatus.of(found.status), what + ": look up " + file.path(), -1).raise();
                    }
                    return setModeAndTimes(found.object, file.attributes(), file.path());
                }).thenApply(done -> new FileResult(bytes, null))));
    }

    /**
     * A copy that failed takes its part file with it, so nothing half-copied is left at the
     * target, unless journaled pieces are in it: the next run resumes from them.
     */
    private <T> CompletionStage<T> failedWithoutPart(boolean keep, NfsFh3 dir, String part, Throwable failure) {
        CompletionStage<?> gone = keep ? CompletableFuture.completedFuture(null)
                : target.remove(dir, part).exceptionally(e -> null);
        return gone.thenCompose(x -> CompletableFuture.failedFuture(failure));
    }

    /**
     * The part file, ready to be written: the one an earlier run left when it holds journaled
     * pieces ({@code finished}, which are then kept), else a new empty one.
     */
    private CompletionStage<Set<Checkpoints.Piece>> partFile(NfsFh3 dir, String part, Set<Checkpoints.Piece> finished,
                                                            String path) {
        CompletionStage<Boolean> there = finished.isEmpty() ? CompletableFuture.completedFuture(false)
                : target.lookup(dir, part).thenApply(found -> found.status == Nfs3.NFS3_OK
                && found.objAttributes != null && found.objAttributes.attributes != null
                && found.objAttributes.attributes.type == Nfs3.NF3REG);
        Sattr3 empty = new Sattr3(0600, null, null, 0L, Nfs3.DONT_CHANGE, null, Nfs3.DONT_CHANGE, null);
        return there.thenCompose(keep -> keep ? CompletableFuture.completedFuture(finished)
                : target.create(new Create3Args(new DirOpArgs3(dir, part), Nfs3.UNCHECKED, empty, null))
                .thenApply(created -> {
                    check(created, "create " + path + LocalCopy.PART);
                    return Set.<Checkpoints.Piece>of();
                }));
    }

    /**
     * Whether {@code file}'s copy is in place, as a job resumed takes it: a regular file of the
     * source's size and mtime, which only a finished copy has (the mtime is set after the rename).
     * Its directory must have been made (or found) by this job already.
     */
    public CompletionStage<Boolean> hasCopy(TreeEntry file) {
        NfsFh3 dir = directories.get(parentPath(file.path()));
        if (dir == null) {
            return CompletableFuture.completedFuture(false);
        }
        return target.lookup(dir, name(file.path())).thenApply(found -> {
            if (found.status != Nfs3.NFS3_OK || found.objAttributes == null || found.objAttributes.attributes == null) {
                return false;
            }
            Fattr3 copy = found.objAttributes.attributes;
            return copy.type == Nfs3.NF3REG && copy.size == file.attributes().size
                    && copy.mtime.equals(file.attributes().mtime);
        }).exceptionally(failure -> false);
    }

    @Override
    public void cancel(String requestId) {
        pieces.cancel(requestId);
    }

    @Override
    public CompletionStage<Void> finish() {
        List<Later> all;
        synchronized (later) {
            all = new ArrayList<>(later);
        }
        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
        for (int i = all.size() - 1; i >= 0; i--) {
            Later l = all.get(i);
            chain = chain.thenCompose(v -> setModeAndTimes(l.handle(), l.attributes(), "a directory"));
        }
        if (rootAttributes != null) {
            chain = chain.thenCompose(v -> setModeAndTimes(directories.get(""), rootAttributes, "the root"));
        }
        return chain;
    }

    private CompletionStage<Void> setModeAndTimes(NfsFh3 handle, Fattr3 a, String path) {
        Sattr3 set = times(a);
        set.mode = a.mode & 07777;
        return setattr(handle, set, path);
    }

    /** The mtime alone: a symlink has no mode of its own to set. */
    private static Sattr3 times(Fattr3 a) {
        return new Sattr3(null, null, null, null, Nfs3.DONT_CHANGE, null, Nfs3.SET_TO_CLIENT_TIME,
                new NfsTime3(a.mtime.seconds, a.mtime.nseconds));
    }

    private CompletionStage<Void> setattr(NfsFh3 handle, Sattr3 set, String path) {
        return target.setattr(new Setattr3Args(handle, set, null)).thenAccept(res -> {
            if (res.status != Nfs3.NFS3_OK) {
                throw IoError.status(NfsStatus.of(res.status), what + ": setattr " + path, -1).raise();
            }
        });
    }

    /** The handle of the target's directory {@code path}, made or found by this job so far; null if neither. */
    NfsFh3 directoryHandle(String path) {
        return directories.get(path);
    }

    /**
     * Takes the target's existing directory {@code path} as found, without making it or setting
     * its attributes at the end: how a verify, which changes nothing, walks the copy.
     */
    void foundDirectory(String path, NfsFh3 handle) {
        directories.putIfAbsent(path, handle);
    }

    /** The handle of the directory {@code path} lies in: made before anything inside it was handed over. */
    private CompletionStage<NfsFh3> parent(String path) {
        NfsFh3 dir = directories.get(parentPath(path));
        if (dir == null) {
            return CompletableFuture.failedFuture(IoError.at(Errno.ENOENT, what + ": " + path, -1,
                    "its directory could not be made at the target (ENOENT)").raise());
        }
        return CompletableFuture.completedFuture(dir);
    }

    static String parentPath(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    void check(DirOpRes3 res, String op) {
        if (res.status != Nfs3.NFS3_OK) {
            throw IoError.status(NfsStatus.of(res.status), what + ": " + op, -1).raise();
        }
    }
}
