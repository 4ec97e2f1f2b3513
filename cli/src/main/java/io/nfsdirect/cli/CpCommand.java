package io.nfsdirect.cli;

import io.nfsdirect.coordinator.tree.JournaledFiles;
import io.nfsdirect.coordinator.tree.LocalCopy;
import io.nfsdirect.coordinator.tree.NfsCopy;
import io.nfsdirect.coordinator.tree.TreeFilter;
import io.nfsdirect.coordinator.tree.TreeJournal;
import io.nfsdirect.protocol.NfsException;
import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.NfsUrl;
import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.protocol.nfs3.NfsFh3;
import io.nfsdirect.worker.Nfs3Client;
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
                    return toNfs ? copyTreeToNfs(session, root, filter, io) : copyTree(session, root, filter);
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

    /**
     * NFS tree to NFS, with the same cp -r rule: into DST when it does not exist, into DST/NAME
     * when it is a directory. Each file's data goes worker to target through the Copy path.
     */
    private int copyTreeToNfs(NodeSession session, NfsFile root, TreeFilter filter, IoOptions io) throws Exception {
        if (job != null || resume) {
            throw CliException.io("cp -r " + source + " " + target + ": --job and --resume are for a local target "
                    + "so far", null);
        }
        RemoteFiles remote = session.remote();
        NfsUrl dst = Urls.parse(target);
        NfsFile existing = remote.find("cp -r", target);
        if (existing != null && !existing.isDirectory()) {
            throw NfsException.of(NfsStatus.NFS3ERR_NOTDIR, "cp -r " + source + " " + target, -1);
        }
        NfsUrl into = existing != null ? dst.child(Urls.fileName(source)) : dst;
        NfsFile parent = remote.stat("cp -r", into.parent().toString(), -1);
        Trees trees = new Trees(session, "cp -r");
        Nfs3Client targetClient = trees.client(target);
        String name = into.path().substring(into.path().lastIndexOf('/') + 1);
        NfsFh3 intoHandle;
        try {
            intoHandle = NfsCopy.mkdir(targetClient, parent.handle(), name, "cp -r " + target).toCompletableFuture()
                    .join();
        } catch (java.util.concurrent.CompletionException e) {
            throw CliException.of(IoError.restated(e, "cp -r " + target, -1));
        }
        int window = common.effectiveWindow(session.config());
        NfsCopy action = new NfsCopy(session.client(), trees.client(source), targetClient, Urls.parse(source), into,
                intoHandle, root.attributes(), session.withNodes(io).withWindow(window), "cp -r " + source);
        Trees.Summary summary = trees.run(source, into.toString(), trees.client(source), root, filter,
                tree.settings(common.rsize(), window), action, done -> { });
        return trees.finish(summary, tree.json);
    }

    private String jobName(Path into) {
        return "cp -r " + source + " " + into;
    }
}
