package io.nfsdirect.coordinator.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExtraPathsTest {

    @Test
    void whatTheSourceSawIsNotExtraNorIsAnythingAtOrBelowAFailure() {
        Set<String> seen = Set.of("a", "a/b", "unread");
        Set<String> failed = Set.of("unread", "a/denied");
        assertFalse(ExtraPaths.isExtra("a/b", seen, failed));
        assertTrue(ExtraPaths.isExtra("a/c", seen, failed));
        assertTrue(ExtraPaths.isExtra("gone/x", seen, failed));
        assertFalse(ExtraPaths.isExtra("unread/inside/f", seen, failed), "below a failure: unknown, not extra");
        assertFalse(ExtraPaths.isExtra("a/denied", seen, failed));
        assertTrue(ExtraPaths.isExtra("a/denied-not", seen, failed), "a name that only starts like a failure");
        assertFalse(ExtraPaths.isExtra("anything", Set.of(), Set.of("")), "the root failed: nothing is known");
    }

    @Test
    void deepestFirstPutsEveryChildBeforeItsDirectory() {
        List<String> paths = new ArrayList<>(List.of("gone", "gone/x", "gone-too", "gone/x/y", "a", "gone/x/y/z"));
        paths.sort(ExtraPaths.DEEPEST_FIRST);
        for (String p : paths) {
            for (String q : paths) {
                if (q.startsWith(p + "/")) {
                    assertTrue(paths.indexOf(q) < paths.indexOf(p), q + " before " + p + " in " + paths);
                }
            }
        }
        assertEquals(6, paths.size());
    }

    @Test
    void theAncestorsOfAPathAreItsDirectoriesBelowTheRoot() {
        assertEquals(List.of("a/b", "a"), ExtraPaths.ancestors("a/b/c"));
        assertEquals(List.of(), ExtraPaths.ancestors("top"));
    }
}
