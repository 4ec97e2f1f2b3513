package io.nfsdirect.coordinator.tree;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.worker.Nfs3Client;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Compares an NFS tree with a local copy of it and, unless it only checks, brings the copy up to
 * date: {@code verify} and {@code sync} (and {@code sync --dry-run}, which says what sync would do).
 * An entry differs by {@link LocalDifferences} and, where asked, by content: the NFS file's SHA-256
 * (read as any sum is) against the local file's. A sync copies a file that differs through
 * {@link LocalCopy}, whole, and leaves one that does not alone. What the copy holds beyond the
 * source is found afterwards by {@link LocalExtras}, from the paths this action saw.
 */
public final class LocalSync implements FileAction {

    /** What the action does about a difference. */
    public enum Mode {
        /** Report it. */
        VERIFY,
        /** Report what a sync would do, and do nothing. */
        DRY_RUN,
        /** Make the copy equal the source. */
        SYNC
    }

    /** One way the copy differs from the source at {@code path}, or what a sync did about it. */
    public record Difference(String path, String what) {
    }

    private final Mode mode;
    private final boolean content;
    private final LocalCopy copy;
    private final DigestFiles digests;
    private final Path target;
    private final Executor blocking;
    private final Consumer<Difference> report;
    private final String what;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    /**
     * @param content  compare content digests, for files of equal size ({@code verify} by default,
     *                 {@code sync --checksum}); else size and mtime decide
     * @param blocking where local files are read for their digests
     * @param report   told of each difference, from any thread
     */
    public LocalSync(Mode mode, boolean content, LocalCopy copy, DigestFiles digests, Path target, Executor blocking,
                     Consumer<Difference> report, String what) {
        this.mode = mode;
        this.content = content;
        this.copy = copy;
        this.digests = digests;
        this.target = target.toAbsolutePath().normalize();
        this.blocking = blocking;
        this.report = report;
        this.what = what;
    }

    /** Every path below the root the source has, as far as the job got: what {@link LocalExtras} keeps. */
    public Set<String> seen() {
        return seen;
    }

    @Override
    public boolean copiesHardLinksOnce() {
        return true;
    }

    @Override
    public CompletionStage<Void> directory(TreeEntry directory) {
        seen.add(directory.path());
        PosixFileAttributes local = attributes(directory.path());
        List<String> differences = local == null ? List.of("missing here") : LocalDifferences.of(directory.attributes(), local);
        // A directory's mtime changes with what is written inside it: sync sets it at the end
        // anyway, so only its absence or its type is worth a line.
        boolean mtimeOnly = differences.stream().allMatch(d -> d.startsWith("mtime "));
        if (mode == Mode.VERIFY || (!differences.isEmpty() && !(mode == Mode.SYNC && mtimeOnly))) {
            differences.forEach(d -> differ(directory.path(), d));
        }
        if (mode != Mode.SYNC) {
            return CompletableFuture.completedFuture(null);
        }
        if (local != null && !local.isDirectory()) {
            return failed(directory.path(), "a " + LocalDifferences.type(local) + " is in the way of a directory");
        }
        return copy.directory(directory);
    }

    @Override
    public CompletionStage<Void> symlink(TreeEntry link) {
        seen.add(link.path());
        Path path = copy.local(link.path());
        return copy.readlink(link).thenCompose(text -> {
            String here = null;
            try {
                if (Files.isSymbolicLink(path)) {
                    here = Files.readSymbolicLink(path).toString();
                }
            } catch (IOException e) {
                here = null;
            }
            if (text.equals(here)) {
                return CompletableFuture.completedFuture(null);
            }
            differ(link.path(), here == null ? (Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                    ? "not a symlink here" : "missing here") : "symlink to " + text + " here to " + here);
            return mode == Mode.SYNC ? copy.symlink(link) : CompletableFuture.completedFuture(null);
        });
    }

