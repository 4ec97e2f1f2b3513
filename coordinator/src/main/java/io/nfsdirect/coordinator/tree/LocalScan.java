package io.nfsdirect.coordinator.tree;

import io.nfsdirect.protocol.nfs3.Fattr3;
import io.nfsdirect.protocol.nfs3.Nfs3;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Walks a local directory tree for a {@link TreeJob}, speaking {@link TreeScan}'s protocol, so a
 * local tree is copied to NFS by the same job as an NFS one. Each entry is described by lstat(2)
 * ({@link LocalAttributes}) and has no handle; symlinks are reported, never followed, so the walk
 * cannot loop.
 *
 * <p>A page is up to {@link #PAGE} entries of one directory, read from an open directory stream
 * when the consumer has room ({@link TreeScan#MAX_UNACKED} pages not yet acknowledged): the scan
 * holds one open directory and the queue of directories still to list, however large the tree.
 * The reads block, so the scan wants a blocking dispatcher (its job's). A directory that cannot be
 * listed, or an entry whose attributes cannot be read, is reported as {@link TreeScan.Failed} and
 * the walk goes on.
 */
public final class LocalScan extends AbstractBehavior<TreeScan.Command> {

    /** Entries per page at most. */
    static final int PAGE = 256;

    private record Dir(String path, Path file) {
    }

    /** The scan of the tree at {@code root}, as {@link TreeJob#create} takes it. */
    public static Function<ActorRef<TreeScan.Event>, Behavior<TreeScan.Command>> of(Path root, String what,
                                                                                    TreeFilter filter) {
        return consumer -> Behaviors.setup(ctx -> new LocalScan(ctx, root, what, filter, consumer).pump());
    }

    private final String what;
    private final TreeFilter filter;
    private final ActorRef<TreeScan.Event> consumer;
    private final Deque<Dir> toList = new ArrayDeque<>();
    /** The directory being listed, and where its listing stands; null between directories. */
    private Dir listing;
    private DirectoryStream<Path> stream;
    private Iterator<Path> next;
    private int unacked;
    private long directories;
    private long entries;
    private long skipped;
    private long failed;

    private LocalScan(ActorContext<TreeScan.Command> ctx, Path root, String what, TreeFilter filter,
                      ActorRef<TreeScan.Event> consumer) {
        super(ctx);
        this.what = what;
        this.filter = filter;
        this.consumer = consumer;
        ctx.watch(consumer);
        toList.add(new Dir("", root));
    }

    @Override
    public Receive<TreeScan.Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(TreeScan.Ack.class, m -> {
                    unacked--;
                    return pump();
                })
                // nobody to hand entries to: the walk is over
                .onSignal(Terminated.class, t -> Behaviors.stopped())
                .onSignal(PostStop.class, s -> {
                    if (stream != null) {
                        close();
                    }
                    return this;
                })
                .build();
    }

    /** Lists pages while the consumer has room; ends the scan when nothing is left. */
    private Behavior<TreeScan.Command> pump() {
        while (unacked < TreeScan.MAX_UNACKED && (listing != null || !toList.isEmpty())) {
            if (listing == null && !open(toList.poll())) {
                continue;
            }
            page();
        }
        if (listing == null && toList.isEmpty()) {
            consumer.tell(new TreeScan.Done(directories, entries, skipped, failed));
            return Behaviors.stopped();
        }
        return this;
    }

    private boolean open(Dir dir) {
        try {
            stream = Files.newDirectoryStream(dir.file());
        } catch (IOException e) {
            fail(dir.path(), e, "list " + where(dir));
            return false;
        }
        directories++;
        listing = dir;
        next = stream.iterator();
        return true;
    }

    /** Up to a page of the open directory; closes it at its end. */
    private void page() {
        List<TreeEntry> found = new ArrayList<>();
        List<TreeScan.Skipped> left = new ArrayList<>();
        Dir dir = listing;
        try {
            while (found.size() + left.size() < PAGE && next.hasNext()) {
                take(dir, next.next(), found, left);
            }
            if (!next.hasNext()) {
                close();
            }
        } catch (DirectoryIteratorException e) {
            close();
            fail(dir.path(), e.getCause(), "list " + where(dir));
        }
        if (!found.isEmpty() || !left.isEmpty()) {
            unacked++;
            consumer.tell(new TreeScan.Found(List.copyOf(found), List.copyOf(left), getContext().getSelf()));
        }
    }

    /** Keeps or leaves out one entry; a directory kept is queued to be listed. */
    private void take(Dir dir, Path file, List<TreeEntry> found, List<TreeScan.Skipped> left) {
        String name = file.getFileName().toString();
        String path = dir.path().isEmpty() ? name : dir.path() + "/" + name;
        Fattr3 attributes;
        try {
            attributes = LocalAttributes.of(file);
        } catch (IOException e) {
            fail(path, e, "stat " + path);
            return;
        } catch (RuntimeException e) {
            // a file system without the unix view, say: this entry fails, not the walk
            fail(path, new IOException(e.toString(), e), "stat " + path);
            return;
        }
        String reason = filter.skipReason(path, attributes.type == Nfs3.NF3DIR);
        if (reason != null) {
            skipped++;
            left.add(new TreeScan.Skipped(path, reason));
            return;
        }
        entries++;
        found.add(new TreeEntry(path, null, attributes));
        if (attributes.type == Nfs3.NF3DIR) {
            toList.addLast(new Dir(path, file));
        }
    }

    private void close() {
        try {
            stream.close();
        } catch (IOException ignored) {
            // a listing read to its end has nothing left to lose
        }
        stream = null;
        next = null;
        listing = null;
    }

    private void fail(String path, IOException e, String op) {
        failed++;
        consumer.tell(new TreeScan.Failed(path, LocalErrors.raised(e, what + ": " + op).error()));
    }

    private static String where(Dir dir) {
        return dir.path().isEmpty() ? "the root" : dir.path();
    }
}
