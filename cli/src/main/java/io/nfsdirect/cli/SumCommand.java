package io.nfsdirect.cli;

import io.nfsdirect.coordinator.tree.DigestFiles;
import io.nfsdirect.coordinator.tree.TreeFilter;
import io.nfsdirect.protocol.api.ChunkDigest;
import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.worker.NfsFile;
import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The SHA-256 of an NFS file, read in parallel and hashed in file order, printed like sha256sum. */
@Command(name = "sum", mixinStandardHelpOptions = true,
        description = {"Print the SHA-256 of a file as sha256sum does: '<hex>  <URL>'. The file is read with "
                + "parallel direct READs and fed to the digest in file order; with --join, on a cluster's worker "
                + "nodes, the chunks coming to this process.",
                "With -r and a directory, print a manifest of every regular file below it, '<hex>  <path>' with "
                        + "paths from the directory, sorted: 'sha256sum -c' checks a copy of the tree against it. "
                        + "Many files are read at once; a failed file is named on stderr and the exit status is 1."})
final class SumCommand implements Callable<Integer> {

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

    @Option(names = "--chunks", description = "print each chunk's SHA-256 instead, '<hex>  <offset> <length>' "
            + "in offset order: each worker hashes the chunks it read, so no data leaves the node that read it")
    boolean chunks;

    @Parameters(index = "0", paramLabel = "URL", description = "nfs://HOST[:PORT]/EXPORT/PATH")
    String url;

    @Override
    public Integer call() throws Exception {
        common.validate();
        cluster.validate();
        Urls.parse(url);
        TreeFilter filter = tree.filter(spec.commandLine());
        if (chunks && tree.recursive) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--chunks takes one file, not -r");
        }
        if (!tree.recursive && tree.filtered()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--exclude, --include and --snapshots "
                    + "take a tree: add -r");
        }
        json.refuseStdout(spec.commandLine(), "sum prints its sums on stdout");
        PrintWriter out = spec.commandLine().getOut();
        Transfers.Digested sum;
        try (NodeSession session = NodeSession.start(common, cluster, spec.commandLine().getErr())) {
            NfsFile file = session.remote().stat("sum", url, tree.recursive ? -1 : 0);
            if (tree.recursive && file.isDirectory()) {
                return sumTree(session, file, filter, out);
            }
            long length = session.remote().size("sum", url, 0);
            if (chunks) {
                Transfers.ChunkDigests digests = new Transfers(session).chunkDigests("sum", url, 0, length);
                for (ChunkDigest d : digests.digests()) {
                    out.println(d.sha256Hex() + "  " + d.offset() + " " + d.length());
                }
                out.flush();
                json.write(RequestReport.of(digests.outcome(), url, null, null), "sum");
                return Errors.OK;
            }
            sum = new Transfers(session).sha256("sum", url, 0, length);
        } catch (Exception e) {
            json.writeFailure("sum", url, null, e, spec.commandLine().getErr());
            throw e;
        }
        out.println(HexFormat.of().formatHex(sum.sha256()) + "  " + url);
        out.flush();
        json.write(RequestReport.of(sum.outcome(), url, null, sum.sha256()), "sum");
        return Errors.OK;
    }

    /**
     * The manifest of the tree: every file's line, sorted by path once the job has ended (the
     * files finish in any order), then the summary.
     */
    private int sumTree(NodeSession session, NfsFile root, TreeFilter filter, PrintWriter out) throws Exception {
        Trees trees = new Trees(session, "sum -r");
        int window = common.effectiveWindow(session.config());
        IoOptions io = session.withNodes(common.ioOptions()).withWindow(window);
        DigestFiles action = new DigestFiles(session.system(), session.client(), Urls.parse(url), io,
                common.stallTimeout(session.config()));
        Map<String, byte[]> manifest = new TreeMap<>(Sha256sumFormat.ORDER);
        Trees.Summary summary = trees.run(url, null, trees.client(url), root, filter,
                tree.settings(common.rsize(), window), action, done -> {
                    synchronized (manifest) {
                        manifest.put(done.path(), done.sha256());
                    }
                });
        synchronized (manifest) {
            manifest.forEach((path, sha) -> out.println(Sha256sumFormat.line(sha, path)));
        }
        out.flush();
        return trees.finish(summary, json);
    }
}
