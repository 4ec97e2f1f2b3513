package io.nfsdirect.coordinator.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfsdirect.protocol.nfs3.Fattr3;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsTime3;
import io.nfsdirect.protocol.nfs3.Specdata3;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a resumed job trusts of its journal, and what it does not. */
class TreeJournalTest {

    @TempDir
    Path dir;

    private static Fattr3 file(long size, int seconds, int nanos) {
        return new Fattr3(Nfs3.NF3REG, 0644, 1, 0, 0, size, size, new Specdata3(), 1, 2, new NfsTime3(),
                new NfsTime3(seconds, nanos), new NfsTime3());
    }

    @Test
    void aFinishedFileIsTrustedOnlyWhileItsSourceIsUnchanged() throws IOException {
        try (TreeJournal j = TreeJournal.start(dir, "cp -r a b")) {
            j.finish("x/odd\nname\\", file(10, 100, 5));
            j.finish("y", file(20, 200, 0));
        }
        try (TreeJournal j = TreeJournal.resume(dir, "cp -r a b")) {
            assertTrue(j.finished("x/odd\nname\\", file(10, 100, 5)));
            assertFalse(j.finished("y", file(21, 200, 0)), "the source grew");
            assertFalse(j.finished("y", file(20, 200, 1)), "the source was written again");
            assertFalse(j.finished("z", file(1, 1, 1)), "never finished");
            assertEquals(1, j.resumedFiles());
        }
    }

    @Test
    void aTornLastLineIsDoneAgainAndAnotherJobsJournalIsRefused() throws IOException {
        try (TreeJournal j = TreeJournal.start(dir, "cp -r a b")) {
            j.finish("whole", file(10, 100, 0));
        }
        Files.writeString(dir.resolve(TreeJournal.FILE), "done 1x", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (TreeJournal j = TreeJournal.resume(dir, "cp -r a b")) {
            assertTrue(j.finished("whole", file(10, 100, 0)));
        }
        IOException other = assertThrows(IOException.class, () -> TreeJournal.resume(dir, "cp -r a c"));
        assertTrue(other.getMessage().contains("another job"), other.getMessage());
        IOException none = assertThrows(IOException.class, () -> TreeJournal.resume(dir.resolve("nope"), "x"));
        assertTrue(none.getMessage().contains("no job to resume"), none.getMessage());
    }

    @Test
    void piecesAreTrustedForTheSourceTheyWereCopiedFromUntilTheFileIsFinished() throws IOException {
        Fattr3 big = file(30, 100, 0);
        try (TreeJournal j = TreeJournal.start(dir, "cp -r a b")) {
            j.piece("big", big, 0, 10);
            j.piece("big", big, 20, 10);
            j.piece("changed", file(30, 100, 0), 0, 10);
            j.piece("changed", file(30, 101, 0), 10, 10);
            j.piece("done", big, 0, 10);
            j.finish("done", big);
        }
        Files.writeString(dir.resolve(TreeJournal.FILE), "piece 30 100.0 10 1", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        try (TreeJournal j = TreeJournal.resume(dir, "cp -r a b")) {
            assertEquals(java.util.Set.of(new Checkpoints.Piece(0, 10), new Checkpoints.Piece(20, 10)),
                    j.pieces("big", big), "a torn piece line is not trusted");
            assertEquals(java.util.Set.of(), j.pieces("big", file(31, 100, 0)), "the source grew: nothing kept");
            assertEquals(java.util.Set.of(new Checkpoints.Piece(10, 10)), j.pieces("changed", file(30, 101, 0)),
                    "only the pieces of the source's last state");
            assertEquals(java.util.Set.of(), j.pieces("done", big), "a finished file has no pieces left");
        }
    }
}
