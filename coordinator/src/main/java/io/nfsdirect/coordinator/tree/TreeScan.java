package io.nfsdirect.coordinator.tree;

import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.protocol.nfs3.Entryplus3;
import io.nfsdirect.protocol.nfs3.Fattr3;
import io.nfsdirect.protocol.nfs3.Lookup3Res;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsFh3;
import io.nfsdirect.protocol.nfs3.Readdirplus3Args;
import io.nfsdirect.protocol.nfs3.Readdirplus3Res;
import io.nfsdirect.worker.Nfs3Client;
import io.nfsdirect.worker.NfsFile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Walks a directory tree with READDIRPLUS, several directories at a time, and hands what it finds
 * to its consumer in batches, one per page. Directories are the work items: each found is queued,
 * and up to {@code parallel} are listed at once, page after page, so one huge directory never
 * stops the others. The consumer paces the walk: no page is asked for while
 * {@link #MAX_UNACKED} batches wait for its {@link Ack}, so the scan holds a few pages and the
 * queue of directories still to list, however large the tree.
 *
 * <p>An entry READDIRPLUS gave without a handle or attributes (a server may leave them out) is
 * looked up, {@link #LOOKUPS_AT_ONCE} at a time, before the next page is asked for. The scan
 * stops if its consumer does. A directory that cannot be listed, or an entry that cannot be looked up, is
 * reported as {@link Failed} and the walk goes on. {@link Done} comes once, when nothing is
 * queued or out; then the actor stops.
 */
public final class TreeScan extends AbstractBehavior<TreeScan.Command> {

    /** What the consumer receives: batches of entries, failures, and one {@link Done}. */
    public sealed interface Event extends NoSerializationVerificationNeeded permits Found, Failed, Done {
    }

    /** Entries of one page; the consumer answers with {@link Ack} to {@code ackTo} when it has taken them. */
    public record Found(List<TreeEntry> entries, List<Skipped> skipped, ActorRef<Command> ackTo) implements Event {
    }

    /** An entry the filter left out, and why. */
    public record Skipped(String path, String reason) {
    }

    /** A directory that could not be listed, or an entry that could not be looked up. */
    public record Failed(String path, IoError error) implements Event {
    }

    /** The walk is over: the directories listed, and how many entries were found and left out. */
    public record Done(long directories, long entries, long skipped, long failed) implements Event {
    }

    public sealed interface Command extends NoSerializationVerificationNeeded permits Ack, Internal {
    }

    /** The consumer has taken a batch. */
    public record Ack() implements Command {
    }

    private sealed interface Internal extends Command {
    }

    private record Page(Dir dir, Readdirplus3Res res, Throwable failure) implements Internal {
    }

    private record LookedUp(String path, Lookup3Res res, Throwable failure) implements Internal {
    }

    private record ConsumerGone() implements Internal {
    }

    /** An entry to look up: READDIRPLUS named it without its handle or attributes. */
    private record Missing(NfsFh3 dir, String name, String path) {
    }

    private record Dir(String path, NfsFh3 handle, long cookie, byte[] verifier) {
        Dir next(long cookie, byte[] verifier) {
            return new Dir(path, handle, cookie, verifier);
        }
    }

    /** Batches handed over and not yet acknowledged, at most. */
    public static final int MAX_UNACKED = 4;
    /** LOOKUPs out at once, for entries a server listed without handle or attributes. */
    static final int LOOKUPS_AT_ONCE = 16;
    private static final int DIRCOUNT = 32 * 1024;
    private static final int MAXCOUNT = 256 * 1024;

    /**
     * @param what     the scan's name for error lines, e.g. {@code sum nfs://h/export/tree}
     * @param parallel how many directories are listed at once
     */
    public static Behavior<Command> create(Nfs3Client client, NfsFile root, String what, TreeFilter filter,
                                           int parallel, ActorRef<Event> consumer) {
        return Behaviors.setup(ctx -> new TreeScan(ctx, client, root, what, filter, parallel, consumer).pump());
    }

    /** The scan as a {@link TreeJob} of an NFS tree takes it. */
    public static Function<ActorRef<Event>, Behavior<Command>> of(Nfs3Client client, NfsFile root, String what,
                                                                 TreeFilter filter, int parallel) {
        return consumer -> create(client, root, what, filter, parallel, consumer);
    }

    private final Nfs3Client client;
    private final String what;
    private final TreeFilter filter;
    private final int parallel;
    private final ActorRef<Event> consumer;
    /** Directories found and not listed yet, and pages ready to ask for, in the order they came. */
    private final Deque<Dir> toList = new ArrayDeque<>();
    /**
     * The directories queued so far, by (fsid, fileid): a server that serves a symlink as its
     * target would otherwise lead the walk round a loop ({@code a/up -> ..}) for ever.
     */
    private final Set<String> directoriesSeen = new HashSet<>();
    /** Entries to look up, at most a page's worth: a page is only asked for once these are out. */
    private final Deque<Missing> toLookUp = new ArrayDeque<>();
    private int listing;
    private int lookingUp;
    private int unacked;
    private long directories;
    private long entries;
    private long skipped;
    private long failed;

    private TreeScan(ActorContext<Command> ctx, Nfs3Client client, NfsFile root, String what, TreeFilter filter,
                     int parallel, ActorRef<Event> consumer) {
        super(ctx);
        this.client = client;
        this.what = what;
        this.filter = filter;
        this.parallel = Math.max(1, parallel);
        this.consumer = consumer;
        ctx.watchWith(consumer, new ConsumerGone());
        toList.add(new Dir("", root.handle(), 0, null));
        if (root.attributes() != null) {
            directoriesSeen.add(identity(root.attributes()));
        }
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Page.class, this::onPage)
                .onMessage(LookedUp.class, this::onLookedUp)
                .onMessage(Ack.class, m -> {
                    unacked--;
                    return pump();
                })
                // nobody to hand entries to: the walk is over, and its RPCs' answers go nowhere
                .onMessage(ConsumerGone.class, m -> Behaviors.stopped())
                .build();
    }

    /** Asks for pages while there is room; ends the scan when nothing is left anywhere. */
    private Behavior<Command> pump() {
        while (lookingUp < LOOKUPS_AT_ONCE && unacked < MAX_UNACKED && !toLookUp.isEmpty()) {
            Missing m = toLookUp.poll();
            lookingUp++;
            getContext().pipeToSelf(client.lookup(m.dir(), m.name()),
                    (res, failure) -> new LookedUp(m.path(), res, failure));
        }
        while (listing < parallel && unacked < MAX_UNACKED && toLookUp.isEmpty() && !toList.isEmpty()) {
            Dir dir = toList.poll();
            listing++;
            getContext().pipeToSelf(client.readdirplus(new Readdirplus3Args(dir.handle(), dir.cookie(), dir.verifier(),
                    DIRCOUNT, MAXCOUNT)), (res, failure) -> new Page(dir, res, failure));
        }
        if (listing == 0 && lookingUp == 0 && toList.isEmpty() && toLookUp.isEmpty()) {
            consumer.tell(new Done(directories, entries, skipped, failed));
            return Behaviors.stopped();
        }
        return this;
    }

    private Behavior<Command> onPage(Page page) {
        listing--;
        Dir dir = page.dir();
        String where = dir.path().isEmpty() ? "the root" : dir.path();
        if (page.failure() != null || page.res().status != Nfs3.NFS3_OK) {
            IoError error = page.failure() != null ? IoError.restated(page.failure(), what + ": list " + where, -1)
                    : IoError.status(NfsStatus.of(page.res().status), what + ": list " + where, -1);
            fail(dir.path(), error);
            return pump();
        }
        Readdirplus3Res res = page.res();
        if (dir.cookie() == 0) {
            directories++;
        }
        List<TreeEntry> found = new ArrayList<>();
        List<Skipped> left = new ArrayList<>();
        long last = dir.cookie();
        for (Entryplus3 e : res.entries) {
            last = e.cookie;
            if (e.name.equals(".") || e.name.equals("..")) {
                continue;
            }
            String path = dir.path().isEmpty() ? e.name : dir.path() + "/" + e.name;
            if (e.nameHandle == null || e.nameHandle.handle == null || e.nameAttributes == null
                    || e.nameAttributes.attributes == null) {
                toLookUp.add(new Missing(dir.handle(), e.name, path));
                continue;
            }
            take(new TreeEntry(path, e.nameHandle.handle, e.nameAttributes.attributes), found, left);
        }
        if (!res.eof && res.entries.isEmpty()) {
            fail(dir.path(), IoError.at(io.nfsdirect.protocol.Errno.EIO, what + ": list " + where, -1,
                    "the server returned an empty page before the end of the directory"));
        } else if (!res.eof) {
            // The directory's next page goes first, so a directory is finished before others start.
            toList.addFirst(dir.next(last, res.cookieverf));
        }
        deliver(found, left);
        return pump();
    }

    private Behavior<Command> onLookedUp(LookedUp m) {
        lookingUp--;
        if (m.failure() != null || m.res().status != Nfs3.NFS3_OK || m.res().objAttributes == null
                || m.res().objAttributes.attributes == null) {
            IoError error = m.failure() != null ? IoError.restated(m.failure(), what + ": look up " + m.path(), -1)
                    : m.res().status != Nfs3.NFS3_OK
                    ? IoError.status(NfsStatus.of(m.res().status), what + ": look up " + m.path(), -1)
                    : IoError.at(io.nfsdirect.protocol.Errno.EIO, what + ": look up " + m.path(), -1,
                            "the server gave no attributes");
            fail(m.path(), error);
            return pump();
        }
        List<TreeEntry> found = new ArrayList<>(1);
        List<Skipped> left = new ArrayList<>(1);
        take(new TreeEntry(m.path(), m.res().object, m.res().objAttributes.attributes), found, left);
        deliver(found, left);
        return pump();
    }

    /** Keeps or leaves out one entry; a directory kept is queued to be listed. */
    private void take(TreeEntry entry, List<TreeEntry> found, List<Skipped> left) {
        String reason = filter.skipReason(entry.path(), entry.isDirectory());
        if (reason != null) {
            skipped++;
            left.add(new Skipped(entry.path(), reason));
            return;
        }
        if (entry.isDirectory() && !directoriesSeen.add(identity(entry.attributes()))) {
            skipped++;
            left.add(new Skipped(entry.path(), "a directory already walked under another name (a link or a loop)"));
            return;
        }
        entries++;
        found.add(entry);
        if (entry.isDirectory()) {
            toList.addLast(new Dir(entry.path(), entry.handle(), 0, null));
        }
    }

    private static String identity(Fattr3 attributes) {
        return attributes.fsid + ":" + attributes.fileid;
    }

    private void deliver(List<TreeEntry> found, List<Skipped> left) {
        if (!found.isEmpty() || !left.isEmpty()) {
            unacked++;
            consumer.tell(new Found(List.copyOf(found), List.copyOf(left), getContext().getSelf()));
        }
    }

    private void fail(String path, IoError error) {
        failed++;
        consumer.tell(new Failed(path, error));
    }
}
