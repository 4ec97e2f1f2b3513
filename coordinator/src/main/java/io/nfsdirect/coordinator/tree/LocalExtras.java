package io.nfsdirect.coordinator.tree;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a local copy holds that its source does not: every entry below the copy's root whose path
 * the source walk never saw, deepest first, so that deleting them in order works. A directory
 * found extra is listed after what it holds, and not looked into further for entries the source
 * might have (it has none). Entries the filter leaves out are never extra: an exclude protects
 * what it matches in the copy too, as with rsync, and so the directories it lies in.
 */
public final class LocalExtras {

    private LocalExtras() {
    }

    /**
     * @param seen    paths relative to the root the source has (and those it skipped)
     * @param unknown paths whose walk failed: nothing at or below them is extra
     * @return paths relative to {@code root}, children before their directory
     */
    public static List<String> find(Path root, Set<String> seen, Set<String> unknown, TreeFilter filter)
            throws IOException {
        List<String> extras = new ArrayList<>();
        if (unknown.contains("")) {
            return extras; // the root itself could not be walked
        }
        Set<String> kept = new HashSet<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            /** The extra directory being walked, if any: everything below it is extra too. */
            private Path extraDirectory;

            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                String rel = relative(dir);
                if (filter.skipReason(rel, true) != null) {
                    kept.addAll(ExtraPaths.ancestors(rel));
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (extraDirectory == null && unknown.contains(rel)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (extraDirectory == null && !seen.contains(rel)) {
                    extraDirectory = dir;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String rel = relative(file);
                if (filter.skipReason(rel, false) != null) {
                    kept.addAll(ExtraPaths.ancestors(rel));
                } else if (extraDirectory != null || (!seen.contains(rel) && !unknown.contains(rel))) {
                    extras.add(rel);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                if (extraDirectory != null) {
                    extras.add(relative(dir));
                    if (dir.equals(extraDirectory)) {
                        extraDirectory = null;
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            private String relative(Path p) {
                return root.relativize(p).toString();
            }
        });
        extras.removeIf(kept::contains);
        return extras;
    }
}
