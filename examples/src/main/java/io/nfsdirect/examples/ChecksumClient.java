package io.nfsdirect.examples;

import io.nfsdirect.protocol.api.ChunkData;
import io.nfsdirect.protocol.api.DirectIoProtocol;
import io.nfsdirect.protocol.api.IoCompletion;
import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.protocol.api.Sink;
import io.nfsdirect.protocol.api.WriteSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.BehaviorBuilder;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * The service's guardian, at {@code /user}: it finds a {@code DirectIo}, then runs three requests
 * one after the other, and shuts the member down with the exit status.
 *
 * <ol>
 *   <li><b>find</b>: subscribe to {@link DirectIoProtocol#SERVICE_KEY} and take a coordinator from
 *       the first non-empty listing;</li>
 *   <li><b>read</b>: a {@code Read} with a {@code Stream} sink to a {@link Sha256Consumer} at
 *       {@code /user/sinks/<name>}, then the digest;</li>
 *   <li><b>write</b>: a {@code Write} of inline bytes;</li>
 *   <li><b>copy</b>: a {@code Copy} of the read's range to another file, server to server;</li>
 *   <li><b>exit</b>: {@link CoordinatedShutdown} with an {@link Exit} reason: the member leaves the
 *       cluster gracefully, the actor system stops, and {@link ChecksumService} exits with the code.</li>
 * </ol>
 * The first error completion, timeout or lost coordinator ends the run with status 1.
 */
public final class ChecksumClient {

    /** Everything the guardian handles: its own timers and the adapted replies of the cluster. */
    public sealed interface Command
            permits DirectIoListed, ConsumerSpawned, Completed, Digested, TimedOut, CoordinatorTerminated {
    }

    /** A Receptionist listing of {@code DirectIo} instances, adapted. */
    public record DirectIoListed(Receptionist.Listing listing) implements Command {
    }

    /** The Stream consumer is up (or could not be spawned: {@code failure} is set). */
    public record ConsumerSpawned(ActorRef<Object> consumer, Throwable failure) implements Command {
    }

    /** An {@link IoCompletion}, adapted: the one reply to each request. */
    public record Completed(IoCompletion completion) implements Command {
    }

    /** The consumer's digest (or its failure, or no answer: {@code failure} is set). */
    public record Digested(Sha256Consumer.Result result, Throwable failure) implements Command {
    }

    /** The current step took longer than allowed. */
    public record TimedOut(String what) implements Command {
    }

    /** The {@code DirectIo} in use is gone: its node crashed, left, or was downed. */
    public record CoordinatorTerminated(String ref) implements Command {
    }

    /**
     * Why the actor system stopped, with the exit status {@link ChecksumService} returns.
     * CoordinatedShutdown keeps the reason it was first run with, so the code survives the shutdown.
     */
    public record Exit(int code) implements CoordinatedShutdown.Reason {
    }

    private static final Object STEP_TIMER = "step";
    private static final Duration SPAWN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration FINISH_TIMEOUT = Duration.ofSeconds(10);

    private ChecksumClient() {
    }

    /**
     * @param inline the bytes of the inline write (unused when {@code options.writeTo()} is null)
     */
    public static Behavior<Command> create(Options options, byte[] inline, Output out) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            // The parent of the Stream consumers. Its children live at /user/sinks/<name>, the path
            // every nfs-direct node sends chunk data to on Artery's large-message channel.
            ActorRef<SpawnProtocol.Command> sinks = ctx.spawn(SpawnProtocol.create(), "sinks");
            ActorRef<IoCompletion> completions = ctx.messageAdapter(IoCompletion.class, Completed::new);
            // Subscribe rather than find once: the Receptionist's registry spreads through the
            // cluster a moment after this member joins, so the first listing is often empty.
            ActorRef<Receptionist.Listing> listings = ctx.messageAdapter(Receptionist.Listing.class, DirectIoListed::new);
            ctx.getSystem().receptionist().tell(Receptionist.subscribe(DirectIoProtocol.SERVICE_KEY, listings));
            timers.startSingleTimer(STEP_TIMER, new TimedOut("no DirectIo registered in the cluster within "
                    + options.findTimeout().toSeconds() + " s (are the seeds right, and is a coordinator up?)"),
                    options.findTimeout());
            Run run = new Run(ctx, timers, options, inline, out, sinks, completions, UUID.randomUUID().toString());
            return run.finding();
        }));
    }

    /** One run's fixed parts; each step is a method returning the behavior of that step. */
    private record Run(ActorContext<Command> ctx, TimerScheduler<Command> timers, Options options, byte[] inline,
                       Output out, ActorRef<SpawnProtocol.Command> sinks, ActorRef<IoCompletion> completions,
                       String runId) {

        private IoOptions ioOptions() {
            // The window is set explicitly (not left to the coordinator's default) because it is
            // also the bound of the consumer's reorder buffer.
            return IoOptions.DEFAULT.withWindow(options.window()).withRsize(options.rsize());
        }

        private String requestId(String op) {
            return "checksum-" + runId + "-" + op;
        }

        // ---- find ---------------------------------------------------------------------------

        Behavior<Command> finding() {
            return common(null, null).onMessage(DirectIoListed.class, l -> {
                Set<ActorRef<DirectIoProtocol.Command>> found =
                        l.listing().getServiceInstances(DirectIoProtocol.SERVICE_KEY);
                if (found.isEmpty()) {
                    return Behaviors.same();
                }
                // Any coordinator will do; picking at random spreads clients over them.
                List<ActorRef<DirectIoProtocol.Command>> all = new ArrayList<>(found);
                ActorRef<DirectIoProtocol.Command> directIo = all.get(ThreadLocalRandom.current().nextInt(all.size()));
                // Requests belong to the coordinator that accepted them and die with it: watching it
                // turns a crash into a message instead of a completion that never comes.
                ctx.watchWith(directIo, new CoordinatorTerminated(directIo.path().toString()));
                out.directIo(directIo.path().toString());
                return spawnConsumer(directIo);
            }).build();
        }

        // ---- read ---------------------------------------------------------------------------

        @SuppressWarnings("unchecked")
        private Behavior<Command> spawnConsumer(ActorRef<DirectIoProtocol.Command> directIo) {
            String readId = requestId("read");
            Class<ActorRef<Object>> refClass = (Class<ActorRef<Object>>) (Class<?>) ActorRef.class;
            ctx.ask(refClass, sinks, SPAWN_TIMEOUT,
                    replyTo -> new SpawnProtocol.Spawn<>(
                            Sha256Consumer.create(readId, options.offset(), options.window()),
                            "sha256-" + runId, Props.empty(), replyTo),
                    ConsumerSpawned::new);
            return common(directIo, null).onMessage(ConsumerSpawned.class, m -> {
                if (m.failure() != null) {
                    return fail("could not spawn the Stream consumer: " + m.failure().getMessage());
                }
                ActorRef<ChunkData> consumer = m.consumer().narrow();
                directIo.tell(new DirectIoProtocol.Read(readId, options.url(), options.offset(), options.length(),
                        new Sink.Stream(consumer), ioOptions(), completions));
                startStepTimer("the read");
                return reading(directIo, readId, m.consumer());
            }).build();
        }

        private Behavior<Command> reading(ActorRef<DirectIoProtocol.Command> directIo, String readId,
                                          ActorRef<Object> consumer) {
            return common(directIo, readId).onMessage(Completed.class, m -> {
                IoCompletion c = m.completion();
                if (!c.requestId().equals(readId)) {
                    return Behaviors.same();
                }
                out.completion("read", c);
                if (!c.ok()) {
                    // The consumer stops with the actor system; its digest of a partial read is of no use.
                    return fail(null);
                }
                long end = options.offset() + c.bytes();
                ctx.ask(Sha256Consumer.Result.class, consumer, FINISH_TIMEOUT,
                        replyTo -> new Sha256Consumer.Finish(end, replyTo), Digested::new);
                return digesting(directIo, c.bytes());
            }).build();
        }

        private Behavior<Command> digesting(ActorRef<DirectIoProtocol.Command> directIo, long bytes) {
            return common(directIo, null).onMessage(Digested.class, m -> {
                if (m.failure() != null) {
                    return fail("the consumer did not answer: " + m.failure().getMessage());
                }
                if (m.result() instanceof Sha256Consumer.Failed f) {
                    return fail("the digest is not trustworthy: " + f.reason());
                }
                Sha256Consumer.Digest d = (Sha256Consumer.Digest) m.result();
                if (d.bytes() != bytes) {
                    return fail("hashed " + d.bytes() + " bytes, but the read completed " + bytes);
                }
                out.sha256(d, options.url());
                return write(directIo);
            }).build();
        }

        // ---- write --------------------------------------------------------------------------

        private Behavior<Command> write(ActorRef<DirectIoProtocol.Command> directIo) {
            if (options.writeTo() == null) {
                return copy(directIo);
            }
            String writeId = requestId("write");
            out.writeSource(ChecksumService.sha256Hex(inline), inline.length, options.writeTo());
            // Inline bytes travel inside the Write itself, to /user/direct-io, on the ordinary
            // channel: Options keeps them under 192 KiB so the message fits its 256 KiB frame.
            // Offset 0 of a file that is never truncated: a longer existing file keeps its tail.
            directIo.tell(new DirectIoProtocol.Write(writeId, options.writeTo(), 0, new WriteSource.Inline(inline),
                    ioOptions(), completions));
            startStepTimer("the write");
            return common(directIo, writeId).onMessage(Completed.class, m -> {
                if (!m.completion().requestId().equals(writeId)) {
                    return Behaviors.same();
                }
                out.completion("write", m.completion());
                return m.completion().ok() ? copy(directIo) : fail(null);
            }).build();
        }

        // ---- copy ---------------------------------------------------------------------------

        private Behavior<Command> copy(ActorRef<DirectIoProtocol.Command> directIo) {
            if (options.copyTo() == null) {
                return exit(0);
            }
            String copyId = requestId("copy");
            // Only file handles travel: each worker reads its chunk and writes it to the target.
            directIo.tell(new DirectIoProtocol.Copy(copyId, options.url(), options.copyTo(), options.offset(),
                    options.length(), ioOptions(), completions));
            startStepTimer("the copy");
            return common(directIo, copyId).onMessage(Completed.class, m -> {
                if (!m.completion().requestId().equals(copyId)) {
                    return Behaviors.same();
                }
                out.completion("copy", m.completion());
                return m.completion().ok() ? exit(0) : fail(null);
            }).build();
        }

        // ---- shared -------------------------------------------------------------------------

        /**
         * What every step handles alike: listings after the first useful one are ignored (the
         * coordinator is chosen once), a timeout cancels the running request and fails, and a lost
         * coordinator fails. A step adds its own cases after these.
         *
         * @param directIo  the coordinator in use, null before one is found
         * @param requestId the request running now, null when none
         */
        private BehaviorBuilder<Command> common(ActorRef<DirectIoProtocol.Command> directIo, String requestId) {
            BehaviorBuilder<Command> b = Behaviors.receive(Command.class);
            if (directIo != null) {
                // Only once a coordinator is chosen: the first matching case wins, and finding()
                // adds its own case for listings after this one.
                b = b.onMessage(DirectIoListed.class, l -> Behaviors.same());
            }
            return b.onMessage(TimedOut.class, t -> {
                if (directIo != null && requestId != null) {
                    // Without it the request would run on until DirectIo noticed that its replyTo
                    // died with this member.
                    directIo.tell(new DirectIoProtocol.Cancel(requestId));
                }
                return fail(t.what());
            }).onMessage(CoordinatorTerminated.class, t -> fail("the coordinator " + t.ref()
                    + " terminated; its requests died with it and will not complete"
                    + (requestId == null ? "" : " (" + requestId + ")")));
        }

        private void startStepTimer(String what) {
            // One timer key: starting a step's timer replaces the previous step's.
            timers.startSingleTimer(STEP_TIMER, new TimedOut(what + " did not complete within "
                    + options.stepTimeout().toSeconds() + " s"), options.stepTimeout());
        }

        /** @param message what went wrong, or null when an error completion already said it */
        private Behavior<Command> fail(String message) {
            if (message != null) {
                out.failure(message);
            }
            return exit(1);
        }

        private Behavior<Command> exit(int code) {
            timers.cancelAll();
            out.exit(code);
            // Runs every phase: this member leaves the cluster gracefully (the others see it
            // Removed, not Unreachable) and then the actor system terminates.
            CoordinatedShutdown.get(ctx.getSystem()).run(new Exit(code));
            return Behaviors.ignore();
        }
    }
}
