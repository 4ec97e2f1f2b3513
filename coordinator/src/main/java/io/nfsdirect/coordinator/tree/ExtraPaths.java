package io.nfsdirect.coordinator.tree;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Which paths of a copy are extra: the source walk never saw them, and no entry at or above them
 * failed (what lies below a failure is unknown, not extra). Entries a filter leaves out are never
 * extra: an exclude protects what it matches in the copy, as with rsync, and with it every
 * directory above it, which cannot be deleted without it.
 */
final class ExtraPaths {

    /** Children before their directory, so that deleting in this order works. */
    static final Comparator<String> DEEPEST_FIRST = Comparator.reverseOrder();

    private ExtraPaths() {
    }

    /** The directories {@code path} lies in, up to the root's children: those an excluded entry keeps. */
    static List<String> ancestors(String path) {
        List<String> out = new ArrayList<>();
        for (String p = NfsCopy.parentPath(path); !p.isEmpty(); p = NfsCopy.parentPath(p)) {
            out.add(p);
        }
        return out;
    }

    /**
     * @param seen    paths relative to the root the source has (and those it skipped)
     * @param unknown paths whose walk failed; "" for the root
     */
    static boolean isExtra(String path, Set<String> seen, Set<String> unknown) {
        if (seen.contains(path)) {
            return false;
        }
        for (String p = path; ; p = NfsCopy.parentPath(p)) {
            if (unknown.contains(p)) {
                return false;
            }
            if (p.isEmpty()) {
                return true;
            }
        }
    }
}
