package io.nfsdirect.coordinator.tree;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.api.IoError;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongConsumer;
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

    /**
     * @param copyIsThere whether the result of a journaled file is still where the job put it
     *                    (a local copy of the right size, say); a file whose copy is gone is done again
     */
    public JournaledFiles(FileAction action, TreeJournal journal,
                          Function<TreeEntry, CompletionStage<Boolean>> copyIsThere) {
        this.action = action;
        this.journal = journal;
        this.copyIsThere = copyIsThere;
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
        return action.file(file, requestId, progress).thenApply(result -> {
            try {
                journal.finish(file.path(), file.attributes());
            } catch (IOException e) {
                throw IoError.at(Errno.EIO, "journal " + journal.file(), -1, e.getMessage()).raise();
            }
            return result;
        });
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
