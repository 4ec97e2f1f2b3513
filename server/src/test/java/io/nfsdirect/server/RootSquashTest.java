package io.nfsdirect.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.nfs3.Create3Args;
import io.nfsdirect.protocol.nfs3.Create3Res;
import io.nfsdirect.protocol.nfs3.DirOpArgs3;
import io.nfsdirect.protocol.nfs3.Mkdir3Args;
import io.nfsdirect.protocol.nfs3.Mkdir3Res;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsFh3;
import io.nfsdirect.protocol.nfs3.Read3Args;
import io.nfsdirect.protocol.nfs3.Read3Res;
import io.nfsdirect.protocol.nfs3.Rename3Args;
import io.nfsdirect.protocol.nfs3.Rename3Res;
import io.nfsdirect.protocol.nfs3.Rmdir3Args;
import io.nfsdirect.protocol.nfs3.Rmdir3Res;
import io.nfsdirect.protocol.nfs3.Sattr3;
import io.nfsdirect.protocol.nfs3.Setattr3Args;
import io.nfsdirect.protocol.nfs3.Setattr3Res;
import io.nfsdirect.protocol.nfs3.Symlink3Args;
import io.nfsdirect.protocol.nfs3.Symlink3Res;
import io.nfsdirect.testing.ExternalTools;
import io.nfsdirect.testing.LibNfs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack of a caller who claims uid 0 in AUTH_SYS, against the server's defaults (root_squash)
 * and, to show each check can fail, against a server started with no_root_squash: reading a
 * root-only file, owning what it creates, and leaving a set-ID program behind.
 */
class RootSquashTest {

    private static final byte[] SECRET = "root only\n".getBytes(StandardCharsets.UTF_8);
    private static final int USER = 1000;

    @TempDir
    static Path dir;
    static NfsServer squashing;
    static NfsServer trusting;

