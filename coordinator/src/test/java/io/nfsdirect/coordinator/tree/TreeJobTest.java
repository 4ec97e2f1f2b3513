package io.nfsdirect.coordinator.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.NfsUrl;
import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.server.NfsServer;
import io.nfsdirect.worker.Nfs3Client;
import io.nfsdirect.worker.Nfs3ClientConfig;
import io.nfsdirect.worker.NfsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tree job's pacing and accounting, over a real tree on the embedded server, with an action
 * that only records what it is asked and when: what runs at once stays within the file window and
 * the chunk budget, every file is done once and after its directory, a failure is listed under its
 * path, and a cancel starts nothing more and still ends with one completion.
 */
class TreeJobTest {

    @TempDir
    static Path export;
    private static NfsServer server;
    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final Executor LATER = CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS);

    @BeforeAll
    static void startServer() throws IOException {
        server = NfsServer.builder().export(export).rootSquash(false).port(0).build().start();
    }

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
        server.close();
    }

    /** Records the job's calls; each file ends a few ms after it started, failing if its name says so. */
    private static final class Recorder implements FileAction {
        final Set<String> directories = ConcurrentHashMap.newKeySet();
        final List<String> files = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxRunning = new AtomicInteger();
        final AtomicInteger chunks = new AtomicInteger();
        final AtomicInteger maxChunks = new AtomicInteger();
        final Set<String> startedInMissingDirectory = ConcurrentHashMap.newKeySet();
        final Set<String> cancelled = ConcurrentHashMap.newKeySet();
        final TreeJob.Settings settings;
        volatile boolean finished;

        Recorder(TreeJob.Settings settings) {
            this.settings = settings;
        }

        @Override
        public CompletionStage<Void> directory(TreeEntry directory) {
            return CompletableFuture.runAsync(() -> directories.add(directory.path()), LATER);
        }

        @Override
        public CompletionStage<FileResult> file(TreeEntry file, String requestId, LongConsumer progress) {
            String parent = file.path().contains("/") ? file.path().substring(0, file.path().lastIndexOf('/')) : "";
            if (!parent.isEmpty() && !directories.contains(parent)) {
                startedInMissingDirectory.add(file.path());
            }
            files.add(file.path());
            int share = settings.chunksOf(file.attributes().size);
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            maxChunks.accumulateAndGet(chunks.addAndGet(share), Math::max);
            return CompletableFuture.supplyAsync(() -> {
                running.decrementAndGet();
                chunks.addAndGet(-share);
                if (file.path().endsWith("bad")) {
                    throw IoError.errno(Errno.EIO, "test " + file.path(), 7).raise();
                }
                progress.accept(file.attributes().size);
                return new FileResult(file.attributes().size, null);
            }, LATER);
        }

        @Override
        public CompletionStage<Void> symlink(TreeEntry link) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void cancel(String requestId) {
            cancelled.add(requestId);
        }

        @Override
        public CompletionStage<Void> finish() {
            finished = true;
            return CompletableFuture.completedFuture(null);
        }
    }

    private static Set<String> makeTree(String name) throws IOException {
        Set<String> files = new HashSet<>();
        for (int d = 0; d < 6; d++) {
            Path dir = Files.createDirectories(export.resolve(name + "/d" + d + "/sub"));
            for (int f = 0; f < 40; f++) {
                Files.write(dir.resolve("f" + f), new byte[f * 1000]);
                files.add("d" + d + "/sub/f" + f);
            }
        }
        Files.write(export.resolve(name + "/big"), new byte[5 << 20]);
        Files.write(export.resolve(name + "/d3/bad"), new byte[10]);
        files.add("big");
        files.add("d3/bad");
        return files;
    }

    private static TreeJob.Completed run(String name, Recorder action, TestProbe<TreeJob.Event> events,
                                         boolean cancelEarly) throws Exception {
        NfsUrl url = NfsUrl.parse(server.url(name));
        try (Nfs3Client client = Nfs3Client.open(Nfs3ClientConfig.from(url))) {
            NfsFile root = client.resolve(url).toCompletableFuture().get(30, TimeUnit.SECONDS);
            ActorRef<TreeJob.Command> job = KIT.spawn(TreeJob.create(client, root, "test", TreeFilter.defaults(),
                    action.settings, action, events.getRef()));
            if (cancelEarly) {
                events.fishForMessage(Duration.ofSeconds(30), e -> e instanceof TreeJob.FileDone
                        ? FishingOutcomes.complete()
                        : FishingOutcomes.continueAndIgnore());
                job.tell(new TreeJob.Cancel());
            }
            List<TreeJob.Event> all = events.fishForMessage(Duration.ofSeconds(60), e -> e instanceof TreeJob.Completed
                    ? FishingOutcomes.complete()
                    : FishingOutcomes.continueAndIgnore());
            events.expectNoMessage(Duration.ofMillis(200));
            return (TreeJob.Completed) all.get(all.size() - 1);
        }
    }

    @Test
    void everyFileIsDoneOnceWithinTheWindowAndTheBudgetAfterItsDirectory() throws Exception {
        Set<String> files = makeTree("paced");
        TreeJob.Settings settings = new TreeJob.Settings(5, 12, 1 << 20, 4, 2);
        Recorder action = new Recorder(settings);
        TreeJob.Completed c = run("paced", action, KIT.createTestProbe(), false);

        assertEquals(files.size(), action.files.size(), "each file once");
        assertEquals(files, new HashSet<>(action.files));
        assertTrue(action.maxRunning.get() <= 5, "files at once: " + action.maxRunning.get());
        assertTrue(action.maxRunning.get() > 1, "files ran side by side");
        assertTrue(action.maxChunks.get() <= 12, "chunks at once: " + action.maxChunks.get());
        assertEquals(Set.of(), action.startedInMissingDirectory, "a file started before its directory was made");
        assertTrue(action.finished);
        assertEquals(1, c.failures().size(), c.failures().toString());
        assertEquals("d3/bad", c.failures().get(0).path());
        assertEquals("EIO", c.failures().get(0).error().errno());
        assertEquals(files.size() - 1, c.counts().filesDone());
        assertEquals(files.size(), c.counts().filesScanned());
        assertEquals(1 + 6 * 2, c.counts().directories());
        assertFalse(c.ok());
    }

    @Test
    void aCancelStartsNothingMoreAndStillCompletesOnce() throws Exception {
        Set<String> files = makeTree("cancelled");
        TreeJob.Settings settings = new TreeJob.Settings(2, 64, 1 << 20, 4, 1);
        Recorder action = new Recorder(settings);
        TreeJob.Completed c = run("cancelled", action, KIT.createTestProbe(), true);
        int started = action.files.size();
        Thread.sleep(300);

        assertTrue(c.cancelled());
        assertEquals(started, action.files.size(), "a file started after the completion");
        assertTrue(started < files.size(), "the cancel came too late to show anything: " + started);
        assertEquals(0, action.running.get(), "the completion came with files still running");
        assertFalse(action.finished, "a cancelled job does not finish the directories");
    }
}
