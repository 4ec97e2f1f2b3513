package io.nfsdirect.cli;

import io.nfsdirect.coordinator.tree.CopySource;
import io.nfsdirect.coordinator.tree.DigestFiles;
import io.nfsdirect.coordinator.tree.LocalCopy;
import io.nfsdirect.coordinator.tree.LocalExtras;
import io.nfsdirect.coordinator.tree.LocalSyncTarget;
import io.nfsdirect.coordinator.tree.NfsCopy;
import io.nfsdirect.coordinator.tree.NfsExtras;
import io.nfsdirect.coordinator.tree.NfsSyncTarget;
import io.nfsdirect.coordinator.tree.SyncTarget;
import io.nfsdirect.coordinator.tree.TreeFilter;
import io.nfsdirect.coordinator.tree.TreeSync;
import io.nfsdirect.protocol.NfsException;
import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.NfsUrl;
import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsFh3;
import io.nfsdirect.worker.Nfs3Client;
import io.nfsdirect.worker.NfsFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.DispatcherSelector;
import picocli.CommandLine;

/**
 * verify and sync: an NFS tree against a copy, a local directory or an NFS one, through one tree
 * job whose action is a {@link TreeSync}, then the copy's extra entries. Each difference is a line
 * on stdout, {@code PATH: what}, as it is found; what sync did about it ends the line.
 */
final class TreeComparison {

    private final NodeSession session;
    private final ReadOptions common;
    private final TreeOptions tree;
    private final JsonOption json;
    private final String op;
    private final PrintWriter out;
    private final AtomicLong differences = new AtomicLong();

    TreeComparison(NodeSession session, ReadOptions common, TreeOptions tree, JsonOption json, String op,
                   PrintWriter out) {
        this.session = session;
        this.common = common;
        this.tree = tree;
        this.json = json;
        this.op = op;
        this.out = out;
    }

    /** The copy's side: what the job compares with, and how its extras are found and deleted. */
    private interface Copy {
        SyncTarget sync();

        /**
         * Prints each extra entry; deletes it if {@code delete} and this is a sync, or says a dry
         * run would.
         */
        void extras(Set<String> known, Set<String> failed, TreeFilter filter, TreeSync.Mode mode, boolean delete)
                throws IOException;
    }

    /**
     * @param target a local path or an nfs:// URL
     * @param delete remove (or, in a dry run, name) what the copy has beyond the source
     * @return the exit status: 1 when a verify found a difference or anything failed
     */
    int run(String source, String target, TreeSync.Mode mode, boolean content, boolean delete, CommandLine cmd)
            throws Exception {
        TreeFilter filter = tree.filter(cmd);
        NfsFile root = session.remote().stat(op, source, -1);
        if (!root.isDirectory()) {
            throw new CommandLine.ParameterException(cmd, op + " takes a directory: " + source + " is not one");
        }
        Trees trees = new Trees(session, op);
        Nfs3Client client = trees.client(source);
        int window = common.effectiveWindow(session.config());
        IoOptions io = session.withNodes(common.ioOptions()).withWindow(window);
        String what = trees.what(source);
        Copy copy = Urls.isNfs(target) ? nfsCopy(trees, source, root, target, mode, io, what)
                : localCopy(client, source, root, Path.of(target), mode, io, what);
        TreeSync action = new TreeSync(mode, content, CopySource.nfs(client, Urls.parse(source)),
                digests(Urls.parse(source), io), copy.sync(), this::print, what);
        Trees.Summary summary = trees.run(source, target, client, root, filter,
                tree.settings(common.rsize(), window), action, done -> { });
        Set<String> failedPaths = trees.failedPaths();
        if (!summary.cancelled()) {
            Set<String> known = new HashSet<>(action.seen());
            summary.skipped().forEach(s -> known.add(s.path()));
            // As rsync does, nothing is deleted at all once anything failed, and a dry run says so too.
            if (delete && mode != TreeSync.Mode.VERIFY && !failedPaths.isEmpty()) {
                session.err().println(Errors.PREFIX + op + ": " + failedPaths.size() + " entr"
                        + (failedPaths.size() == 1 ? "y" : "ies") + " failed, so nothing "
                        + (mode == TreeSync.Mode.SYNC ? "is" : "would be") + " deleted (--delete)");
            }
            copy.extras(known, failedPaths, filter, mode, delete && failedPaths.isEmpty());
        }
        int status = trees.finish(summary, json);
        return status != Errors.OK ? status : mode == TreeSync.Mode.VERIFY && differences.get() > 0
                ? Errors.IO_ERROR : Errors.OK;
    }

    private DigestFiles digests(NfsUrl root, IoOptions io) {
        return new DigestFiles(session.system(), session.client(), root, io, common.stallTimeout(session.config()));
    }

