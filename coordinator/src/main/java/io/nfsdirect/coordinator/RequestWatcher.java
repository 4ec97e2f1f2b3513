package io.nfsdirect.coordinator;

import io.nfsdirect.protocol.api.DirectIoProtocol;
import io.nfsdirect.protocol.api.IoCompletion;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One {@link DirectIoClient} request, from send to completion: it waits for the request's
 * {@link IoCompletion} while watching the coordinator it sent the request to. It lives exactly
 * as long as the caller's stage is open and completes it exactly once: with the completion, with
 * {@link DirectIoClient.CoordinatorLostException} when the coordinator died and the request may not
 * (or could not) run elsewhere, or with a timeout.
 */
final class RequestWatcher {

    sealed interface Command extends NoSerializationVerificationNeeded
            permits CancelRequested, Completed, CoordinatorDied, Found, TimedOut {
    }

    /**
     * The caller cancels. It goes through this actor, not straight to a coordinator, so it can
     * never overtake the request itself, and it reaches whichever coordinator runs it now.
     */
    record CancelRequested() implements Command {
    }

    private record Completed(IoCompletion completion) implements Command {
    }

    private record CoordinatorDied(ActorRef<DirectIoProtocol.Command> coordinator) implements Command {
    }

    private record Found(ActorRef<DirectIoProtocol.Command> coordinator, Throwable failure) implements Command {
    }

    private record TimedOut() implements Command {
    }

    private RequestWatcher() {
    }

    static Behavior<Command> create(String requestId, String what, ActorRef<DirectIoProtocol.Command> coordinator,
                                    Function<ActorRef<IoCompletion>, DirectIoProtocol.Command> request,
                                    boolean rerunnable, DirectIoClient.CoordinatorFinder finder, Duration timeout,
                                    CompletableFuture<IoCompletion> result) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            timers.startSingleTimer(new TimedOut(), timeout);
            ActorRef<IoCompletion> replyTo = ctx.messageAdapter(IoCompletion.class, Completed::new);
            Attempt attempt = new Attempt(requestId, what, request, rerunnable, finder, timeout, result, replyTo);
            return attempt.send(ctx, coordinator, false, new HashSet<>());
        }));
    }

    private record Attempt(String requestId, String what, Function<ActorRef<IoCompletion>, DirectIoProtocol.Command> request,
                           boolean rerunnable, DirectIoClient.CoordinatorFinder finder, Duration timeout,
                           CompletableFuture<IoCompletion> result, ActorRef<IoCompletion> replyTo) {

        Behavior<Command> send(ActorContext<Command> ctx, ActorRef<DirectIoProtocol.Command> coordinator,
                               boolean retried, Set<ActorRef<DirectIoProtocol.Command>> dead) {
            ctx.watchWith(coordinator, new CoordinatorDied(coordinator));
            coordinator.tell(request.apply(replyTo));
            return Behaviors.receive(Command.class)
                    .onMessage(CancelRequested.class, m -> {
                        coordinator.tell(new DirectIoProtocol.Cancel(requestId));
                        return Behaviors.same();
                    })
                    .onMessage(Completed.class, m -> {
                        result.complete(retried ? m.completion().asRetried() : m.completion());
                        return Behaviors.stopped();
                    })
                    .onMessage(CoordinatorDied.class, m -> {
                        dead.add(m.coordinator());
                        if (!rerunnable || retried) {
                            result.completeExceptionally(new DirectIoClient.CoordinatorLostException(what
                                    + ": the coordinator " + m.coordinator().path() + " terminated before answering"
                                    + (rerunnable ? ", and so did the one it was retried on"
                                    : "; a write of inline bytes cannot be re-run, resend it")));
                            return Behaviors.stopped();
                        }
                        ctx.pipeToSelf(finder.find(Set.copyOf(dead)), Found::new);
                        return Behaviors.same();
                    })
                    .onMessage(Found.class, m -> {
                        if (m.failure() != null) {
                            result.completeExceptionally(new DirectIoClient.CoordinatorLostException(what
                                    + ": the coordinator terminated before answering and no other could take the"
                                    + " request: " + m.failure().getMessage()));
                            return Behaviors.stopped();
                        }
                        return send(ctx, m.coordinator(), true, dead);
                    })
                    .onMessage(TimedOut.class, m -> {
                        result.completeExceptionally(new TimeoutException(what + ": no completion within " + timeout));
                        return Behaviors.stopped();
                    })
                    .build();
        }
    }
}
