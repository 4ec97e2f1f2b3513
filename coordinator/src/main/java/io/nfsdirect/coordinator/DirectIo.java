package io.nfsdirect.coordinator;

import io.nfsdirect.coordinator.cluster.FrameLimits;
import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.api.DirectIoProtocol;
import io.nfsdirect.protocol.api.DirectIoProtocol.Command;
import io.nfsdirect.protocol.api.IoCompletion;
import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.protocol.api.NodeStats;
import io.nfsdirect.protocol.api.Sink;
import io.nfsdirect.protocol.chunk.WorkerNodeProtocol;
import io.nfsdirect.worker.ClientPool;
import io.nfsdirect.worker.LocalChannels;
import io.nfsdirect.worker.NodeCounters;
import io.nfsdirect.worker.Phases;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * The front door: the seed's {@code nfs_file_direct_read/write}. It checks each request, resolves
 * its file (LOOKUP, creating it for writes when asked, ACCESS and the server's FSINFO) and spawns
 * one {@link DirectRequest} for it, which from then on owns the request and answers the asker
 * itself. {@code DirectIo} keeps only what it needs to route a {@code Cancel}: the running
 * requests by id, each watched so it is forgotten when it stops.
 *
 * <p>Resolution runs on the NFS client's threads and comes back as a message, so a slow server
 * never blocks other requests at the door. Worker nodes come from a Receptionist subscription;
 * a request accepted before any worker registered waits for one, up to {@code worker-wait}.
 */
public final class DirectIo extends AbstractBehavior<Object> {

    /*
     * The actor's own messages. They are none of DirectIoProtocol's, whose Command is sealed to
     * what clients may send, and none is serializable: they never leave this node. The actor's
     * behavior takes both, and is narrowed to the public Command for everyone else.
     */
    private sealed interface Internal {
    }

    private record Resolved(RequestSpec spec, IoOptions options, ActorRef<IoCompletion> replyTo) implements Internal {
    }

    private record Rejected(String requestId, IoError error, ActorRef<IoCompletion> replyTo) implements Internal {
    }

    private record WorkersListed(Receptionist.Listing listing) implements Internal {
    }

    private record RequestStopped(String requestId) implements Internal {
    }

    private record WorkerWaitOver() implements Internal {
    }

    /** @param clients the node's NFS clients, shared with its WorkerNode; the node closes them */
    public static Behavior<Command> create(DirectIoSettings settings, ClientPool clients, String node,
                                           List<String> roles) {
        return Behaviors.<Object>setup(ctx -> Behaviors.withTimers(timers ->
                new DirectIo(ctx, timers, settings, clients, node, roles))).narrow();
    }

    private final TimerScheduler<Object> timers;
    private final DirectIoSettings settings;
    private final String node;
    private final List<String> roles;
    private final NodeCounters counters;
    private final ClientPool clients;
    private final FileResolver resolver;
    /** What a message may carry to another node; none without remoting. */
    private final FrameLimits limits;
    private final Map<String, ActorRef<DirectRequest.Command>> running = new HashMap<>();
    /** Ids being resolved; a Cancel that arrives meanwhile is remembered here. */
    private final Set<String> resolving = new HashSet<>();
    private final Set<String> cancelledWhileResolving = new HashSet<>();
    private final Deque<Resolved> waitingForWorkers = new ArrayDeque<>();
    private List<ActorRef<WorkerNodeProtocol.Command>> workers = List.of();

    private DirectIo(ActorContext<Object> ctx, TimerScheduler<Object> timers, DirectIoSettings settings,
                     ClientPool clients, String node, List<String> roles) {
        super(ctx);
        this.timers = timers;
        this.settings = settings;
        this.node = node;
        this.roles = List.copyOf(roles);
        this.counters = NodeCounters.get(ctx.getSystem());
        this.clients = clients;
        this.resolver = new FileResolver(clients, LocalChannels.get(ctx.getSystem()), settings.lookupCacheTtl());
        this.limits = FrameLimits.of(ctx.getSystem());
        ActorRef<Receptionist.Listing> listingAdapter = ctx.messageAdapter(Receptionist.Listing.class, WorkersListed::new);
        ctx.getSystem().receptionist().tell(Receptionist.subscribe(WorkerNodeProtocol.SERVICE_KEY, listingAdapter));
        ctx.getSystem().receptionist().tell(Receptionist.register(DirectIoProtocol.SERVICE_KEY, ctx.getSelf().<Command>narrow()));
    }

    @Override
    public Receive<Object> createReceive() {
        return newReceiveBuilder()
                .onMessage(DirectIoProtocol.Read.class, this::onRead)
                .onMessage(DirectIoProtocol.Write.class, this::onWrite)
                .onMessage(DirectIoProtocol.Copy.class, this::onCopy)
                .onMessage(DirectIoProtocol.Cancel.class, this::onCancel)
                .onMessage(DirectIoProtocol.GetStats.class, this::onStats)
                .onMessage(Resolved.class, this::onResolved)
                .onMessage(Rejected.class, this::onRejected)
                .onMessage(WorkersListed.class, this::onWorkers)
                .onMessage(RequestStopped.class, m -> {
                    running.remove(m.requestId());
                    return this;
                })
                .onMessage(WorkerWaitOver.class, m -> onWorkerWaitOver())
                .build();
    }

    // ---- requests -------------------------------------------------------------------------

    private Behavior<Object> onRead(DirectIoProtocol.Read m) {
        IoOptions o = options(m.options());
        IoError bad = EntryChecks.beforeResolve("read", m.url(), m.offset(), m.length(), o, m.sink(),
                settings.replyLimit());
        if (admit(m.requestId(), bad, m.length(), m.replyTo())) {
            int window = o.window() > 0 ? o.window() : settings.window();
            pipeResolution(m.requestId(), "read " + m.url(), m.offset(), o, m.replyTo(), resolver.forRead(m.requestId(),
                    m.url(), m.offset(), m.length(), m.sink(), o, window, settings.chunkAttempts()));
        }
        return this;
    }

    private Behavior<Object> onWrite(DirectIoProtocol.Write m) {
        IoOptions o = options(m.options());
        long length = m.source() == null ? -1 : m.source().length();
        IoError bad = m.source() == null
                ? IoError.at(Errno.EINVAL, "write " + m.url(), m.offset(), "no source")
                : EntryChecks.beforeResolve("write", m.url(), m.offset(), length, o, null, settings.replyLimit());
        if (bad == null) {
            bad = settings.writeSources().check(m.url(), m.offset(), m.source());
        }
        if (admit(m.requestId(), bad, length, m.replyTo())) {
            int window = o.window() > 0 ? o.window() : settings.window();
            pipeResolution(m.requestId(), "write " + m.url(), m.offset(), o, m.replyTo(), resolver.forWrite(m.requestId(),
                    m.url(), m.offset(), m.source(), o, window, settings.chunkAttempts()));
        }
        return this;
    }

    private Behavior<Object> onCopy(DirectIoProtocol.Copy m) {
        IoOptions o = options(m.options());
        IoError bad = EntryChecks.beforeResolve("copy", m.sourceUrl(), m.offset(), m.length(), o, null,
                settings.replyLimit());
        if (admit(m.requestId(), bad, m.length(), m.replyTo())) {
            int window = o.window() > 0 ? o.window() : settings.window();
            pipeResolution(m.requestId(), "copy " + m.sourceUrl() + " to " + m.targetUrl(), m.offset(), o, m.replyTo(),
                    resolver.forCopy(m.requestId(), m.sourceUrl(), m.targetUrl(), m.offset(), m.length(), o, window,
                            settings.chunkAttempts()));
        }
        return this;
    }

    private static IoOptions options(IoOptions given) {
        return given == null ? IoOptions.DEFAULT : given;
    }

    /**
     * Answers at once what needs no server: a bad request, or a zero-length one (0 bytes, no RPC,
     * as the seed returns 0 for count 0). True when the request goes on to resolution.
     */
    private boolean admit(String requestId, IoError bad, long length, ActorRef<IoCompletion> replyTo) {
        if (bad == null && (requestId == null || running.containsKey(requestId) || resolving.contains(requestId))) {
            bad = IoError.of(Errno.EINVAL, "request id " + requestId + " is missing or already in use", -1);
        }
        if (bad != null) {
            replyTo.tell(IoCompletion.failed(requestId, bad));
            return false;
        }
        if (length == 0) {
            replyTo.tell(new IoCompletion(requestId, 0, null, null, null, null, false));
            return false;
        }
        resolving.add(requestId);
        return true;
    }

    /** Waits for the resolution off the actor; a failure comes back as {@code what}'s error at {@code offset}. */
    private void pipeResolution(String requestId, String what, long offset, IoOptions options,
                                ActorRef<IoCompletion> replyTo, java.util.concurrent.CompletionStage<RequestSpec> resolution) {
        getContext().pipeToSelf(resolution, (spec, failure) -> failure == null
                ? new Resolved(spec, options, replyTo)
                : new Rejected(requestId, IoError.restated(failure, what, offset), replyTo));
    }

    private Behavior<Object> onRejected(Rejected m) {
        resolving.remove(m.requestId());
        cancelledWhileResolving.remove(m.requestId());
        m.replyTo().tell(IoCompletion.failed(m.requestId(), m.error()));
        return this;
    }

    private Behavior<Object> onResolved(Resolved resolved) {
        Phases.mark("resolve");
        String id = resolved.spec().requestId();
        resolving.remove(id);
        if (cancelledWhileResolving.remove(id)) {
            cancelBeforeStart(resolved.spec(), resolved.replyTo());
            return this;
        }
        // Every message carrying the request's data must fit its frame between nodes, or Artery
        // would drop it and the request would wait forever.
        FrameLimits.Fit fit = limits.fit(resolved.spec(), resolved.options(), resolved.replyTo());
        IoError refused = fit.error() != null ? fit.error() : EntryChecks.withinChunkCount(fit.spec());
        if (refused != null) {
            resolved.replyTo().tell(IoCompletion.failed(id, refused));
            closeSource(resolved.spec());
            return this;
        }
        Resolved m = new Resolved(fit.spec(), resolved.options(), resolved.replyTo());
        if (workers.isEmpty()) {
            waitingForWorkers.add(m);
            if (!timers.isTimerActive("worker-wait")) {
                timers.startSingleTimer("worker-wait", new WorkerWaitOver(), settings.workerWait());
            }
            return this;
        }
        start(m);
        return this;
    }

    private void start(Resolved m) {
        String id = m.spec().requestId();
        ActorRef<DirectRequest.Command> request = getContext().spawn(
                DirectRequest.create(m.spec(), workers, m.replyTo(), m.options().nodes(), settings.chunkDeadline()),
                "request-" + RequestNames.safe(id));
        getContext().watchWith(request, new RequestStopped(id));
        running.put(id, request);
    }

    private Behavior<Object> onCancel(DirectIoProtocol.Cancel m) {
        ActorRef<DirectRequest.Command> request = running.get(m.requestId());
        if (request != null) {
            request.tell(new DirectRequest.Cancel());
        } else if (resolving.contains(m.requestId())) {
            cancelledWhileResolving.add(m.requestId());
        } else {
            waitingForWorkers.removeIf(w -> {
                if (w.spec().requestId().equals(m.requestId())) {
                    cancelBeforeStart(w.spec(), w.replyTo());
                    return true;
                }
                return false;
            });
        }
        return this;
    }

    private Behavior<Object> onStats(DirectIoProtocol.GetStats m) {
        NodeStats stats = counters.snapshot(node, roles);
        m.replyTo().tell(stats);
        return this;
    }

    // ---- worker nodes ---------------------------------------------------------------------

    private Behavior<Object> onWorkers(WorkersListed m) {
        List<ActorRef<WorkerNodeProtocol.Command>> now =
                new ArrayList<>(m.listing().getServiceInstances(WorkerNodeProtocol.SERVICE_KEY));
        // A stable order keeps round-robin placement fair across listing updates.
        now.sort((a, b) -> a.path().toString().compareTo(b.path().toString()));
        workers = List.copyOf(now);
        // Registered but unreachable: the listing is sent again when reachability changes.
        Set<ActorRef<WorkerNodeProtocol.Command>> unreachable =
                new HashSet<>(m.listing().getAllServiceInstances(WorkerNodeProtocol.SERVICE_KEY));
        unreachable.removeAll(workers);
        for (ActorRef<DirectRequest.Command> request : running.values()) {
            request.tell(DirectRequest.workersChanged(workers, unreachable));
        }
        if (!workers.isEmpty()) {
            timers.cancel("worker-wait");
            while (!waitingForWorkers.isEmpty()) {
                start(waitingForWorkers.poll());
            }
        }
        return this;
    }

    private Behavior<Object> onWorkerWaitOver() {
        Duration waited = settings.workerWait();
        while (!waitingForWorkers.isEmpty()) {
            Resolved w = waitingForWorkers.poll();
            w.replyTo().tell(IoCompletion.failed(w.spec().requestId(), IoError.at(Errno.EAGAIN, w.spec().describe(),
                    w.spec().offset(), "no worker node registered within " + waited.toMillis() + " ms")));
            closeSource(w.spec());
        }
        return this;
    }

    /** A request cancelled while it was resolved or waited for workers: no chunk was sent. */
    private static void cancelBeforeStart(RequestSpec spec, ActorRef<IoCompletion> replyTo) {
        replyTo.tell(IoCompletion.failed(spec.requestId(), IoError.at(Errno.ECANCELED, spec.describe(), spec.offset(),
                "cancelled before the first chunk")));
        closeSource(spec);
    }

    private static void closeSource(RequestSpec spec) {
        spec.closeSource();
    }
}
