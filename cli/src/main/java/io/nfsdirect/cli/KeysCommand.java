package io.nfsdirect.cli;

import io.nfsdirect.coordinator.cluster.ClusterKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Makes a cluster's key directory: what every node needs for TLS with mutual authentication. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"Make a new cluster key directory: a key pair with its self-signed certificate "
                + "(node.p12), a trust store holding that certificate (trust.p12) and their password, "
                + "all readable by this user only.",
                "Give the same directory to every node and client of the cluster (--tls DIR or "
                        + "NFSDIRECT_TLS_DIR=DIR): a peer without it fails the TLS handshake. Keep it like a password."})
final class KeysCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "the directory to make (or an empty one to fill)")
    Path dir;

    @Override
    public Integer call() {
        try {
            ClusterKeys.generate(dir);
        } catch (IOException e) {
            throw CliException.io("keys " + dir + ": " + Errors.message(e), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Cluster keys in " + dir.toAbsolutePath() + ": give every node --tls " + dir.toAbsolutePath()
                + " (or NFSDIRECT_TLS_DIR)");
        out.flush();
        return Errors.OK;
    }
}
