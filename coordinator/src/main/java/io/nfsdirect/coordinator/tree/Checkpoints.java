package io.nfsdirect.coordinator.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How a big file is cut into pieces for a resumable copy: every {@code every} bytes from offset
 * 0, the last piece shorter. Each piece is one direct request, written and made durable before it
 * is journaled, so a copy interrupted mid-file resumes with the pieces it lacks. A file of at most
 * {@code every} bytes is one piece. The pieces go one after another: the cost is one drain of the
 * request's window per piece, small against a piece of many chunks.
 */
public final class Checkpoints {

    /** One piece of a file: {@code [offset, offset + length)}. */
    public record Piece(long offset, long length) {
    }

    /** Where a file's copy stands: how it is cut, and which of its pieces an earlier run finished. */
    public interface Journal {
        /** The piece size; {@link Long#MAX_VALUE} for a file copied whole. */
        long every();

        /** The pieces finished before: only a piece of the same offset and length is not sent again. */
        Set<Piece> finished();

        /** Records a piece durable in the copy. */
        void finished(Piece piece);
    }

    /** No journal: the file is one piece, copied whole. */
    public static final Journal WHOLE = new Journal() {
        @Override
        public long every() {
            return Long.MAX_VALUE;
        }

        @Override
        public Set<Piece> finished() {
            return Set.of();
        }

        @Override
        public void finished(Piece piece) {
        }
    };

    private Checkpoints() {
    }

    /** The pieces of a file of {@code size} bytes not in {@code finished}, in file order. */
    public static List<Piece> missing(long size, long every, Set<Piece> finished) {
        if (every < 1) {
            throw new IllegalArgumentException("a piece must be at least one byte: " + every);
        }
        List<Piece> out = new ArrayList<>();
        for (long offset = 0; offset < size; offset += Math.min(every, size - offset)) {
            Piece piece = new Piece(offset, Math.min(every, size - offset));
            if (!finished.contains(piece)) {
                out.add(piece);
            }
            if (size - offset <= every) {
                break;
            }
        }
        return out;
    }

    /** Whether a file of {@code size} bytes is cut at all, so each piece is worth journaling. */
    public static boolean cut(long size, long every) {
        return size > every;
    }
}
