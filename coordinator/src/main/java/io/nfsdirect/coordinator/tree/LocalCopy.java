package io.nfsdirect.coordinator.tree;

import io.nfsdirect.coordinator.DirectIoClient;
import io.nfsdirect.coordinator.sink.PositionalFileSink;
import io.nfsdirect.coordinator.sink.SinkHandle;
import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.NfsUrl;
import io.nfsdirect.protocol.api.IoCompletion;
import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.protocol.api.Sink;
import io.nfsdirect.protocol.nfs3.Fattr3;
import io.nfsdirect.worker.LocalChannels;
import io.nfsdirect.worker.Nfs3Client;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Copies a tree from NFS into a local directory. Each file is read into {@code NAME.part} beside
 * its final name and renamed once every byte is there, so no file under its own name is ever
 * incomplete; its mode and mtime are set after the data. Directories are made as they are found,
 * and get their modes and mtimes at the end, deepest first, since writing inside one changes its
 * mtime. Symlinks are made with the text READLINK gave, never followed.
 *
 * <p>On a node with its own worker the worker writes each chunk into the file itself; in a
 * cluster the chunks come to a {@link PositionalFileSink} on this node.
 */
public final class LocalCopy implements FileAction {

    /** Suffix of a file being copied; see the class comment. */
    public static final String PART = ".part";

    private record Later(Path path, Fattr3 attributes) {
    }

    private final ActorSystem<?> system;
    private final DirectIoClient client;
    private final Nfs3Client source;
    private final NfsUrl root;
    private final Fattr3 rootAttributes;
    private final Path target;
    private final IoOptions io;
    private final boolean ownWorker;
    private final String what;
    private final PieceRuns pieces;
    /** Directories in the order found, parents first; see the class comment. */
    private final List<Later> directories = new ArrayList<>();

    /**
     * @param source    the client the scan uses, for READLINK
     * @param target    the local directory that becomes the copy of {@code root}; made if missing
     * @param ownWorker the requests run on this node's own worker, which may write the file itself
     * @param what      the job's name, for error lines
     */
    public LocalCopy(ActorSystem<?> system, DirectIoClient client, Nfs3Client source, NfsUrl root,
                     Fattr3 rootAttributes, Path target, IoOptions io, boolean ownWorker, String what) {
        this.system = system;
        this.client = client;
        this.source = source;
        this.root = root;
        this.rootAttributes = rootAttributes;
        this.target = target.toAbsolutePath().normalize();
        this.io = io;
        this.ownWorker = ownWorker;
        this.what = what;
        this.pieces = new PieceRuns(client::cancel);
    }

    @Override
    public boolean copiesHardLinksOnce() {
        return true;
    }

    /** Makes the root of the copy; call before the job starts. */
    public void prepare() throws IOException {
        Files.createDirectories(target);
    }

