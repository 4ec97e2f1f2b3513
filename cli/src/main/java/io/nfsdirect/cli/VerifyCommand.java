package io.nfsdirect.cli;

import io.nfsdirect.coordinator.tree.TreeSync;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** An NFS tree against a copy, local or on NFS: every difference named, exit 1 if there is one. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Compare the NFS tree SRC with the directory DST, local or NFS, entry by entry: type, size, mode (rwx), "
                + "mtime (to the second) and, unless --no-data, the SHA-256 of each file of equal size (both NFS "
                + "sides read with parallel direct READs). Each difference is a line on stdout, 'PATH: what', and an entry DST "
                + "has and SRC does not is 'PATH: extra here'. Exit status 1 if any was found or anything failed.",
                "Directories' mtimes are compared too: a copy made by cp -r or sync keeps them."})
final class VerifyCommand implements Callable<Integer> {

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

    @Option(names = "--no-data", description = "compare metadata only, not content")
    boolean noData;

    @Parameters(index = "0", paramLabel = "SRC", description = "nfs:// URL of a directory")
    String source;

    @Parameters(index = "1", paramLabel = "DST", description = "local directory or nfs:// URL of one")
    String target;

    @Override
    public Integer call() throws Exception {
        common.validate();
        cluster.validate();
        json.refuseStdout(spec.commandLine(), "verify prints each difference on stdout");
        Urls.parse(source);
        if (Urls.isNfs(target)) {
            Urls.parse(target);
        }
        try (NodeSession session = NodeSession.start(common, cluster, spec.commandLine().getErr())) {
            return new TreeComparison(session, common, tree, json, "verify", spec.commandLine().getOut())
                    .run(source, target, TreeSync.Mode.VERIFY, !noData, false, spec.commandLine());
        }
    }
}
