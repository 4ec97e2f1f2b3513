package io.nfsdirect.coordinator.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TreeFilterTest {

    @Test
    void snapshotDirectoriesAreSkippedByDefaultAndOnlyDirectories() {
        TreeFilter f = TreeFilter.defaults();
        assertEquals("a snapshot directory", f.skipReason(".snapshot", true));
        assertEquals("a snapshot directory", f.skipReason("a/b/.zfs", true));
        assertNull(f.skipReason("a/.snapshot", false), "a file of that name is data");
        assertNull(f.skipReason("a/snapshot", true));
        assertNull(TreeFilter.of(List.of(), List.of(), false).skipReason(".snapshot", true), "unless asked for");
    }

    @Test
    void aGlobWithoutASlashMatchesNamesAndOneWithASlashMatchesPaths() {
        TreeFilter f = TreeFilter.of(List.of("*.tmp", "logs/*"), List.of(), true);
        assertEquals("excluded by --exclude *.tmp", f.skipReason("deep/in/it/x.tmp", false));
        assertEquals("excluded by --exclude logs/*", f.skipReason("logs/today", false));
        assertNull(f.skipReason("other/logs/today", false), "the path glob is anchored at the root");
        assertNull(f.skipReason("x.tmp.keep", false));
    }

    @Test
    void anIncludeWinsOverAnExclude() {
        TreeFilter f = TreeFilter.of(List.of("*.tmp"), List.of("keep.tmp"), true);
        assertNull(f.skipReason("a/keep.tmp", false));
        assertTrue(f.skipReason("a/drop.tmp", false).contains("*.tmp"));
    }

    @Test
    void aGlobThatDoesNotParseIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TreeFilter.of(List.of("a{b"), List.of(), true));
        assertTrue(e.getMessage().startsWith("bad glob 'a{b'"), e.getMessage());
    }
}
