package io.nfsdirect.worker;

import static io.nfsdirect.worker.Stages.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.nfsdirect.protocol.NfsUrl;
import io.nfsdirect.testing.ExternalTools;
import io.nfsdirect.testing.GaneshaServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client contract against NFS-Ganesha 4.3 (skipped with the reason when it is not installed). */
class GaneshaNfs3ClientTest extends Nfs3ClientContract {

    private static GaneshaServer ganesha;

    @BeforeAll
    static void startGanesha() {
        ganesha = GaneshaServer.shared();
    }

    @Override
    protected String url(String relativePath) {
        return ganesha.url(relativePath);
    }

    @Override
    protected Path local(String relativePath) {
        return ganesha.local(relativePath);
    }

    @Override
    protected String newDirectory(String prefix) {
        return ganesha.newDirectory(prefix);
    }

    @Test
    void portsComeFromThePortmapperWhenNotGiven() {
        assumeOurRegistration();
        try (Nfs3Client discovered = open(Nfs3ClientConfig.builder(GaneshaServer.HOST).build())) {
            assertEquals(ganesha.nfsPort(), discovered.nfsPort());
            assertEquals(ganesha.mountPort(), discovered.mountPort());
            assertTrue(await(discovered.resolve(nfsUrl(""))).isDirectory());
        }
    }

    @Test
    void givenNfsPortTakesMountFromThePortmapperOfTheSameServer() {
        assumeOurRegistration();
        NfsUrl url = NfsUrl.parse("nfs://" + GaneshaServer.HOST + ":" + ganesha.nfsPort() + nfsUrl("").path());
        try (Nfs3Client client = open(Nfs3ClientConfig.from(url))) {
            assertEquals(ganesha.mountPort(), client.mountPort());
            assertTrue(await(client.resolve(url)).isDirectory());
        }
    }

    private static Nfs3Client open(Nfs3ClientConfig config) {
        try {
            return Nfs3Client.open(config);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * rpcbind holds one registration per program; a Ganesha started later (by another test JVM)
     * replaces ours, and then the portmapper rightly points elsewhere.
     */
    private static void assumeOurRegistration() {
        Optional<Path> rpcinfo = ExternalTools.find("rpcinfo");
        Assumptions.assumeTrue(rpcinfo.isPresent(), "rpcinfo not installed");
        String table = ExternalTools.run(Duration.ofSeconds(10), rpcinfo.get().toString(), "-p", GaneshaServer.HOST)
                .stdoutText();
        boolean nfs = table.lines().anyMatch(l -> l.trim().matches("100003\\s+3\\s+tcp\\s+" + ganesha.nfsPort() + "\\s+.*"));
        boolean mount = table.lines().anyMatch(l -> l.trim().matches("100005\\s+3\\s+tcp\\s+" + ganesha.mountPort() + "\\s+.*"));
        Assumptions.assumeTrue(nfs && mount, "rpcbind's NFS/MOUNT registration now belongs to another server:\n" + table);
    }
}
