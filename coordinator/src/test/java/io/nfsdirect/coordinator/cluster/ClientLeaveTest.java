package io.nfsdirect.coordinator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A client node whose actor system does not stop once its work is done: the leave gives up on it
 * after the client's bound, says what still ran, and returns, so the command keeps its status.
 */
class ClientLeaveTest {

    @Test
    void aClientsStalledTerminationIsWarnedAboutAndLeftBehind() throws Exception {
        ClusterTesting cluster = new ClusterTesting();
        Logger log = (Logger) LoggerFactory.getLogger(ClusterNode.class);
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        log.addAppender(warnings);
        CountDownLatch release = new CountDownLatch(1);
        try {
            ClusterNode seed = cluster.first(Set.of(NodeSettings.COORDINATOR, NodeSettings.WORKER), null);
            ClusterNode client = cluster.join(seed, Set.of(NodeSettings.CLIENT),
                    "nfs-direct.cluster.client-leave-timeout = 2s");
            cluster.awaitFormed(seed, 1);
            // Stands for whatever holds Pekko's termination up: the system cannot stop past this actor.
            client.system().systemActorOf(Behaviors.receive(Object.class).onSignal(PostStop.class, s -> {
                release.await(2, TimeUnit.MINUTES);
                return Behaviors.same();
            }).build(), "stuck-in-post-stop", Props.empty());

            long start = System.nanoTime();
            client.leave();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "the leave took " + took);
            assertFalse(client.system().getWhenTerminated().toCompletableFuture().isDone(),
                    "the system was to be still stopping");
            List<String> warned = warnings.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertEquals(1, warned.size(), warned.toString());
            String w = warned.get(0);
            assertTrue(w.contains(client.address()) && w.contains("did not stop within PT2S")
                    && w.contains("stuck-in-post-stop"), w);
        } finally {
            log.detachAppender(warnings);
            release.countDown();
            cluster.closeAll();
        }
    }
}
