package io.nfsdirect.coordinator.cluster;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * Receptionist look-ups for callers that are not actors. A listing reaches a node some time after
 * the service registered elsewhere (the cluster Receptionist gossips), so "is there one?" is best
 * asked as "wait until there is one, up to a timeout".
 */
final class Listings {

    private static final AtomicLong NAMES = new AtomicLong();

    /** Ends the wait of one watcher; only ever sent to itself. */
    private record GiveUp() implements NoSerializationVerificationNeeded {
    }

    private Listings() {
    }

    /** The reachable instances of {@code key} this node knows now. */
    static <T> CompletionStage<Set<ActorRef<T>>> current(ActorSystem<?> system, ServiceKey<T> key, Duration timeout) {
        return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
                        replyTo -> Receptionist.find(key, replyTo), timeout, system.scheduler())
                .thenApply(listing -> listing.getServiceInstances(key));
    }

    /**
     * Completes with the reachable instances of {@code key} once they satisfy {@code enough}, or
     * fails with a {@link TimeoutException} naming {@code what} and how many were seen.
     */
    static <T> CompletionStage<Set<ActorRef<T>>> await(ActorSystem<?> system, ServiceKey<T> key,
                                                       Predicate<Set<ActorRef<T>>> enough, Duration timeout,
                                                       String what) {
        CompletableFuture<Set<ActorRef<T>>> result = new CompletableFuture<>();
        system.systemActorOf(watcher(key, enough, timeout, what, result), "listing-watch-" + NAMES.incrementAndGet(),
                org.apache.pekko.actor.typed.Props.empty());
        return result;
    }

    /** Lives from the subscription until the listing is enough or the timeout passes; then stops. */
    private static <T> Behavior<Object> watcher(ServiceKey<T> key, Predicate<Set<ActorRef<T>>> enough,
                                                Duration timeout, String what,
                                                CompletableFuture<Set<ActorRef<T>>> result) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            timers.startSingleTimer(new GiveUp(), timeout);
            ActorRef<Receptionist.Listing> self = ctx.getSelf().narrow();
            ctx.getSystem().receptionist().tell(Receptionist.subscribe(key, self));
            int[] seen = {0};
            return Behaviors.receive(Object.class)
                    .onMessage(Receptionist.Listing.class, listing -> {
                        Set<ActorRef<T>> now = listing.getServiceInstances(key);
                        seen[0] = now.size();
                        if (enough.test(now)) {
                            result.complete(now);
                            return Behaviors.stopped();
                        }
                        return Behaviors.same();
                    })
                    .onMessage(GiveUp.class, m -> {
                        result.completeExceptionally(new TimeoutException(what + ": " + seen[0]
                                + " registered after " + timeout.toMillis() + " ms"));
                        return Behaviors.stopped();
                    })
                    .build();
        }));
    }
}
