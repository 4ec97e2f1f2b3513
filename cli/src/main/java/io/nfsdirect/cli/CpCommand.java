package io.nfsdirect.cli;

import io.nfsdirect.protocol.api.IoOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A whole-file copy where either side is an NFS file: NFS to NFS through the Copy path (each
 * worker reads its chunk and writes it to the target, possibly on another server), NFS to local
 * as a direct read into the file, local to NFS as a direct write. The target ends up exactly as
 * long as the source.
 */
@Command(name = "cp", mixinStandardHelpOptions = true,
        description = {"Copy a whole file; SRC and DST are each an nfs:// URL or a local path (not both local).",
                "NFS to NFS goes chunk by chunk from worker to target, without passing the data through the "
                        + "coordinator. A local DST that is a directory receives a file of SRC's name.",
                "With --join the copy runs on a cluster. A local SRC is then read by the coordinator node at "
                        + "its absolute path: it must be visible at that same path there too (shared storage, "
                        + "or the same host)."})
final class CpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CopyOptions common;

    @Mixin
    ClusterOptions cluster;

    @Parameters(index = "0", paramLabel = "SRC", description = "nfs:// URL or local path")
    String source;

    @Parameters(index = "1", paramLabel = "DST", description = "nfs:// URL or local path")
    String target;

    @Option(names = "--stable", description = "every WRITE FILE_SYNC, instead of UNSTABLE and one COMMIT")
    boolean stable;

    @Override
    public Integer call() throws Exception {
        common.validate();
        cluster.validate();
        boolean fromNfs = Urls.isNfs(source);
        boolean toNfs = Urls.isNfs(target);
        if (!fromNfs && !toNfs) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "neither SRC nor DST is an nfs:// URL; use cp(1) for local copies");
        }
        if (fromNfs) {
            Urls.parse(source);
        }
        if (toNfs) {
            Urls.parse(target);
        }
        IoOptions io = common.ioOptions().withStable(stable).withCreate(true);
        String op = fromNfs && toNfs ? "copy" : fromNfs ? "read" : "write";
        Path localSource = fromNfs ? null : LocalFiles.regularFile("write " + target, source);
        Transfers.Outcome outcome;
        try (NodeSession session = NodeSession.start(common, cluster, spec.commandLine().getErr())) {
            RemoteFiles remote = session.remote();
            long length = fromNfs ? remote.size(op, source, 0) : Files.size(localSource);
            Transfers transfers = new Transfers(session);
            if (!toNfs) {
                Path dir = Path.of(target);
                Path out = Files.isDirectory(dir) ? dir.resolve(Urls.fileName(source)) : dir;
                outcome = transfers.readToFile(source, 0, length, out);
            } else {
                if (length == 0) {
                    remote.create(op, target);
                    outcome = new Transfers.Outcome(op, 0, 0, 0);
                } else {
                    outcome = fromNfs ? transfers.copy(source, target, length, io)
                            : transfers.write(target, 0, localSource, length, io);
                }
                // What the target held beyond the source's end must go, as with cp(1).
                if (remote.size(op, target, -1) > length) {
                    remote.truncate(op, target, length);
                }
            }
        }
        // After the node's --stats, which the session prints as it closes.
        if (!common.quiet) {
            spec.commandLine().getErr().println(outcome.summary());
        }
        return Errors.OK;
    }
}
