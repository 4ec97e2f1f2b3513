package io.nfsdirect.coordinator.tree;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.api.IoError;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongConsumer;
import java.util.Set;
import java.util.function.Function;

/**
 * An action whose finished files are kept in a {@link TreeJournal}: a file the journal has as
 * finished, with its source unchanged and its copy still there, is not done again; every other
 * file is done by the action it wraps and then journaled. Directories and links are always done
 * again: that costs an RPC or two, and leaves nothing half-made.
 */
public final class JournaledFiles implements FileAction {

    private final FileAction action;
    private final TreeJournal journal;
    private final Function<TreeEntry, CompletionStage<Boolean>> copyIsThere;
    private final long every;

    /**
     * @param copyIsThere whether the result of a journaled file is still where the job put it
     *                    (a local copy of the right size, say); a file whose copy is gone is done again
     * @param every       a file bigger than this is journaled piece by piece, each piece this big
     */
    public JournaledFiles(FileAction action, TreeJournal journal,
                          Function<TreeEntry, CompletionStage<Boolean>> copyIsThere, long every) {
        this.action = action;
        this.journal = journal;
        this.copyIsThere = copyIsThere;
        this.every = every;
    }

    @Override
    public boolean copiesHardLinksOnce() {
        return action.copiesHardLinksOnce();
    }

    @Override
    public CompletionStage<Void> directory(TreeEntry directory) {
        return action.directory(directory);
    }

    @Override
    public CompletionStage<FileResult> file(TreeEntry file, String requestId, LongConsumer progress) {
        if (!journal.finished(file.path(), file.attributes())) {
            return copyAndJournal(file, requestId, progress);
        }
        return copyIsThere.apply(file).thenCompose(there -> there
                ? CompletableFuture.completedFuture(FileResult.unchanged(0))
                : copyAndJournal(file, requestId, progress));
    }

    private CompletionStage<FileResult> copyAndJournal(TreeEntry file, String requestId, LongConsumer progress) {
        CompletionStage<FileResult> copied = Checkpoints.cut(file.attributes().size, every)
                ? action.file(file, requestId, progress, checkpoints(file))
                : action.file(file, requestId, progress);
        return copied.thenApply(result -> {
            try {
                journal.finish(file.path(), file.attributes());
            } catch (IOException e) {
                throw IoError.at(Errno.EIO, "journal " + journal.file(), -1, e.getMessage()).raise();
            }
            return result;
        });
    }

    /** {@code file}'s pieces in the journal: those an earlier run finished, and each one this run does. */
    private Checkpoints.Journal checkpoints(TreeEntry file) {
        Set<Checkpoints.Piece> finished = journal.pieces(file.path(), file.attributes());
        return new Checkpoints.Journal() {
            @Override
            public long every() {
                return every;
            }

            @Override
            public Set<Checkpoints.Piece> finished() {
                return finished;
            }

            @Override
            public void finished(Checkpoints.Piece piece) {
                try {
                    journal.piece(file.path(), file.attributes(), piece.offset(), piece.length());
                } catch (IOException e) {
                    throw IoError.at(Errno.EIO, "journal " + journal.file(), -1, e.getMessage()).raise();
                }
            }
        };
    }

    @Override
    public CompletionStage<Void> symlink(TreeEntry link) {
        return action.symlink(link);
    }

    @Override
    public void cancel(String requestId) {
        action.cancel(requestId);
    }

    @Override
    public CompletionStage<Void> finish() {
        return action.finish();
    }
}
