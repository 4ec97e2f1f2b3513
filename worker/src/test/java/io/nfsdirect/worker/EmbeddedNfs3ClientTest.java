package io.nfsdirect.worker;

import static io.nfsdirect.worker.Stages.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.nfsdirect.protocol.NfsUrl;
import io.nfsdirect.server.NfsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client contract against the project's embedded server (NFS and MOUNT on one port). */
class EmbeddedNfs3ClientTest extends Nfs3ClientContract {

    @TempDir
    static Path temp;
    private static NfsServer server;
    private static Path export;

    @BeforeAll
    static void startServer() throws IOException {
        export = Files.createDirectory(temp.resolve("export"));
        Files.setPosixFilePermissions(export, PosixFilePermissions.fromString("rwxrwxrwx"));
        server = NfsServer.builder().export(export).rootSquash(false).port(0).build();
        server.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected String url(String relativePath) {
        return server.url(relativePath);
    }

    @Override
    protected Path local(String relativePath) {
        return server.exportDirectory().resolve(relativePath);
    }

    @Override
    protected String newDirectory(String prefix) {
        try {
            Path dir = Files.createTempDirectory(server.exportDirectory(), prefix + "-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            return server.exportDirectory().relativize(dir).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A server restart invalidates every handle, including the cached export root: resolving
     * again mounts again, on a new connection, without the caller doing anything.
     */
    @Test
    void resolveSurvivesAServerRestartOnTheSamePort() throws IOException {
        Path own = Files.createDirectory(temp.resolve("restart"));
        Files.writeString(own.resolve("f.txt"), "hello");
        NfsServer first = NfsServer.builder().export(own).rootSquash(false).port(0).build();
        first.start();
        int port = first.port();
        NfsUrl url = NfsUrl.parse(first.url("f.txt"));
        try (Nfs3Client restarted = Nfs3Client.open(Nfs3ClientConfig.from(url))) {
            NfsFile before = await(restarted.resolve(url));
            first.close();
            NfsServer second = NfsServer.builder().export(own).rootSquash(false).port(port).build();
            second.start();
            try {
                NfsFile after = await(restarted.resolve(url));
                assertEquals(5, after.size());
                var res = await(restarted.getattr(before.handle()));
                assertTrue(res.status != 0, "the old handle is stale after the restart");
            } finally {
                second.close();
            }
        } finally {
            first.close();
        }
    }

    /**
     * Against a server with exports(5) {@code secure}: as root, the client connects from a
     * reserved port and is served; from any port it is refused with EACCES at MNT.
     */
    @Test
    void aClientRunningAsRootUsesAReservedPortThatASecureServerAccepts() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(ReservedPorts.mayBind(), "reserved ports need root");
        Path own = Files.createDirectory(temp.resolve("secure"));
        Files.writeString(own.resolve("f.txt"), "hello");
        try (NfsServer secure = NfsServer.builder().export(own).rootSquash(false).securePorts(true).build().start()) {
            NfsUrl url = NfsUrl.parse(secure.url("f.txt"));
            try (Nfs3Client reserved = Nfs3Client.open(Nfs3ClientConfig.from(url))) {
                assertEquals(5, await(reserved.resolve(url)).size());
            }
            try (Nfs3Client anyPort = Nfs3Client.open(Nfs3ClientConfig.from(url).toBuilder().reservedPort(false).build())) {
                io.nfsdirect.protocol.NfsException e = Stages.failure(anyPort.resolve(url));
                assertEquals(io.nfsdirect.protocol.Errno.EACCES, e.errno(), e.getMessage());
            }
        }
    }

    /** Even with rpcbind running and another server registered, MOUNT stays on this server. */
    @Test
    void mountGoesToTheNfsPortWhenOnlyThatIsGiven() {
        NfsUrl url = nfsUrl("");
        assertEquals(0, url.mountPort());
        assertEquals(server.port(), client.nfsPort());
        assertEquals(server.port(), client.mountPort());
        assertTrue(await(client.resolve(url)).isDirectory());
    }
}