    private Copy localCopy(Nfs3Client client, String source, NfsFile root, Path target, TreeSync.Mode mode,
                           IoOptions io, String what) {
        if (mode != TreeSync.Mode.SYNC && !Files.isDirectory(target)) {
            throw CliException.io(op + " " + source + " " + target + ": " + target + ": No such directory (ENOENT)",
                    null);
        }
        LocalCopy copy = new LocalCopy(session.system(), session.client(), client, Urls.parse(source),
                root.attributes(), target, io, session.ownNode(), what);
        if (mode == TreeSync.Mode.SYNC) {
            try {
                copy.prepare();
            } catch (IOException e) {
                throw CliException.io(op + " " + source + ": " + target + ": " + Errors.message(e), e);
            }
        }
        Executor blocking = session.system().dispatchers().lookup(DispatcherSelector.blocking());
        LocalSyncTarget sync = new LocalSyncTarget(copy, blocking, what);
        return new Copy() {
            @Override
            public SyncTarget sync() {
                return sync;
            }

            @Override
            public void extras(Set<String> known, Set<String> failed, TreeFilter filter, TreeSync.Mode mode,
                               boolean delete) throws IOException {
                if (!Files.isDirectory(target)) {
                    return;
                }
                for (String extra : LocalExtras.find(target, known, failed, filter)) {
                    if (delete && mode == TreeSync.Mode.SYNC) {
                        try {
                            Files.delete(target.resolve(extra));
                        } catch (IOException e) {
                            throw CliException.io(op + ": deleting " + target.resolve(extra) + ": "
                                    + Errors.message(e), e);
                        }
                    }
                    extra(extra, mode, delete);
                }
            }
        };
    }

    /** An NFS directory as the copy: DST itself, made by a sync when missing, as rsync SRC/ DST makes it. */
    private Copy nfsCopy(Trees trees, String source, NfsFile root, String target, TreeSync.Mode mode, IoOptions io,
                         String what) throws Exception {
        NfsUrl dst = Urls.parse(target);
        NfsFile existing = session.remote().find(op, target);
        if (existing != null && !existing.isDirectory()) {
            throw NfsException.of(NfsStatus.NFS3ERR_NOTDIR, op + " " + source + " " + target, -1);
        }
        if (existing == null && mode != TreeSync.Mode.SYNC) {
            throw CliException.io(op + " " + source + " " + target + ": " + target + ": No such directory (ENOENT)",
                    null);
        }
        Nfs3Client targetClient = trees.client(target);
        NfsFh3 handle;
        if (existing != null) {
            handle = existing.handle();
        } else {
            NfsFile parent = session.remote().stat(op, dst.parent().toString(), -1);
            String name = dst.path().substring(dst.path().lastIndexOf('/') + 1);
            try {
                handle = NfsCopy.mkdir(targetClient, parent.handle(), name, op + " " + target).toCompletableFuture()
                        .join();
            } catch (CompletionException e) {
                throw CliException.of(IoError.restated(e, op + " " + target, -1));
            }
        }
        NfsCopy copy = new NfsCopy(session.client(), CopySource.nfs(trees.client(source), Urls.parse(source)),
                targetClient, dst, handle, root.attributes(), io, what);
        NfsSyncTarget sync = new NfsSyncTarget(copy, targetClient, digests(dst, io), dst, what);
        NfsFile copyRoot = existing != null ? existing : session.remote().stat(op, target, -1);
        return new Copy() {
            @Override
            public SyncTarget sync() {
                return sync;
            }

            @Override
            public void extras(Set<String> known, Set<String> failed, TreeFilter filter, TreeSync.Mode mode,
                               boolean delete) {
                List<NfsExtras.Extra> extras;
                try {
                    extras = NfsExtras.find(session.system(), targetClient, copyRoot, known, failed, filter,
                            op + " " + target).toCompletableFuture().join();
                } catch (CompletionException e) {
                    throw CliException.of(IoError.restated(e, op + " " + target, -1));
                }
                for (NfsExtras.Extra extra : extras) {
                    if (delete && mode == TreeSync.Mode.SYNC) {
                        delete(targetClient, dst, extra);
                    }
                    extra(extra.path(), mode, delete);
                }
            }
        };
    }

    private void delete(Nfs3Client client, NfsUrl root, NfsExtras.Extra extra) {
        int status = (extra.directory() ? client.rmdir(extra.parent(), extra.name()).thenApply(r -> r.status)
                : client.remove(extra.parent(), extra.name()).thenApply(r -> r.status)).toCompletableFuture().join();
        if (status != Nfs3.NFS3_OK) {
            throw CliException.of(IoError.status(NfsStatus.of(status), op + ": deleting " + root.child(extra.path()),
                    -1));
        }
    }

    /** One extra entry's line, with what was (or would be) done about it. */
    private void extra(String path, TreeSync.Mode mode, boolean delete) {
        String done = !delete ? "" : switch (mode) {
            case VERIFY -> "";
            case DRY_RUN -> ": would delete";
            case SYNC -> ": deleted";
        };
        print(new TreeSync.Difference(path, "extra here" + done));
    }

    private synchronized void print(TreeSync.Difference d) {
        differences.incrementAndGet();
        out.println(d.path() + ": " + d.what());
        out.flush();
    }
}
