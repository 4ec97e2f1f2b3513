package io.nfsdirect.coordinator.tree;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.api.IoError;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Runs the pieces of each file copy ({@link Checkpoints}) one after another, each piece its own
 * direct request ({@code ID#OFFSET}: a request's id may still be in use just after it completed),
 * and tells the journal of each piece once it is durable. A cancel of the file's request stops the
 * piece running and starts no other. One per copy action, shared by its files.
 */
final class PieceRuns {

    /** Copies one piece as the request {@code id}; completes with its bytes, durable. */
    interface Copier {
        CompletionStage<Long> copy(String id, Checkpoints.Piece piece);
    }

    /** The piece request each file request runs now, by the file's request id. */
    private final Map<String, String> running = new ConcurrentHashMap<>();
    /** File requests cancelled: no piece of theirs starts after. */
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final Consumer<String> cancelRequest;

    /** @param cancelRequest cancels a direct request by its id */
    PieceRuns(Consumer<String> cancelRequest) {
        this.cancelRequest = cancelRequest;
    }

    /**
     * @param cut     whether the file is cut at all: a whole file is one piece, of the file's own id,
     *                and is not journaled piece by piece
     * @param durable told of each piece of a cut file once it is copied and durable
     * @return the bytes of all the pieces
     */
    CompletionStage<Long> run(String requestId, List<Checkpoints.Piece> pieces, boolean cut,
                              Consumer<Checkpoints.Piece> durable, String what, Copier copier) {
        CompletionStage<Long> all = CompletableFuture.completedFuture(0L);
        for (Checkpoints.Piece piece : pieces) {
            String id = cut ? requestId + "#" + piece.offset() : requestId;
            all = all.thenCompose(sum -> {
                running.put(requestId, id);
                if (cancelled.contains(requestId)) {
                    throw IoError.at(Errno.ECANCELED, what, piece.offset(), "cancelled").raise();
                }
                CompletionStage<Long> copied = copier.copy(id, piece);
                // A cancel that came between the check and the request's start found nothing to stop.
                if (cancelled.contains(requestId)) {
                    cancelRequest.accept(id);
                }
                return copied.thenApply(n -> {
                    if (cut) {
                        durable.accept(piece);
                    }
                    return sum + n;
                });
            });
        }
        // A request cancelled that never ran here (a sync's copy of a file found equal) leaves its
        // id in cancelled: ids are never reused, so that costs a few bytes and nothing else.
        return all.whenComplete((n, failure) -> {
            running.remove(requestId);
            cancelled.remove(requestId);
        });
    }

    /** Cancels the file's request: its piece running now, and every piece after. */
    void cancel(String requestId) {
        cancelled.add(requestId);
        cancelRequest.accept(running.getOrDefault(requestId, requestId));
    }
}
