package io.nfsdirect.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfsdirect.protocol.api.DirectIoProtocol;
import io.nfsdirect.protocol.api.IoCompletion;
import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.protocol.api.Sink;
import io.nfsdirect.protocol.api.WriteSource;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The facade's promise when a coordinator dies: re-run what can be re-run, once, and say so. */
class DirectIoClientTest {

    private static final ActorTestKit kit = ActorTestKit.create();

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    private static ActorRef<DirectIoProtocol.Command> coordinator(TestProbe<DirectIoProtocol.Command> probe,
                                                                   String name) {
        return kit.spawn(Behaviors.<DirectIoProtocol.Command>receiveMessage(m -> {
            probe.getRef().tell(m);
            return Behaviors.same();
        }), name);
    }

    @Test
    void aReadWhoseCoordinatorDiesRunsOnceMoreElsewhereAndSaysSo() throws Exception {
        TestProbe<DirectIoProtocol.Command> firstProbe = kit.createTestProbe();
        TestProbe<DirectIoProtocol.Command> secondProbe = kit.createTestProbe();
        ActorRef<DirectIoProtocol.Command> first = coordinator(firstProbe, "first-coordinator");
        ActorRef<DirectIoProtocol.Command> second = coordinator(secondProbe, "second-coordinator");
        DirectIoClient client = new DirectIoClient(kit.system(), first, Duration.ofSeconds(30),
                excluded -> CompletableFuture.completedFuture(excluded.contains(second) ? null : second));
        CompletionStage<IoCompletion> pending = client.read("r1", "nfs://h/e/f", 0, 10, new Sink.Digest(),
                IoOptions.DEFAULT);
        firstProbe.expectMessageClass(DirectIoProtocol.Read.class);
        kit.stop(first);
        DirectIoProtocol.Read again = secondProbe.expectMessageClass(DirectIoProtocol.Read.class);
        assertEquals("r1", again.requestId());
        again.replyTo().tell(new IoCompletion("r1", 10, null, null, null, null, false));
        IoCompletion c = pending.toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(10, c.bytes());
        assertTrue(c.retried());
    }

    @Test
    void aWriteOfInlineBytesIsNotRerunAndTheCallerIsTold() {
        TestProbe<DirectIoProtocol.Command> probe = kit.createTestProbe();
        ActorRef<DirectIoProtocol.Command> only = coordinator(probe, "lone-coordinator");
        DirectIoClient client = new DirectIoClient(kit.system(), only, Duration.ofSeconds(30),
                excluded -> {
                    throw new AssertionError("an inline write must not look for another coordinator");
                });
        CompletionStage<IoCompletion> pending = client.write("w1", "nfs://h/e/f", 0,
                new WriteSource.Inline(new byte[] {1, 2, 3}), IoOptions.DEFAULT);
        probe.expectMessageClass(DirectIoProtocol.Write.class);
        kit.stop(only);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> pending.toCompletableFuture().get(10, TimeUnit.SECONDS));
        DirectIoClient.CoordinatorLostException lost =
                assertInstanceOf(DirectIoClient.CoordinatorLostException.class, e.getCause());
        assertTrue(lost.getMessage().contains("resend"), lost.getMessage());
    }

    @Test
    void anAnswerBeforeAnyTroubleIsNotMarkedRetried() throws Exception {
        TestProbe<DirectIoProtocol.Command> probe = kit.createTestProbe();
        DirectIoClient client = new DirectIoClient(kit.system(), probe.getRef(), Duration.ofSeconds(30));
        CompletionStage<IoCompletion> pending = client.copy("c1", "nfs://a/e/f", "nfs://b/e/f", 0, 5,
                IoOptions.DEFAULT);
        DirectIoProtocol.Copy copy = probe.expectMessageClass(DirectIoProtocol.Copy.class);
        copy.replyTo().tell(new IoCompletion("c1", 5, null, null, null, null, false));
        assertFalse(pending.toCompletableFuture().get(10, TimeUnit.SECONDS).retried());
    }
}
