package io.nfsdirect.cli;

import io.nfsdirect.coordinator.tree.TreeFilter;
import io.nfsdirect.coordinator.tree.TreeJob;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options of a command that takes a whole tree: {@code -r}, the filters, the file window. */
final class TreeOptions {

    @Option(names = {"-r", "--recursive"}, description = "the whole tree below a directory")
    boolean recursive;

    @Option(names = "--exclude", paramLabel = "GLOB", description = "leave out entries matching GLOB (repeatable): "
            + "against the name, or against the path from the root when GLOB holds a '/'")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--include", paramLabel = "GLOB", description = "take entries matching GLOB even if an "
            + "--exclude matches them (repeatable)")
    List<String> includes = new ArrayList<>();

    @Option(names = "--snapshots", description = "walk .snapshot and .zfs directories too (skipped by default: "
            + "they hold every snapshot of the tree)")
    boolean snapshots;

    @Option(names = "--files", paramLabel = "N", description = "files in flight at once (default: "
            + "${DEFAULT-VALUE}); a big file is still split into chunks over every worker node")
    int files = TreeJob.Settings.DEFAULT.filesInFlight();

    /** @throws CommandLine.ParameterException for a bad glob or window */
    TreeFilter filter(CommandLine cmd) {
        if (files < 1) {
            throw new CommandLine.ParameterException(cmd, "--files must be at least 1: " + files);
        }
        try {
            return TreeFilter.of(excludes, includes, !snapshots);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, e.getMessage());
        }
    }

    /** The job's settings: {@code --files}, and the request's chunk size and window where given. */
    TreeJob.Settings settings(Integer chunkSize, int window) {
        TreeJob.Settings d = TreeJob.Settings.DEFAULT;
        return new TreeJob.Settings(files, Math.max(d.chunksInFlight(), window), chunkSize != null ? chunkSize
                : d.chunkSize(), window, d.scanParallel());
    }

    /** Whether a filter was given, which only a tree can use. */
    boolean filtered() {
        return !excludes.isEmpty() || !includes.isEmpty() || snapshots;
    }
}