    @Override
    public CompletionStage<Void> directory(TreeEntry directory) {
        Path dir = local(directory.path());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return failed(e, directory.path());
        }
        synchronized (directories) {
            directories.add(new Later(dir, directory.attributes()));
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> symlink(TreeEntry link) {
        Path path = local(link.path());
        return CopySource.nfs(source, root).linkText(link, what).thenAccept(text -> {
            try {
                if (Files.isSymbolicLink(path)) {
                    Files.delete(path);
                }
                Files.createSymbolicLink(path, Path.of(text));
                setTimes(path, link.attributes(), LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                throw raised(e, link.path());
            }
        });
    }

    @Override
    public CompletionStage<FileResult> file(TreeEntry file, String requestId, LongConsumer progress) {
        return file(file, requestId, progress, Checkpoints.WHOLE);
    }

    /**
     * Copies the file into {@code NAME.part}, piece by piece when {@code checkpoints} cuts it:
     * each piece is forced to the disk before it is journaled, and the pieces a journal has as
     * finished are kept from the part file an earlier run left (without it they are copied again).
     * A failed copy deletes its part file, unless journaled pieces are in it: the next run resumes
     * from them.
     */
    @Override
    public CompletionStage<FileResult> file(TreeEntry file, String requestId, LongConsumer progress,
                                            Checkpoints.Journal checkpoints) {
        Path path = local(file.path());
        Path part = path.resolveSibling(path.getFileName() + PART);
        long size = file.attributes().size;
        boolean cut = Checkpoints.cut(size, checkpoints.every());
        Set<Checkpoints.Piece> kept = cut && Files.isRegularFile(part, LinkOption.NOFOLLOW_LINKS) ? checkpoints.finished() : Set.of();
        FileChannel channel;
        try {
            channel = kept.isEmpty() ? FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING) : FileChannel.open(part, StandardOpenOption.WRITE);
        } catch (IOException e) {
            return failed(e, file.path());
        }
        String url = root.child(file.path()).toString();
        AtomicBoolean journaled = new AtomicBoolean(!kept.isEmpty());
        CompletionStage<Long> copied = pieces.run(requestId, Checkpoints.missing(size, checkpoints.every(), kept), cut,
                piece -> {
                    checkpoints.finished(piece);
                    journaled.set(true);
                }, what + ": " + file.path(), (id, piece) -> copyPiece(id, url, channel, part, piece, progress)
                        .thenApply(n -> {
                            if (cut) {
                                force(channel, file.path());
                            }
                            return n;
                        }));
        return copied.handle((bytes, failure) -> {
            try {
                channel.close();
                if (failure != null) {
                    if (!journaled.get()) {
                        Files.deleteIfExists(part);
                    }
                    Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause()
                            != null ? failure.getCause() : failure;
                    throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
                }
                Files.move(part, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                setModeAndTimes(path, file.attributes());
                return new FileResult(bytes, null);
            } catch (IOException e) {
                throw raised(e, file.path());
            }
        });
    }

    /** One piece of the file read into its place in the part file, as the request {@code id}. */
    private CompletionStage<Long> copyPiece(String id, String url, FileChannel channel, Path part,
                                            Checkpoints.Piece piece, LongConsumer progress) {
        if (ownWorker) {
            LocalChannels.Registration local = LocalChannels.get(system).register(channel, part.toString());
            return client.read(id, url, piece.offset(), piece.length(), new Sink.LocalFile(local.name(), piece.offset()),
                            io)
                    .whenComplete((c, failure) -> local.close())
                    .thenCompose(c -> c.error() != null ? CompletableFuture.failedFuture(c.error().raise())
                            : CompletableFuture.completedFuture(counted(c, progress)));
        }
        SinkHandle sink = PositionalFileSink.spawn(system, channel, piece.offset(), piece.offset() + piece.length(),
                piece.offset(), progress);
        sink.result().whenComplete((r, failure) -> {
            if (failure != null) {
                client.cancel(id);
            }
        });
        return client.read(id, url, piece.offset(), piece.length(), sink.asStreamSink(), io)
                .thenCompose(c -> DigestFiles.settled(c, sink, url))
                .whenComplete((r, failure) -> sink.stop());
    }

    /** A piece is journaled only once its bytes would survive the machine, not just the process. */
    private void force(FileChannel channel, String relative) {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw raised(e, relative);
        }
    }

    /** Whether {@code file}'s copy is there under its own name, as long as the source: what a resume trusts. */
    public boolean hasCopy(TreeEntry file) {
        Path path = local(file.path());
        try {
            return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && Files.size(path) == file.attributes().size;
        } catch (IOException e) {
            return false;
        }
    }

    private static long counted(IoCompletion c, LongConsumer progress) {
        progress.accept(c.bytes());
        return c.bytes();
    }

    @Override
    public void cancel(String requestId) {
        pieces.cancel(requestId);
    }

    @Override
    public CompletionStage<Void> finish() {
        List<Later> all;
        synchronized (directories) {
            all = new ArrayList<>(directories);
        }
        try {
            for (int i = all.size() - 1; i >= 0; i--) {
                setModeAndTimes(all.get(i).path(), all.get(i).attributes());
            }
            if (rootAttributes != null) {
                setModeAndTimes(target, rootAttributes);
            }
        } catch (IOException e) {
            return failed(e, "");
        }
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Where {@code relative} lands under the target. A name the server gave is never a way out:
     * one that is empty, "." or "..", or holds a '/', fails the entry.
     */
    Path local(String relative) {
        Path path = target;
        for (String name : relative.split("/", -1)) {
            if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0) {
                throw IoError.at(Errno.EINVAL, what + ": " + relative, -1,
                        "the server named an entry '" + name + "', which cannot be a file name here").raise();
            }
            path = path.resolve(name);
        }
        return path;
    }

    private static void setModeAndTimes(Path path, Fattr3 attributes) throws IOException {
        Files.setPosixFilePermissions(path, permissions(attributes.mode));
        setTimes(path, attributes);
    }

    private static void setTimes(Path path, Fattr3 attributes, LinkOption... options) throws IOException {
        FileTime mtime = FileTime.from(Instant.ofEpochSecond(Integer.toUnsignedLong(attributes.mtime.seconds),
                attributes.mtime.nseconds));
        Files.getFileAttributeView(path, BasicFileAttributeView.class, options).setTimes(mtime, null, null);
    }

    /** The rwx bits of an NFS mode; set-id and sticky bits are not given to a local copy. */
    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
        for (int i = 0; i < 9; i++) {
            if ((mode & (0400 >> i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }

    private <T> CompletionStage<T> failed(IOException e, String relative) {
        return CompletableFuture.failedFuture(raised(e, relative));
    }

    private IoError.Raised raised(IOException e, String relative) {
        String where = relative.isEmpty() ? target.toString() : target.resolve(relative).toString();
        return LocalErrors.raised(e, what + ": writing " + where);
    }
}
