package io.nfsdirect.coordinator.tree;

import java.util.concurrent.CompletionStage;
import java.util.function.LongConsumer;

/**
 * What a {@link TreeJob} does with each entry of the tree: sum it, copy it somewhere. The job
 * decides the order and how much runs at once; an action only does one entry's work and says how
 * it went. Each stage may complete on any thread; a failed stage fails that entry only, and its
 * cause should be an {@link io.nfsdirect.protocol.api.IoError.Raised} or an
 * {@link io.nfsdirect.protocol.NfsException} naming the entry.
 */
public interface FileAction {

    /**
     * What one regular file came to: its bytes, its SHA-256 when the action computes one, and
     * whether it was already as it should be (a sync that found nothing to copy).
     */
    record FileResult(long bytes, byte[] sha256, boolean unchanged) {
        public FileResult(long bytes, byte[] sha256) {
            this(bytes, sha256, false);
        }

        public static FileResult unchanged(long bytes) {
            return new FileResult(bytes, null, true);
        }
    }

    /**
     * Makes a directory exist at the target before any entry inside it is handed over. Its mode
     * and mtime wait for {@link #finish}: writing inside would change the mtime again.
     */
    CompletionStage<Void> directory(TreeEntry directory);

    /**
     * One regular file's whole work, as the direct request {@code requestId} (a cancel names it).
     *
     * @param progress told of each piece of the file done, in bytes, from any thread
     */
    CompletionStage<FileResult> file(TreeEntry file, String requestId, LongConsumer progress);

    /**
     * The same, resumable piece by piece where the action can: each piece of {@code checkpoints}'
     * size is journaled through it once durable, and the pieces it has as finished are not sent
     * again. An action that cannot copies the file whole.
     */
    default CompletionStage<FileResult> file(TreeEntry file, String requestId, LongConsumer progress,
                                             Checkpoints.Journal checkpoints) {
        return file(file, requestId, progress);
    }

    /** A symlink, recreated as a link with the same text; never followed. */
    CompletionStage<Void> symlink(TreeEntry link);

    /**
     * Whether a file with several names is done once, under the first name found, and its other
     * names reported as skipped: a copy does (it would otherwise turn one file into several); a
     * sum does not (each name is a line of the manifest).
     */
    default boolean copiesHardLinksOnce() {
        return false;
    }

    /** Stops the file request {@code requestId}; its stage then fails with ECANCELED. */
    void cancel(String requestId);

    /** After the last entry: what waits for the end, such as directories' modes and mtimes. */
    CompletionStage<Void> finish();
}
