package io.nfsdirect.coordinator.tree;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which entries of a tree a job takes, from {@code --exclude} and {@code --include} globs. A glob
 * without a {@code /} is matched against an entry's name, one with a {@code /} against its path
 * relative to the root (rsync's rule). An include wins over an exclude, so
 * {@code --exclude '*.tmp' --include keep.tmp} keeps {@code keep.tmp}. Filers' snapshot
 * directories ({@code .snapshot}, {@code .zfs}) are skipped unless asked for: walking them
 * would copy every snapshot of the tree.
 */
public final class TreeFilter {

    /** The directories a filer or ZFS shows with read-only snapshots of the tree. */
    public static final Set<String> SNAPSHOT_DIRECTORIES = Set.of(".snapshot", ".zfs");

    private record Glob(String text, PathMatcher matcher, boolean wholePath) {
        boolean matches(String path, String name) {
            return matcher.matches(Path.of(wholePath ? path : name));
        }
    }

    private final List<Glob> excludes;
    private final List<Glob> includes;
    private final boolean skipSnapshots;

    private TreeFilter(List<Glob> excludes, List<Glob> includes, boolean skipSnapshots) {
        this.excludes = excludes;
        this.includes = includes;
        this.skipSnapshots = skipSnapshots;
    }

    /** Everything but the snapshot directories. */
    public static TreeFilter defaults() {
        return of(List.of(), List.of(), true);
    }

    /** @throws IllegalArgumentException naming the glob that does not parse */
    public static TreeFilter of(List<String> excludes, List<String> includes, boolean skipSnapshots) {
        return new TreeFilter(globs(excludes), globs(includes), skipSnapshots);
    }

    /**
     * Why the entry at {@code path} (relative to the root, {@code /}-separated) is left out, or
     * null when the job takes it. A directory left out is not walked.
     */
    public String skipReason(String path, boolean directory) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        for (Glob g : includes) {
            if (g.matches(path, name)) {
                return null;
            }
        }
        for (Glob g : excludes) {
            if (g.matches(path, name)) {
                return "excluded by --exclude " + g.text();
            }
        }
        if (skipSnapshots && directory && SNAPSHOT_DIRECTORIES.contains(name)) {
            return "a snapshot directory";
        }
        return null;
    }

    private static List<Glob> globs(List<String> texts) {
        List<Glob> out = new ArrayList<>();
        for (String t : texts) {
            try {
                out.add(new Glob(t, FileSystems.getDefault().getPathMatcher("glob:" + t), t.contains("/")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad glob '" + t + "': " + e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }
}
