package io.nfsdirect.cli;

import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The SHA-256 of an NFS file, read in parallel and hashed in file order, printed like sha256sum. */
@Command(name = "sum", mixinStandardHelpOptions = true,
        description = "Print the SHA-256 of a file as sha256sum does: '<hex>  <URL>'. The file is read with "
                + "parallel direct READs and fed to the digest in file order; with --join, on a cluster's worker "
                + "nodes, the chunks coming to this process.")
final class SumCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ReadOptions common;

    @Mixin
    ClusterOptions cluster;

    @Parameters(index = "0", paramLabel = "URL", description = "nfs://HOST[:PORT]/EXPORT/PATH")
    String url;

    @Override
    public Integer call() throws Exception {
        common.validate();
        cluster.validate();
        Urls.parse(url);
        Transfers.Digested sum;
        try (NodeSession session = NodeSession.start(common, cluster, spec.commandLine().getErr())) {
            long length = session.remote().size("sum", url, 0);
            sum = new Transfers(session).sha256("sum", url, 0, length);
        }
        spec.commandLine().getOut().println(HexFormat.of().formatHex(sum.sha256()) + "  " + url);
        spec.commandLine().getOut().flush();
        return Errors.OK;
    }
}