    @Override
    public CompletionStage<FileResult> file(TreeEntry file, String requestId, LongConsumer progress) {
        seen.add(file.path());
        PosixFileAttributes local = attributes(file.path());
        if (local == null) {
            return act(file, "missing here", requestId, progress);
        }
        List<String> differences = LocalDifferences.of(file.attributes(), local);
        boolean sized = differences.stream().noneMatch(d -> d.startsWith("type ") || d.startsWith("size "));
        if (mode == Mode.VERIFY) {
            differences.forEach(d -> differ(file.path(), d));
            if (!content || !sized) {
                return CompletableFuture.completedFuture(new FileResult(0, null, differences.isEmpty()));
            }
            return sameContent(file, requestId, progress).thenApply(same -> {
                if (!same) {
                    differ(file.path(), "content differs");
                }
                return new FileResult(file.attributes().size, null, same && differences.isEmpty());
            });
        }
        if (!content && LocalDifferences.sameSizeAndMtime(file.attributes(), local)) {
            return modeOnly(file, differences);
        }
        if (content && sized) {
            return sameContent(file, requestId, progress).thenCompose(same -> same ? modeOnly(file, differences)
                    : act(file, "content differs", requestId, progress));
        }
        return act(file, String.join(", ", differences), requestId, progress);
    }

    /** Size, mtime and content agree: at most the mode is set, and the file counts as unchanged. */
    private CompletionStage<FileResult> modeOnly(TreeEntry file, List<String> differences) {
        List<String> modes = differences.stream().filter(d -> d.startsWith("mode ")).toList();
        if (!modes.isEmpty()) {
            differ(file.path(), modes.get(0) + (mode == Mode.SYNC ? ": set" : ""));
            if (mode == Mode.SYNC) {
                try {
                    Files.setPosixFilePermissions(copy.local(file.path()),
                            LocalCopy.permissions(file.attributes().mode));
                } catch (IOException e) {
                    return failed(file.path(), e.getMessage());
                }
            }
        }
        return CompletableFuture.completedFuture(FileResult.unchanged(0));
    }

    /** The file differs by {@code why}: copied by a sync, named by a dry run. */
    private CompletionStage<FileResult> act(TreeEntry file, String why, String requestId, LongConsumer progress) {
        if (mode != Mode.SYNC) {
            differ(file.path(), why + (mode == Mode.DRY_RUN ? ": would copy" : ""));
            return CompletableFuture.completedFuture(new FileResult(0, null, false));
        }
        differ(file.path(), why + ": copied");
        return copy.file(file, requestId, progress);
    }

    private CompletionStage<Boolean> sameContent(TreeEntry file, String requestId, LongConsumer progress) {
        CompletableFuture<byte[]> here = CompletableFuture.supplyAsync(() -> localSha256(file.path()), blocking);
        return digests.file(file, requestId, progress)
                .thenCombine(here, (there, mine) -> Arrays.equals(there.sha256(), mine));
    }

    private byte[] localSha256(String relative) {
        MessageDigest digest = DigestFiles.sha256();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(copy.local(relative))) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw IoError.at(Errno.EIO, what + ": reading " + copy.local(relative), -1, e.getMessage()).raise();
        }
        return digest.digest();
    }

    @Override
    public void cancel(String requestId) {
        copy.cancel(requestId);
    }

    @Override
    public CompletionStage<Void> finish() {
        return mode == Mode.SYNC ? copy.finish() : CompletableFuture.completedFuture(null);
    }

    private void differ(String path, String difference) {
        report.accept(new Difference(path, difference));
    }

    private PosixFileAttributes attributes(String relative) {
        try {
            return Files.readAttributes(copy.local(relative), PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw IoError.at(Errno.EIO, what + ": " + copy.local(relative), -1, e.getMessage()).raise();
        }
    }

    private <T> CompletionStage<T> failed(String path, String cause) {
        return CompletableFuture.failedFuture(IoError.at(Errno.EEXIST, what + ": " + copy.local(path), -1, cause)
                .raise());
    }
}