    @BeforeAll
    static void start() throws IOException {
        Path secret = Files.write(dir.resolve("secret.bin"), SECRET);
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Path drop = Files.createDirectory(dir.resolve("drop"));
        Files.setPosixFilePermissions(drop, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        squashing = NfsServer.builder().export(dir).build().start();
        trusting = NfsServer.builder().export(dir).rootSquash(false).build().start();
    }

    @AfterAll
    static void stop() {
        for (NfsServer s : new NfsServer[] {squashing, trusting}) {
            if (s != null) {
                s.close();
            }
        }
    }

    @Test
    void aClaimedRootCannotReadAnOwnerOnlyFile() throws IOException {
        assertEquals(NfsStatus.NFS3ERR_ACCES.code(), readSecret(squashing).status);
        Read3Res trusted = readSecret(trusting);
        assertEquals(Nfs3.NFS3_OK, trusted.status, "no_root_squash: root reads it");
        assertEquals(SECRET.length, trusted.count);
    }

    @Test
    void libnfsAsRootIsSquashedToo() {
        ExternalTools.requireTool("libnfs tools", "nfs-cat");
        ExternalTools.Result refused = LibNfs.run(LibNfs.DEFAULT_TIMEOUT, "nfs-cat",
                squashing.libnfsUrl("secret.bin") + "&uid=0&gid=0");
        assertNotEquals(0, refused.exitCode(), "nfs-cat as uid 0 must fail; printed "
                + refused.stdoutText());
        assertEquals(0, refused.stdout().length, "no byte of the file may reach the caller");
        assertTrue(refused.stderr().contains("ACCES") || refused.stderr().contains("ermission"),
                "the refusal names the cause: " + refused.stderr());
        assertArrayEquals(SECRET, LibNfs.cat(trusting.libnfsUrl("secret.bin") + "&uid=0&gid=0"),
                "no_root_squash: the same call reads the file");
    }

    @Test
    void whatAClaimedRootCreatesBelongsToTheAnonymousUser() throws IOException {
        try (RawClient root = RawClient.root(squashing)) {
            NfsFh3 drop = root.lookup(root.mnt(squashing.exportName()), "drop").object;
            Create3Res create = root.nfs(Nfs3.PROC_CREATE, new Create3Args(new DirOpArgs3(drop, "made-by-root"),
                    Nfs3.GUARDED, mode(0644), null), new Create3Res());
            assertEquals(Nfs3.NFS3_OK, create.status);
            int owner = (Integer) Files.getAttribute(dir.resolve("drop/made-by-root"), "unix:uid");
            assertNotEquals(0, owner, "a squashed root must not own what it creates");
            if (runningAsRoot()) {
                // Only a server running as root can give files away; then they are nobody's.
                assertEquals(Caller.NOBODY, owner);
                assertEquals(Caller.NOBODY, (Integer) Files.getAttribute(dir.resolve("drop/made-by-root"), "unix:gid"));
            }
        }
    }

    /** SYMLINK, and RENAME and RMDIR of what the anonymous user does not own, as a claimed root. */
    @Test
    void aClaimedRootsLinksAreTheAnonymousUsersAndOthersEntriesStayPut() throws IOException {
        Path sticky = Files.createDirectory(dir.resolve("sticky"));
        Files.setPosixFilePermissions(sticky, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setAttribute(sticky, "unix:mode", 01777);
        Files.createDirectory(sticky.resolve("roots"));
        try (RawClient root = RawClient.root(squashing)) {
            NfsFh3 export = root.mnt(squashing.exportName());
            NfsFh3 drop = root.lookup(export, "drop").object;
            Symlink3Res link = root.nfs(Nfs3.PROC_SYMLINK, new Symlink3Args(new DirOpArgs3(drop, "root-link"),
                    mode(0777), "secret.bin"), new Symlink3Res());
            assertEquals(Nfs3.NFS3_OK, link.status);
            Path made = dir.resolve("drop/root-link");
            int owner = (Integer) Files.getAttribute(made, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            assertNotEquals(0, owner, "a squashed root must not own the links it makes");
            if (runningAsRoot()) {
                assertEquals(Caller.NOBODY, owner);
            }
            assertEquals(0, (Integer) Files.getAttribute(dir.resolve("secret.bin"), "unix:uid"), "target untouched");

            NfsFh3 stickyFh = root.lookup(export, "sticky").object;
            if (runningAsRoot()) {
                // root's directory in a sticky directory: the anonymous user may neither move nor remove it
                assertEquals(NfsStatus.NFS3ERR_PERM.code(), root.nfs(Nfs3.PROC_RENAME, new Rename3Args(
                        new DirOpArgs3(stickyFh, "roots"), new DirOpArgs3(stickyFh, "mine")), new Rename3Res()).status);
                assertEquals(NfsStatus.NFS3ERR_PERM.code(), root.nfs(Nfs3.PROC_RMDIR,
                        new Rmdir3Args(new DirOpArgs3(stickyFh, "roots")), new Rmdir3Res()).status);
                assertTrue(Files.isDirectory(sticky.resolve("roots")));
            }
        }
    }

    @Test
    void aSquashedCallerMayNotSetTheSetIdBits() throws IOException {
        try (RawClient root = RawClient.root(squashing)) {
            NfsFh3 drop = root.lookup(root.mnt(squashing.exportName()), "drop").object;
            Create3Res setuid = root.nfs(Nfs3.PROC_CREATE, new Create3Args(new DirOpArgs3(drop, "suid"),
                    Nfs3.GUARDED, mode(04755), null), new Create3Res());
            assertEquals(NfsStatus.NFS3ERR_PERM.code(), setuid.status);
            assertFalse(Files.exists(dir.resolve("drop/suid")), "a refused CREATE leaves no file");
            Mkdir3Res setgid = root.nfs(Nfs3.PROC_MKDIR, new Mkdir3Args(new DirOpArgs3(drop, "sgid"), mode(02755)),
                    new Mkdir3Res());
            assertEquals(NfsStatus.NFS3ERR_PERM.code(), setgid.status);

            Create3Res plain = root.nfs(Nfs3.PROC_CREATE, new Create3Args(new DirOpArgs3(drop, "plain"),
                    Nfs3.GUARDED, mode(0755), null), new Create3Res());
            assertEquals(Nfs3.NFS3_OK, plain.status);
            Setattr3Res chmod = root.nfs(Nfs3.PROC_SETATTR, new Setattr3Args(plain.obj.handle, mode(04755), null),
                    new Setattr3Res());
            assertEquals(NfsStatus.NFS3ERR_PERM.code(), chmod.status);
            assertEquals(0755, (Integer) Files.getAttribute(dir.resolve("drop/plain"), "unix:mode") & 07777);
        }
        try (RawClient root = RawClient.root(trusting)) {
            NfsFh3 drop = root.lookup(root.mnt(trusting.exportName()), "drop").object;
            Create3Res setuid = root.nfs(Nfs3.PROC_CREATE, new Create3Args(new DirOpArgs3(drop, "trusted-suid"),
                    Nfs3.GUARDED, mode(04755), null), new Create3Res());
            assertEquals(Nfs3.NFS3_OK, setuid.status, "no_root_squash: root may");
        }
        try (RawClient user = new RawClient(squashing.port(), USER, USER)) {
            NfsFh3 drop = user.lookup(user.mnt(squashing.exportName()), "drop").object;
            Create3Res own = user.nfs(Nfs3.PROC_CREATE, new Create3Args(new DirOpArgs3(drop, "user-suid"),
                    Nfs3.GUARDED, mode(04755), null), new Create3Res());
            assertEquals(Nfs3.NFS3_OK, own.status, "an ordinary user may set-ID their own file, as on Linux");
        }
    }

    private static Read3Res readSecret(NfsServer server) throws IOException {
        try (RawClient root = RawClient.root(server)) {
            NfsFh3 fh = root.lookup(root.mnt(server.exportName()), "secret.bin").object;
            return root.nfs(Nfs3.PROC_READ, new Read3Args(fh, 0, 100), new Read3Res());
        }
    }

    private static Sattr3 mode(int mode) {
        return new Sattr3(mode, null, null, null, Nfs3.DONT_CHANGE, null, Nfs3.DONT_CHANGE, null);
    }

    private static boolean runningAsRoot() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
    }
}
