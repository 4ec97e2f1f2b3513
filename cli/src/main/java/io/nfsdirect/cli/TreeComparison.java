package io.nfsdirect.cli;

import io.nfsdirect.coordinator.tree.DigestFiles;
import io.nfsdirect.coordinator.tree.LocalCopy;
import io.nfsdirect.coordinator.tree.LocalExtras;
import io.nfsdirect.coordinator.tree.LocalSync;
import io.nfsdirect.coordinator.tree.TreeFilter;
import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.worker.Nfs3Client;
import io.nfsdirect.worker.NfsFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.DispatcherSelector;
import picocli.CommandLine;

/**
 * verify and sync: an NFS tree against a local copy, through one tree job whose action is a
 * {@link LocalSync}, then the copy's extra entries. Each difference is a line on stdout,
 * {@code PATH: what}, as it is found; what sync did about it ends the line.
 */
final class TreeComparison {

    private final NodeSession session;
    private final ReadOptions common;
    private final TreeOptions tree;
    private final String op;
    private final PrintWriter out;
    private final AtomicLong differences = new AtomicLong();

    TreeComparison(NodeSession session, ReadOptions common, TreeOptions tree, String op, PrintWriter out) {
        this.session = session;
        this.common = common;
        this.tree = tree;
        this.op = op;
        this.out = out;
    }

    /**
     * @param delete remove (or, in a dry run, name) what the copy has beyond the source
     * @return the exit status: 1 when a verify found a difference or anything failed
     */
    int run(String source, Path target, LocalSync.Mode mode, boolean content, boolean delete, CommandLine cmd)
            throws Exception {
        TreeFilter filter = tree.filter(cmd);
        NfsFile root = session.remote().stat(op, source, -1);
        if (!root.isDirectory()) {
            throw new CommandLine.ParameterException(cmd, op + " takes a directory: " + source + " is not one");
        }
        if (mode != LocalSync.Mode.SYNC && !Files.isDirectory(target)) {
            throw CliException.io(op + " " + source + " " + target + ": " + target + ": No such directory (ENOENT)",
                    null);
        }
        Trees trees = new Trees(session, op);
        Nfs3Client client = trees.client(source);
        int window = common.effectiveWindow(session.config());
        IoOptions io = session.withNodes(common.ioOptions()).withWindow(window);
        LocalCopy copy = new LocalCopy(session.system(), session.client(), client, Urls.parse(source),
                root.attributes(), target, io, session.ownNode(), op + " " + source);
        if (mode == LocalSync.Mode.SYNC) {
            try {
                copy.prepare();
            } catch (IOException e) {
                throw CliException.io(op + " " + source + ": " + target + ": " + Errors.message(e), e);
            }
        }
        DigestFiles digests = new DigestFiles(session.system(), session.client(), Urls.parse(source), io,
                common.stallTimeout(session.config()));
        Executor blocking = session.system().dispatchers().lookup(DispatcherSelector.blocking());
        LocalSync action = new LocalSync(mode, content, copy, digests, target, blocking, this::print,
                op + " " + source);
        Trees.Summary summary = trees.run(source, target.toString(), client, root, filter,
                tree.settings(common.rsize(), window), action, done -> { });
        Set<String> failedPaths = trees.failedPaths();
        if (!summary.cancelled()) {
            Set<String> known = new HashSet<>(action.seen());
            summary.skipped().forEach(s -> known.add(s.path()));
            extras(target, known, failedPaths, filter, mode, delete);
        }
        int status = trees.finish(summary, tree.json);
        return status != Errors.OK ? status : mode == LocalSync.Mode.VERIFY && differences.get() > 0
                ? Errors.IO_ERROR : Errors.OK;
    }

    /**
     * The copy's extra entries. What lies below an entry that failed is unknown, not extra; and,
     * as rsync does, nothing is deleted at all once anything failed.
     */
    private void extras(Path target, Set<String> known, Set<String> failed, TreeFilter filter, LocalSync.Mode mode,
                        boolean delete) throws IOException {
        if (!Files.isDirectory(target)) {
            return;
        }
        if (delete && mode == LocalSync.Mode.SYNC && !failed.isEmpty()) {
            session.err().println(Errors.PREFIX + op + ": " + failed.size() + " entr" + (failed.size() == 1 ? "y" : "ies")
                    + " failed, so nothing is deleted (--delete)");
        }
        for (String extra : LocalExtras.find(target, known, failed, filter)) {
            String done = switch (mode) {
                case VERIFY -> "";
                case DRY_RUN -> delete ? ": would delete" : "";
                case SYNC -> delete && failed.isEmpty() ? delete(target, extra) : "";
            };
            print(new LocalSync.Difference(extra, "extra here" + done));
        }
    }

    private String delete(Path target, String extra) {
        try {
            Files.delete(target.resolve(extra));
        } catch (IOException e) {
            throw CliException.io(op + ": deleting " + target.resolve(extra) + ": " + Errors.message(e), e);
        }
        return ": deleted";
    }

    private synchronized void print(LocalSync.Difference d) {
        differences.incrementAndGet();
        out.println(d.path() + ": " + d.what());
        out.flush();
    }
}
