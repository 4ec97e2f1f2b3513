package io.nfsdirect.coordinator.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfsdirect.coordinator.tree.Checkpoints.Piece;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CheckpointsTest {

    @Test
    void aFileIsCutEveryNBytesTheLastPieceShorterAndFinishedPiecesAreLeftOut() {
        assertEquals(List.of(new Piece(0, 10), new Piece(10, 10), new Piece(20, 5)),
                Checkpoints.missing(25, 10, Set.of()));
        assertEquals(List.of(new Piece(10, 10)), Checkpoints.missing(25, 10, Set.of(new Piece(0, 10),
                new Piece(20, 5))));
        assertEquals(List.of(new Piece(0, 20)), Checkpoints.missing(25, 20, Set.of(new Piece(0, 10),
                new Piece(20, 5))), "a piece of another size is not trusted, the same piece is");
        assertEquals(List.of(new Piece(0, 10), new Piece(10, 10)), Checkpoints.missing(20, 10, Set.of()));
        assertEquals(List.of(), Checkpoints.missing(0, 10, Set.of()), "an empty file has no piece");
        assertEquals(List.of(new Piece(0, 25)), Checkpoints.missing(25, Long.MAX_VALUE, Set.of()), "whole");
        assertEquals(List.of(new Piece(0, Long.MAX_VALUE)), Checkpoints.missing(Long.MAX_VALUE, Long.MAX_VALUE,
                Set.of()), "no overflow at the largest size");
        assertTrue(Checkpoints.cut(11, 10));
        assertFalse(Checkpoints.cut(10, 10));
    }
}
