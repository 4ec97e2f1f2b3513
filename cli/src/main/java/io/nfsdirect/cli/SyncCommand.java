package io.nfsdirect.cli;

import io.nfsdirect.coordinator.tree.TreeSync;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Brings a copy of an NFS tree, local or on NFS, up to date, copying only what differs. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Make the directory DST, local or NFS, a copy of the NFS tree SRC (DST itself, made if missing, "
                + "as rsync SRC/ DST), copying only the files that differ: by size and mtime, or with --checksum "
                + "by content. A file whose mode alone differs gets its mode set. Each change is a line on stdout, "
                + "'PATH: why: what was done'.",
                "--delete removes what DST has beyond SRC (never what --exclude matches, and nothing at all if any "
                        + "entry failed); --dry-run says what would be done and does nothing."})
final class SyncCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ReadOptions common;

    @Mixin
    ClusterOptions cluster;

    @Mixin
    TreeOptions tree;

    @Mixin
    JsonOption json;

    @Option(names = "--checksum", description = "compare files of equal size by content, not by mtime")
    boolean checksum;

    @Option(names = "--delete", description = "delete entries of DST that SRC does not have")
    boolean delete;

    @Option(names = {"-n", "--dry-run"}, description = "change nothing; say what would be done")
    boolean dryRun;

    @Parameters(index = "0", paramLabel = "SRC", description = "nfs:// URL of a directory")
    String source;

    @Parameters(index = "1", paramLabel = "DST", description = "local directory or nfs:// URL of one")
    String target;

    @Override
    public Integer call() throws Exception {
        common.validate();
        cluster.validate();
        json.refuseStdout(spec.commandLine(), "sync prints each difference on stdout");
        Urls.parse(source);
        if (Urls.isNfs(target)) {
            Urls.parse(target);
        }
        try (NodeSession session = NodeSession.start(common, cluster, spec.commandLine().getErr())) {
            return new TreeComparison(session, common, tree, json, dryRun ? "sync --dry-run" : "sync",
                    spec.commandLine().getOut()).run(source, target, dryRun ? TreeSync.Mode.DRY_RUN
                    : TreeSync.Mode.SYNC, checksum, delete, spec.commandLine());
        }
    }
}
