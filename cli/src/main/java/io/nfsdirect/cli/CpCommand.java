package io.nfsdirect.cli;

import io.nfsdirect.coordinator.tree.CopySource;
import io.nfsdirect.coordinator.tree.JournaledFiles;
import io.nfsdirect.coordinator.tree.LocalAttributes;
import io.nfsdirect.coordinator.tree.LocalCopy;
import io.nfsdirect.coordinator.tree.LocalScan;
import io.nfsdirect.coordinator.tree.NfsCopy;
import io.nfsdirect.coordinator.tree.TreeFilter;
import io.nfsdirect.coordinator.tree.TreeJob;
import io.nfsdirect.coordinator.tree.TreeJournal;
import io.nfsdirect.coordinator.tree.TreeScan;
import io.nfsdirect.protocol.NfsException;
import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.NfsUrl;
import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.protocol.nfs3.Fattr3;
import io.nfsdirect.protocol.nfs3.NfsFh3;
import io.nfsdirect.worker.Nfs3Client;
import io.nfsdirect.worker.NfsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
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
 * long as the source. With {@code -r} a directory is copied as a tree job, journaled for
 * {@code --resume}: to a local directory by {@link LocalCopy}, to NFS by {@link NfsCopy}.
 */
@Command(name = "cp", mixinStandardHelpOptions = true,
        description = {"Copy a whole file; SRC and DST are each an nfs:// URL or a local path (not both local).",
                "NFS to NFS goes chunk by chunk from worker to target, without passing the data through the "
                        + "coordinator. A local DST that is a directory receives a file of SRC's name.",
                "With -r, SRC may be a directory: an NFS tree to a local directory or to NFS, or a local tree "
                        + "to NFS; directories, files, symlinks (never followed), modes and mtimes are copied, and "
                        + "what is not copied (hard links after the first name, FIFOs, devices) is named.",
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

    @Mixin
    JsonOption json;

    @Option(names = "--job", paramLabel = "DIR", description = "keep the tree copy's journal in DIR (default: "
            + ".nfsdirect-jobs/<id> in the working directory, the id named by SRC and DST)")
    Path job;

    @Option(names = "--resume", description = "go on with the tree copy the journal holds: files it has as finished, "
            + "with their source unchanged and their copy in place, are not copied again")
    boolean resume;

    @Option(names = "--checkpoint", paramLabel = "SIZE", converter = Sizes.Converter.class, defaultValue = "1g",
            description = "with -r, a file bigger than SIZE is copied SIZE at a time, each piece journaled once on the "
                    + "disk (or committed, on NFS), so --resume sends only the pieces missing (default: ${DEFAULT-VALUE})")
    long checkpoint;

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
        if (checkpoint < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--checkpoint must be at least 1 byte");
        }
        if (!tree.recursive && (tree.filtered() || job != null || resume)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--exclude, --include, --snapshots, "
                    + "--job and --resume take a tree: add -r");
        }
        IoOptions io = common.ioOptions().withStable(stable).withCreate(true);
        String op = fromNfs && toNfs ? "copy" : fromNfs ? "read" : "write";
        boolean localTree = !fromNfs && tree.recursive && Files.isDirectory(Path.of(source));
        Path localSource = fromNfs || localTree ? null : LocalFiles.regularFile("write " + target, source);
        Transfers.Outcome outcome;
        try (NodeSession session = NodeSession.start(common, cluster, spec.commandLine().getErr())) {
            RemoteFiles remote = session.remote();
            if (localTree) {
                return copyLocalTreeToNfs(session, filter, io);
            }
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
        } catch (Exception e) {
            // A tree's entries fail into its summary; what ends here ends the whole command.
            json.writeFailure(op, source, target, e, spec.commandLine().getErr());
            throw e;
        }
        // After the node's --stats, which the session prints as it closes.
        if (!common.quiet) {
            spec.commandLine().getErr().println(outcome.summary());
        }
        json.write(RequestReport.of(outcome, source, target, null), op);
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
        if (resume && journaledJob(jobDir, source).equals(jobName(dst))) {
            into = dst;
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
                    new JournaledFiles(action, journal, e -> CompletableFuture.completedFuture(action.hasCopy(e)),
                            checkpoint), done -> { });
            reportResumed(journal);
        } catch (IOException e) {
            throw CliException.io("cp -r " + source + ": job " + jobDir + ": " + Errors.message(e), e);
        }
        return trees.finish(summary, json);
    }

    /** NFS tree to NFS: each file's data goes worker to target through the Copy path. */
    private int copyTreeToNfs(NodeSession session, NfsFile root, TreeFilter filter, IoOptions io) throws Exception {
        Trees trees = new Trees(session, "cp -r");
        Nfs3Client client = trees.client(source);
        TreeJob.Settings settings = tree.settings(common.rsize(), common.effectiveWindow(session.config()));
        return copyToNfs(session, trees, source, CopySource.nfs(client, Urls.parse(source)), root.attributes(),
                TreeScan.of(client, root, trees.what(source), filter, settings.scanParallel()), settings, io);
    }

    /**
     * Local tree to NFS: the coordinator reads each file as its chunks are sent, as a single-file
     * write does.
     */
    private int copyLocalTreeToNfs(NodeSession session, TreeFilter filter, IoOptions io) throws Exception {
        Path root;
        Fattr3 rootAttributes;
        try {
            // SRC may be a link to the tree, as cp -r follows it: the tree is what it leads to.
            root = Path.of(source).toRealPath();
            rootAttributes = LocalAttributes.of(root);
        } catch (IOException e) {
            throw CliException.io("cp -r " + source + ": " + Errors.message(e), e);
        }
        Trees trees = new Trees(session, "cp -r");
        TreeJob.Settings settings = tree.settings(common.rsize(), common.effectiveWindow(session.config()));
        // Named as given (a link keeps its own name at the target, as with cp -r), walked where it leads.
        String given = Path.of(source).toAbsolutePath().normalize().toString();
        return copyToNfs(session, trees, given, CopySource.local(root), rootAttributes,
                LocalScan.of(root, trees.what(given), filter), settings, io);
    }

    /**
     * A tree to NFS, with cp -r's rule: into DST when it does not exist, into DST/NAME when it is
     * a directory. Journaled as a copy to a local directory is.
     */
    private int copyToNfs(NodeSession session, Trees trees, String from, CopySource copySource, Fattr3 rootAttributes,
                          Function<ActorRef<TreeScan.Event>, Behavior<TreeScan.Command>> scan,
                          TreeJob.Settings settings, IoOptions io) throws Exception {
        RemoteFiles remote = session.remote();
        NfsUrl dst = Urls.parse(target);
        Path jobDir = job != null ? job : Path.of(".nfsdirect-jobs", JobIds.of("cp -r " + from + " " + dst));
        NfsFile existing = remote.find("cp -r", target);
        if (existing != null && !existing.isDirectory()) {
            throw NfsException.of(NfsStatus.NFS3ERR_NOTDIR, "cp -r " + from + " " + target, -1);
        }
        Path local = Urls.isNfs(from) ? null : Path.of(from).getFileName();
        String fromName = Urls.isNfs(from) ? Urls.fileName(from) : local == null ? "" : local.toString();
        // The root directory has no name of its own: it is copied into DST itself.
        NfsUrl into = existing != null && !fromName.isEmpty() ? dst.child(fromName) : dst;
        // A first run made DST; the same command resumed goes on into it, not into DST/NAME.
        if (resume && existing != null && journaledJob(jobDir, from).equals(jobName(from, dst.toString()))) {
            into = dst;
        }
        NfsFile parent = remote.stat("cp -r", into.parent().toString(), -1);
        Nfs3Client targetClient = trees.client(target);
        String name = into.path().substring(into.path().lastIndexOf('/') + 1);
        NfsFh3 intoHandle;
        try {
            intoHandle = NfsCopy.mkdir(targetClient, parent.handle(), name, "cp -r " + target).toCompletableFuture()
                    .join();
        } catch (java.util.concurrent.CompletionException e) {
            throw CliException.of(IoError.restated(e, "cp -r " + target, -1));
        }
        NfsCopy action = new NfsCopy(session.client(), copySource, targetClient, into, intoHandle, rootAttributes,
                session.withNodes(io).withWindow(settings.windowPerFile()), trees.what(from));
        String jobName = jobName(from, into.toString());
        Trees.Summary summary;
        try (TreeJournal journal = resume ? TreeJournal.resume(jobDir, jobName) : TreeJournal.start(jobDir, jobName)) {
            summary = trees.run(from, into.toString(), scan, settings,
                    new JournaledFiles(action, journal, action::hasCopy, checkpoint), done -> { });
            reportResumed(journal);
        } catch (IOException e) {
            throw CliException.io("cp -r " + from + ": job " + jobDir + ": " + Errors.message(e), e);
        }
        return trees.finish(summary, json);
    }

    private String journaledJob(Path jobDir, String from) {
        try {
            return TreeJournal.jobOf(jobDir);
        } catch (IOException e) {
            throw CliException.io("cp -r " + from + ": job " + jobDir + ": " + Errors.message(e), e);
        }
    }

    private void reportResumed(TreeJournal journal) {
        if (resume && !common.quiet) {
            spec.commandLine().getErr().println("cp -r: resumed from " + journal.file() + ": "
                    + journal.resumedFiles() + " file(s) already copied");
        }
    }

    private String jobName(String from, String into) {
        return "cp -r " + from + " " + into;
    }

    private String jobName(Path into) {
        return jobName(source, into.toString());
    }
}
