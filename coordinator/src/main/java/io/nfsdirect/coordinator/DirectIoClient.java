package io.nfsdirect.coordinator;

import io.nfsdirect.protocol.api.DirectIoProtocol;
import io.nfsdirect.protocol.api.IoCompletion;
import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.protocol.api.NodeStats;
import io.nfsdirect.protocol.api.Sink;
import io.nfsdirect.protocol.api.WriteSource;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * A plain Java facade over the {@code DirectIo} actor for callers that are not actors: each call
 * sends one request and completes with its {@link IoCompletion}, or blocks for it. Every call
 * takes a request id, so the caller can {@link #cancel} it; {@link #newRequestId()} makes one.
 *
 * <p>Each request is watched by a small actor of its own ({@link RequestWatcher}) that also
 * watches the coordinator. If the coordinator dies first, a request that can be run again (a read,
 * digest or copy, or a write whose source is a file) is sent once more to another coordinator,
 * and its completion says {@code retried}; a write of inline bytes is not, because its bytes died
 * with the coordinator: the stage fails with {@link CoordinatorLostException} and the caller must
 * resend. The timeout is a last resort against a coordinator that never answers, not a limit on
 * the I/O, and a timed-out request is not stopped (cancel it).
 */
public final class DirectIoClient {

    /** Finds a coordinator other than the ones given (dead ones), or fails. */
    @FunctionalInterface
    public interface CoordinatorFinder {
        CompletionStage<ActorRef<DirectIoProtocol.Command>> find(Set<ActorRef<DirectIoProtocol.Command>> excluding);
    }

    /** The request's coordinator terminated before it answered, and the request was not run elsewhere. */
    public static final class CoordinatorLostException extends RuntimeException {
        public CoordinatorLostException(String message) {
            super(message);
        }
    }

    private final ActorSystem<?> system;
    private final ActorRef<DirectIoProtocol.Command> directIo;
    private final Duration timeout;
    private final CoordinatorFinder finder;
    /** The watcher of each open request, so a cancel follows the request wherever it runs. */
    private final java.util.concurrent.ConcurrentHashMap<String, ActorRef<RequestWatcher.Command>> open =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** A client of one coordinator, with no other to retry on. */
    public DirectIoClient(ActorSystem<?> system, ActorRef<DirectIoProtocol.Command> directIo, Duration timeout) {
        this(system, directIo, timeout, excluded -> CompletableFuture.failedStage(
                new CoordinatorLostException("no other coordinator is known")));
    }

    public DirectIoClient(ActorSystem<?> system, ActorRef<DirectIoProtocol.Command> directIo, Duration timeout,
                          CoordinatorFinder finder) {
        this.system = system;
        this.directIo = directIo;
        this.timeout = timeout;
        this.finder = finder;
    }

    /** A finder that asks the Receptionist for any registered {@code DirectIo} but the excluded. */
    public static CoordinatorFinder receptionistFinder(ActorSystem<?> system, Duration timeout) {
        return excluded -> AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
                        replyTo -> Receptionist.find(DirectIoProtocol.SERVICE_KEY, replyTo), timeout, system.scheduler())
                .thenApply(listing -> listing.getServiceInstances(DirectIoProtocol.SERVICE_KEY).stream()
                        .filter(ref -> !excluded.contains(ref))
                        .findFirst()
                        .orElseThrow(() -> new CoordinatorLostException("no other coordinator is registered")));
    }

    public static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    public CompletionStage<IoCompletion> read(String requestId, String url, long offset, long length, Sink sink,
                                              IoOptions options) {
        return submit(requestId, "read " + url, true,
                replyTo -> new DirectIoProtocol.Read(requestId, url, offset, length, sink, options, replyTo));
    }

    public CompletionStage<IoCompletion> write(String requestId, String url, long offset, WriteSource source,
                                               IoOptions options) {
        return submit(requestId, "write " + url, source instanceof WriteSource.LocalFile,
                replyTo -> new DirectIoProtocol.Write(requestId, url, offset, source, options, replyTo));
    }

    public CompletionStage<IoCompletion> copy(String requestId, String sourceUrl, String targetUrl, long offset,
                                              long length, IoOptions options) {
        return submit(requestId, "copy " + sourceUrl, true,
                replyTo -> new DirectIoProtocol.Copy(requestId, sourceUrl, targetUrl, offset, length, options,
                        replyTo));
    }

    private CompletionStage<IoCompletion> submit(String requestId, String what, boolean rerunnable,
                                                 Function<ActorRef<IoCompletion>, DirectIoProtocol.Command> request) {
        CompletableFuture<IoCompletion> result = new CompletableFuture<>();
        ActorRef<RequestWatcher.Command> watcher = system.systemActorOf(
                RequestWatcher.create(requestId, what, directIo, request, rerunnable, finder, timeout, result),
                "direct-io-client-" + UUID.randomUUID(), Props.empty());
        open.put(requestId, watcher);
        return result.whenComplete((c, e) -> open.remove(requestId, watcher));
    }

    /** Cancels the request on the coordinator that runs it; the asker gets ECANCELED with the bytes done. */
    public void cancel(String requestId) {
        ActorRef<RequestWatcher.Command> watcher = open.get(requestId);
        if (watcher != null) {
            watcher.tell(new RequestWatcher.CancelRequested());
        } else {
            directIo.tell(new DirectIoProtocol.Cancel(requestId));
        }
    }

    /** The coordinator node's counters. */
    public CompletionStage<NodeStats> stats() {
        return AskPattern.ask(directIo, DirectIoProtocol.GetStats::new, Duration.ofSeconds(10), system.scheduler());
    }

    public IoCompletion readBlocking(String url, long offset, long length, Sink sink, IoOptions options)
            throws InterruptedException {
        return await(read(newRequestId(), url, offset, length, sink, options));
    }

    public IoCompletion writeBlocking(String url, long offset, WriteSource source, IoOptions options)
            throws InterruptedException {
        return await(write(newRequestId(), url, offset, source, options));
    }

    public IoCompletion copyBlocking(String sourceUrl, String targetUrl, long offset, long length, IoOptions options)
            throws InterruptedException {
        return await(copy(newRequestId(), sourceUrl, targetUrl, offset, length, options));
    }

    /** Waits for a completion; a failed stage is rethrown unchecked. */
    public static <T> T await(CompletionStage<T> stage) throws InterruptedException {
        try {
            return stage.toCompletableFuture().get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        }
    }
}
