package io.nfsdirect.worker;

import static io.nfsdirect.worker.Stages.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.NfsUrl;
import io.nfsdirect.protocol.nfs3.DirOpArgs3;
import io.nfsdirect.protocol.nfs3.Lookup3Res;
import io.nfsdirect.protocol.nfs3.Mknod3Args;
import io.nfsdirect.protocol.nfs3.Mknod3Res;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsFh3;
import io.nfsdirect.protocol.nfs3.Pathconf3Res;
import io.nfsdirect.protocol.nfs3.Sattr3;
import io.nfsdirect.protocol.nfs3.Setattr3Args;
import io.nfsdirect.protocol.nfs3.Specdata3;
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

    /**
     * A link may point anywhere, and its text comes back as stored, but the server never follows
     * it: LOOKUP through it finds no directory and READ no file, so /etc stays out of reach.
     */
    @Test
    void aSymlinkOutOfTheExportIsStoredButNeverFollowed() throws IOException {
        NfsFh3 parent = await(client.resolve(nfsUrl(""))).handle();
        assertEquals(Nfs3.NFS3_OK, await(client.symlink(parent, "out", "/etc")).status);
        assertEquals(Path.of("/etc"), Files.readSymbolicLink(localFile("out")));

        Lookup3Res out = await(client.lookup(parent, "out"));
        assertEquals(Nfs3.NFS3_OK, out.status);
        assertEquals(Nfs3.NF3LNK, out.objAttributes.attributes.type);
        assertEquals("/etc", await(client.readlink(out.object)).data);
        assertEquals(NfsStatus.NFS3ERR_NOTDIR.code(), await(client.lookup(out.object, "passwd")).status);
        assertEquals(NfsStatus.NFS3ERR_INVAL.code(), await(client.read(out.object, 0, 100, null)).status);
        assertEquals(NfsStatus.NFS3ERR_NOTSUPP.code(), await(client.setattr(new Setattr3Args(out.object,
                new Sattr3(0600, null, null, null, 0, null, 0, null), null))).status, "a link has no mode of its own");
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of("/etc"))));
    }

    /** Both names of a RENAME lie in the export: no "..", no '/', no handle of another server. */
    @Test
    void renameNeverLeavesTheExport() throws IOException {
        NfsFh3 parent = await(client.resolve(nfsUrl(""))).handle();
        Files.writeString(localFile("stay"), "here");
        assertEquals(NfsStatus.NFS3ERR_ACCES.code(), await(client.rename(parent, "stay", parent, "..")).status);
        assertEquals(NfsStatus.NFS3ERR_ACCES.code(), await(client.rename(parent, "stay", parent, "../../x")).status);
        assertEquals(NfsStatus.NFS3ERR_ACCES.code(), await(client.rename(parent, "../" + dir, parent, "x")).status);

        Path elsewhere = Files.createDirectory(temp.resolve("elsewhere"));
        try (NfsServer other = NfsServer.builder().export(elsewhere).rootSquash(false).port(0).build().start();
             Nfs3Client otherClient = Nfs3Client.open(Nfs3ClientConfig.from(NfsUrl.parse(other.url(""))))) {
            NfsFh3 foreign = await(otherClient.resolve(NfsUrl.parse(other.url("")))).handle();
            int status = await(client.rename(parent, "stay", foreign, "stolen")).status;
            assertTrue(status == NfsStatus.NFS3ERR_BADHANDLE.code() || status == NfsStatus.NFS3ERR_STALE.code(),
                    "another export's handle: " + status);
        }
        assertEquals("here", Files.readString(localFile("stay")));
        try (var listing = Files.list(elsewhere)) {
            assertEquals(0, listing.count());
        }
    }

    @Test
    void pathconfGivesTheServersOwnLimits() {
        Pathconf3Res conf = await(client.pathconf(await(client.resolve(nfsUrl(""))).handle()));
        assertEquals(255, conf.nameMax);
        assertEquals(255, conf.linkmax);
    }

    /** MKNOD makes no device, FIFO or socket; other types are not MKNOD's to make. */
    @Test
    void mknodMakesNoSpecialFiles() throws IOException {
        NfsFh3 parent = await(client.resolve(nfsUrl(""))).handle();
        for (int type : new int[] {Nfs3.NF3CHR, Nfs3.NF3BLK, Nfs3.NF3SOCK, Nfs3.NF3FIFO}) {
            boolean device = type == Nfs3.NF3CHR || type == Nfs3.NF3BLK;
            Mknod3Res res = await(client.mknod(new Mknod3Args(new DirOpArgs3(parent, "node" + type), type,
                    new Sattr3(), device ? new Specdata3(1, 3) : null)));
            assertEquals(NfsStatus.NFS3ERR_NOTSUPP.code(), res.status, "type " + type);
        }
        assertEquals(NfsStatus.NFS3ERR_BADTYPE.code(), await(client.mknod(new Mknod3Args(
                new DirOpArgs3(parent, "reg"), Nfs3.NF3REG, null, null))).status);
        try (var listing = Files.list(localFile(""))) {
            assertEquals(0, listing.count());
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
