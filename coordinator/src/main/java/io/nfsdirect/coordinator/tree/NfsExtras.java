package io.nfsdirect.coordinator.tree;

import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.protocol.nfs3.NfsFh3;
import io.nfsdirect.worker.Nfs3Client;
import io.nfsdirect.worker.NfsFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * What an NFS copy holds that its source does not, found by a {@link TreeScan} of the copy with
 * the job's filter: every entry {@link ExtraPaths} calls extra, deepest first (but not a directory
 * that holds an entry the filter left out), each with the
 * handle of its directory, so a sync can REMOVE or RMDIR it in that order. An extra directory is
 * walked too: all it holds is extra. The scan keeps the handles of the copy's directories, one per
 * directory, and the extras found.
 */
public final class NfsExtras {

    /** One extra entry: its path, whether it is a directory, and where it is named. */
    public record Extra(String path, boolean directory, NfsFh3 parent, String name) {
    }

    private static final AtomicLong NAMES = new AtomicLong();

    private NfsExtras() {
    }

    /**
     * Completes with the extras, deepest first, or fails with the first listing of the copy that
     * failed: extras found with a hole in the walk are not to be deleted.
     *
     * @param seen    paths relative to the root the source has (and those it skipped)
     * @param unknown paths whose walk of the source failed: nothing at or below them is extra
     */
    public static CompletionStage<List<Extra>> find(ActorSystem<?> system, Nfs3Client client, NfsFile root,
                                                    Set<String> seen, Set<String> unknown, TreeFilter filter,
                                                    String what) {
        CompletableFuture<List<Extra>> result = new CompletableFuture<>();
        if (unknown.contains("")) {
            result.complete(List.of()); // the source's root itself could not be walked
            return result;
        }
        Map<String, NfsFh3> directories = new HashMap<>();
        directories.put("", root.handle());
        List<Extra> extras = new ArrayList<>();
        List<IoError> failures = new ArrayList<>();
        // Directories an entry the filter left out lies in: deleting them would delete it.
        Set<String> kept = new HashSet<>();
        system.systemActorOf(Behaviors.<TreeScan.Event>setup(ctx -> {
            ctx.spawn(TreeScan.create(client, root, what, filter, 4, ctx.getSelf()), "scan");
            return Behaviors.receive(TreeScan.Event.class)
                    .onMessage(TreeScan.Found.class, found -> {
                        for (TreeEntry e : found.entries()) {
                            if (e.isDirectory()) {
                                directories.put(e.path(), e.handle());
                            }
                            if (ExtraPaths.isExtra(e.path(), seen, unknown)) {
                                extras.add(new Extra(e.path(), e.isDirectory(),
                                        directories.get(NfsCopy.parentPath(e.path())), NfsCopy.name(e.path())));
                            }
                        }
                        for (TreeScan.Skipped skipped : found.skipped()) {
                            kept.addAll(ExtraPaths.ancestors(skipped.path()));
                        }
                        found.ackTo().tell(new TreeScan.Ack());
                        return Behaviors.same();
                    })
                    .onMessage(TreeScan.Failed.class, f -> {
                        failures.add(f.error());
                        return Behaviors.same();
                    })
                    .onMessage(TreeScan.Done.class, d -> {
                        if (failures.isEmpty()) {
                            extras.removeIf(e -> e.directory() && kept.contains(e.path()));
                            extras.sort((a, b) -> ExtraPaths.DEEPEST_FIRST.compare(a.path(), b.path()));
                            result.complete(List.copyOf(extras));
                        } else {
                            result.completeExceptionally(failures.get(0).raise());
                        }
                        return Behaviors.stopped();
                    })
                    .build();
        }), "nfs-extras-" + NAMES.incrementAndGet(), DispatcherSelector.defaultDispatcher());
        return result;
    }
}
