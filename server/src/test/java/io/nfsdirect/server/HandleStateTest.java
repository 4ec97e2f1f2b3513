package io.nfsdirect.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.nfs3.DirOpArgs3;
import io.nfsdirect.protocol.nfs3.Getattr3Args;
import io.nfsdirect.protocol.nfs3.Getattr3Res;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsFh3;
import io.nfsdirect.protocol.nfs3.Remove3Args;
import io.nfsdirect.protocol.nfs3.Remove3Res;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File handles across a restart of the server: with a state directory they stay good, as
 * knfsd's do, except for files removed before the restart; without one, or with the state of
 * another export, they read as STALE.
 */
class HandleStateTest {

    @TempDir
    Path export;
    @TempDir
    Path state;

    private NfsServer start(Path stateDir) throws IOException {
        NfsServer.Builder b = NfsServer.builder().export(export).rootSquash(false);
        return (stateDir == null ? b : b.stateDirectory(stateDir)).build().start();
    }

    private record Handles(NfsFh3 root, NfsFh3 kept, NfsFh3 removed, NfsFh3 nested) {
    }

    private Handles handlesOf(NfsServer server) throws IOException {
        try (RawClient c = RawClient.root(server)) {
            NfsFh3 root = c.mnt(server.exportName());
            NfsFh3 sub = c.lookup(root, "sub").object;
            Handles h = new Handles(root, c.lookup(root, "kept.bin").object, c.lookup(root, "gone.bin").object,
                    c.lookup(sub, "deep.bin").object);
            Remove3Res removed = c.nfs(Nfs3.PROC_REMOVE, new Remove3Args(new DirOpArgs3(root, "gone.bin")),
                    new Remove3Res());
            assertEquals(Nfs3.NFS3_OK, removed.status);
            return h;
        }
    }

    private static int getattr(NfsServer server, NfsFh3 fh) throws IOException {
        try (RawClient c = RawClient.root(server)) {
            return c.nfs(Nfs3.PROC_GETATTR, new Getattr3Args(fh), new Getattr3Res()).status;
        }
    }

    private void files() throws IOException {
        Files.write(export.resolve("kept.bin"), new byte[123]);
        Files.write(export.resolve("gone.bin"), new byte[7]);
        Files.createDirectory(export.resolve("sub"));
        Files.write(export.resolve("sub").resolve("deep.bin"), new byte[9]);
    }

    @Test
    void handlesSurviveARestartWithTheSameStateDirectory() throws IOException {
        files();
        Handles h;
        try (NfsServer first = start(state)) {
            h = handlesOf(first);
        }
        try (NfsServer second = start(state)) {
            assertEquals(Nfs3.NFS3_OK, getattr(second, h.root()));
            assertEquals(Nfs3.NFS3_OK, getattr(second, h.kept()));
            assertEquals(Nfs3.NFS3_OK, getattr(second, h.nested()));
            assertEquals(NfsStatus.NFS3ERR_STALE.code(), getattr(second, h.removed()), "removed before the restart");
            try (RawClient c = RawClient.root(second)) {
                assertEquals(h.root(), c.mnt(second.exportName()), "the same root handle from MNT");
            }
        }
        try (NfsServer third = start(state)) {
            assertEquals(Nfs3.NFS3_OK, getattr(third, h.kept()), "and after a second restart");
        }
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(state.resolve(HandleState.KEY_FILE))));
    }

    @Test
    void withoutStateOrWithAnotherExportsStateHandlesAreStale(@TempDir Path other) throws IOException {
        files();
        Handles h;
        try (NfsServer first = start(null)) {
            h = handlesOf(first);
        }
        try (NfsServer second = start(null)) {
            assertEquals(NfsStatus.NFS3ERR_STALE.code(), getattr(second, h.kept()));
        }
        Files.write(export.resolve("gone.bin"), new byte[7]);
        try (NfsServer first = start(state)) {
            h = handlesOf(first);
        }
        try (NfsServer elsewhere = NfsServer.builder().export(other).stateDirectory(state).build().start()) {
            assertEquals(NfsStatus.NFS3ERR_STALE.code(), getattr(elsewhere, h.kept()), "another export starts over");
        }
    }

    @Test
    void aJournalEntryLeadingOutsideTheExportIsNeverServed(@TempDir Path outside) throws IOException {
        Path secret = Files.write(outside.resolve("secret"), new byte[] {42});
        try (NfsServer first = start(state)) {
            assertTrue(first.port() > 0);
        }
        FileKey key = FileAttrs.read(secret).fileKey();
        String escape = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                export.relativize(secret).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.writeString(state.resolve(HandleState.JOURNAL_FILE), "+ 99 " + key + " " + escape + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        ByteBuffer k = ByteBuffer.wrap(Files.readAllBytes(state.resolve(HandleState.KEY_FILE)));
        long instance = k.getLong();
        byte[] mac = new byte[32];
        k.get(mac);
        NfsFh3 forged = new NfsFh3(new HandleCodec(instance, mac).encode(99));
        try (NfsServer second = start(state)) {
            assertEquals(NfsStatus.NFS3ERR_STALE.code(), getattr(second, forged), "not " + secret);
        }
    }

    @Test
    void aKeyFileOthersMayReadIsRefused() throws IOException {
        try (NfsServer first = start(state)) {
            assertTrue(first.port() > 0);
        }
        Files.setPosixFilePermissions(state.resolve(HandleState.KEY_FILE), PosixFilePermissions.fromString("rw-r--r--"));
        IOException e = assertThrows(IOException.class, () -> start(state));
        assertTrue(e.getMessage().contains("may be read by others"), e.getMessage());
    }
}
