package io.nfsdirect.coordinator.tree;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.protocol.nfs3.Fattr3;
import io.nfsdirect.protocol.nfs3.Nfs3;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Compares an NFS tree with a copy of it, local or on NFS ({@link SyncTarget}), and, unless it
 * only checks, brings the copy up to date: {@code verify} and {@code sync} (and
 * {@code sync --dry-run}, which says what sync would do). An entry differs by
 * {@link CopyDifferences} and, where asked, by content: the source file's SHA-256 (read as any sum
 * is) against the copy's. A sync copies a file that differs through the target's copy action,
 * whole, and leaves one that does not alone. What the copy holds beyond the source is found
 * afterwards, from the paths this action saw.
 */
public final class TreeSync implements FileAction {

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
    private final CopySource source;
    private final DigestFiles digests;
    private final SyncTarget target;
    private final Consumer<Difference> report;
    private final String what;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    /**
     * @param content compare content digests, for files of equal size ({@code verify} by default,
     *                {@code sync --checksum}); else size and mtime decide
     * @param source  the source tree, for its links' text
     * @param digests the source files' digests
     * @param report  told of each difference, from any thread
     */
    public TreeSync(Mode mode, boolean content, CopySource source, DigestFiles digests, SyncTarget target,
                    Consumer<Difference> report, String what) {
        this.mode = mode;
        this.content = content;
        this.source = source;
        this.digests = digests;
        this.target = target;
        this.report = report;
        this.what = what;
    }

    /** Every path below the root the source has, as far as the job got: what is not extra in the copy. */
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
        return target.attributes(directory.path()).thenCompose(copy -> {
            List<String> differences = copy == null ? List.of("missing here")
                    : CopyDifferences.of(directory.attributes(), copy);
            // A directory's mtime changes with what is written inside it: sync sets it at the end
            // anyway, so only its absence or its type is worth a line.
            boolean mtimeOnly = differences.stream().allMatch(d -> d.startsWith("mtime "));
            if (mode == Mode.VERIFY || (!differences.isEmpty() && !(mode == Mode.SYNC && mtimeOnly))) {
                differences.forEach(d -> differ(directory.path(), d));
            }
            if (mode != Mode.SYNC) {
                return CompletableFuture.completedFuture(null);
            }
            if (copy != null && copy.type != Nfs3.NF3DIR) {
                return failed(directory.path(), "a " + CopyDifferences.type(copy.type)
                        + " is in the way of a directory");
            }
            return target.copy().directory(directory);
        });
    }

    @Override
    public CompletionStage<Void> symlink(TreeEntry link) {
        seen.add(link.path());
        return source.linkText(link, what).thenCompose(text -> target.attributes(link.path()).thenCompose(copy -> {
            if (copy == null) {
                return CompletableFuture.completedFuture("missing here");
            }
            if (copy.type != Nfs3.NF3LNK) {
                return CompletableFuture.completedFuture("not a symlink here");
            }
            return target.linkText(link.path()).thenApply(here -> text.equals(here) ? null
                    : "symlink to " + text + " here to " + here);
        })).thenCompose(difference -> {
            if (difference == null) {
                return CompletableFuture.completedFuture(null);
            }
            differ(link.path(), difference);
            return mode == Mode.SYNC ? target.copy().symlink(link) : CompletableFuture.completedFuture(null);
        });
    }

    @Override
    public CompletionStage<FileResult> file(TreeEntry file, String requestId, LongConsumer progress) {
        seen.add(file.path());
        return target.attributes(file.path()).thenCompose(copy -> copy == null
                ? act(file, "missing here", requestId, progress)
                : compare(file, copy, requestId, progress));
    }

    private CompletionStage<FileResult> compare(TreeEntry file, Fattr3 copy, String requestId, LongConsumer progress) {
        List<String> differences = CopyDifferences.of(file.attributes(), copy);
        boolean sized = differences.stream().noneMatch(d -> d.startsWith("type ") || d.startsWith("size "));
        if (mode == Mode.VERIFY) {
            differences.forEach(d -> differ(file.path(), d));
            if (!content || !sized) {
                return CompletableFuture.completedFuture(new FileResult(0, null, differences.isEmpty()));
            }
            return sameContent(file, copy, requestId, progress).thenApply(same -> {
                if (!same) {
                    differ(file.path(), "content differs");
                }
                return new FileResult(file.attributes().size, null, same && differences.isEmpty());
            });
        }
        if (!content && CopyDifferences.sameSizeAndMtime(file.attributes(), copy)) {
            return modeOnly(file, differences);
        }
        if (content && sized) {
            return sameContent(file, copy, requestId, progress).thenCompose(same -> same ? modeOnly(file, differences)
                    : act(file, "content differs", requestId, progress));
        }
        return act(file, String.join(", ", differences), requestId, progress);
    }

    /** Size, mtime and content agree: at most the mode is set, and the file counts as unchanged. */
    private CompletionStage<FileResult> modeOnly(TreeEntry file, List<String> differences) {
        List<String> modes = differences.stream().filter(d -> d.startsWith("mode ")).toList();
        if (modes.isEmpty()) {
            return CompletableFuture.completedFuture(FileResult.unchanged(0));
        }
        differ(file.path(), modes.get(0) + (mode == Mode.SYNC ? ": set" : ""));
        CompletionStage<Void> set = mode == Mode.SYNC ? target.setMode(file.path(), file.attributes().mode)
                : CompletableFuture.completedFuture(null);
        return set.thenApply(done -> FileResult.unchanged(0));
    }

    /** The file differs by {@code why}: copied by a sync, named by a dry run. */
    private CompletionStage<FileResult> act(TreeEntry file, String why, String requestId, LongConsumer progress) {
        if (mode != Mode.SYNC) {
            differ(file.path(), why + (mode == Mode.DRY_RUN ? ": would copy" : ""));
            return CompletableFuture.completedFuture(new FileResult(0, null, false));
        }
        differ(file.path(), why + ": copied");
        return target.copy().file(file, writeRequest(requestId), progress);
    }

    private CompletionStage<Boolean> sameContent(TreeEntry file, Fattr3 copy, String requestId, LongConsumer progress) {
        return digests.file(file, requestId, progress).thenCombine(target.sha256(file.path(), copy,
                copyRequest(requestId)), (there, here) -> Arrays.equals(there.sha256(), here));
    }

    /** The request of the copy's digest beside the source's {@code requestId}: a cancel stops both. */
    private static String copyRequest(String requestId) {
        return requestId + "-copy";
    }

    /**
     * The request that copies a file after its digest was read as {@code requestId}: an id of its
     * own, since the digest's may still be in use just after it completed.
     */
    private static String writeRequest(String requestId) {
        return requestId + "-write";
    }

    @Override
    public void cancel(String requestId) {
        digests.cancel(requestId);
        target.cancel(copyRequest(requestId));
        target.copy().cancel(writeRequest(requestId));
    }

    @Override
    public CompletionStage<Void> finish() {
        return mode == Mode.SYNC ? target.copy().finish() : CompletableFuture.completedFuture(null);
    }

    private void differ(String path, String difference) {
        report.accept(new Difference(path, difference));
    }

    private <T> CompletionStage<T> failed(String path, String cause) {
        return CompletableFuture.failedFuture(IoError.at(Errno.EEXIST, what + ": " + target.where(path), -1, cause)
                .raise());
    }
}
