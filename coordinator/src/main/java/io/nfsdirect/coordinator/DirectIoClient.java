package io.nfsdirect.coordinator;

import io.nfsdirect.protocol.api.DirectIoProtocol;
import io.nfsdirect.protocol.api.IoCompletion;
import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.protocol.api.NodeStats;
import io.nfsdirect.protocol.api.Sink;
import io.nfsdirect.protocol.api.WriteSource;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * A plain Java facade over the {@code DirectIo} actor for callers that are not actors: each call
 * sends one request and completes with its {@link IoCompletion} (the ask pattern), or blocks for
 * it. Every call takes a request id, so the caller can {@link #cancel} it; {@link #newRequestId()}
 * makes one.
 *
 * <p>The ask's timeout is a last resort against a coordinator that vanished, not a limit on the
 * I/O: a request completes on its own schedule, and a timed-out ask does not stop it (cancel it).
 */
public final class DirectIoClient {

    private final ActorSystem<?> system;
    private final ActorRef<DirectIoProtocol.Command> directIo;
    private final Duration timeout;

    public DirectIoClient(ActorSystem<?> system, ActorRef<DirectIoProtocol.Command> directIo, Duration timeout) {
        this.system = system;
        this.directIo = directIo;
        this.timeout = timeout;
    }

    public static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    public CompletionStage<IoCompletion> read(String requestId, String url, long offset, long length, Sink sink,
                                              IoOptions options) {
        return AskPattern.ask(directIo,
                replyTo -> new DirectIoProtocol.Read(requestId, url, offset, length, sink, options, replyTo),
                timeout, system.scheduler());
    }

    public CompletionStage<IoCompletion> write(String requestId, String url, long offset, WriteSource source,
                                               IoOptions options) {
        return AskPattern.ask(directIo,
                replyTo -> new DirectIoProtocol.Write(requestId, url, offset, source, options, replyTo),
                timeout, system.scheduler());
    }

    public CompletionStage<IoCompletion> copy(String requestId, String sourceUrl, String targetUrl, long offset,
                                              long length, IoOptions options) {
        return AskPattern.ask(directIo,
                replyTo -> new DirectIoProtocol.Copy(requestId, sourceUrl, targetUrl, offset, length, options,
                        replyTo),
                timeout, system.scheduler());
    }

    public void cancel(String requestId) {
        directIo.tell(new DirectIoProtocol.Cancel(requestId));
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

    /** Waits for a completion; a failed ask (the coordinator never answered) is rethrown unchecked. */
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
