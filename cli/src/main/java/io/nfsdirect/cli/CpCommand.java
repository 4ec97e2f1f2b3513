package io.nfsdirect.cli;

import io.nfsdirect.coordinator.tree.JournaledFiles;
import io.nfsdirect.coordinator.tree.LocalCopy;
import io.nfsdirect.coordinator.tree.TreeFilter;
import io.nfsdirect.coordinator.tree.TreeJournal;
import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.worker.NfsFile;
import java.io.IOException;
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

    @Mixin
    TreeOptions tree;

    @Option(names = "--job", paramLabel = "DIR", description = "keep the tree copy's journal in DIR (default: "
            + ".nfsdirect-jobs/<id> in the working directory, the id named by SRC and DST)")
    Path job;

    @Option(names = "--resume", description = "go on with the tree copy the journal holds: files it has as finished, "
            + "with their source unchanged and their copy in place, are not copied again")
    boolean resume;

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
        TreeFilter filter = tree.filter(spec.commandLine());
        if (!tree.recursive && (tree.filtered() || job != null || resume)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--exclude, --include, --snapshots, "
                    + "--json, --job and --resume take a tree: add -r");
        }
        IoOptions io = common.ioOptions().withStable(stable).withCreate(true);
        String op = fromNfs && toNfs ? "copy" : fromNfs ? "read" : "write";
        if (!fromNfs && tree.recursive && Files.isDirectory(Path.of(source))) {
            throw CliException.io("cp -r " + source + " " + target + ": a local tree to NFS is not supported "
                    + "yet; copy it file by file", null);
        }
        Path localSource = fromNfs ? null : LocalFiles.regularFile("write " + target, source);
        Transfers.Outcome outcome;
        try (NodeSession session = NodeSession.start(common, cluster, spec.commandLine().getErr())) {
            RemoteFiles remote = session.remote();
            if (tree.recursive && fromNfs) {
                NfsFile root = remote.stat("cp", source, -1);
                if (root.isDirectory()) {
                    if (toNfs) {
                        throw CliException.io("cp -r " + source + " " + target + ": a tree to an NFS target is not "
                                + "supported yet; copy it to a local directory, or file by file", null);
                    }
                    return copyTree(session, root, filter);
                }
            }
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

    /**
     * NFS tree to a local directory, as cp -r does it: into DST when DST does not exist, into
     * DST/NAME when it is a directory.
     */
    private int copyTree(NodeSession session, NfsFile root, TreeFilter filter) throws Exception {
        Path dst = Path.of(target).toAbsolutePath().normalize();
        // Named by the arguments, not by where they lead: a first run makes DST, after which
        // DST is a directory and cp -r's rule would point the same command into DST/NAME.
        Path jobDir = job != null ? job : Path.of(".nfsdirect-jobs", JobIds.of("cp -r " + source + " " + dst));
        Path into = Files.isDirectory(dst) ? dst.resolve(Urls.fileName(source)) : dst;
        if (resume) {
            try {
                if (TreeJournal.jobOf(jobDir).equals(jobName(dst))) {
                    into = dst;
                }
            } catch (IOException e) {
                throw CliException.io("cp -r " + source + ": job " + jobDir + ": " + Errors.message(e), e);
            }
        }
        String name = jobName(into);
        Trees trees = new Trees(session, "cp -r");
        int window = common.effectiveWindow(session.config());
        var client = trees.client(source);
        LocalCopy action = new LocalCopy(session.system(), session.client(), client, Urls.parse(source),
                root.attributes(), into, session.withNodes(common.ioOptions()).withWindow(window), session.ownNode(),
                "cp -r " + source);
        try {
            action.prepare();
        } catch (IOException e) {
            throw CliException.io("cp -r " + source + ": " + into + ": " + Errors.message(e), e);
        }
        Trees.Summary summary;
        try (TreeJournal journal = resume ? TreeJournal.resume(jobDir, name) : TreeJournal.start(jobDir, name)) {
            summary = trees.run(source, into.toString(), client, root, filter, tree.settings(common.rsize(), window),
                    new JournaledFiles(action, journal, action::hasCopy), done -> { });
            if (resume && !common.quiet) {
                spec.commandLine().getErr().println("cp -r: resumed from " + journal.file() + ": "
                        + journal.resumedFiles() + " file(s) already copied");
            }
        } catch (IOException e) {
            throw CliException.io("cp -r " + source + ": job " + jobDir + ": " + Errors.message(e), e);
        }
        return trees.finish(summary, tree.json);
    }

    private String jobName(Path into) {
        return "cp -r " + source + " " + into;
    }
}
