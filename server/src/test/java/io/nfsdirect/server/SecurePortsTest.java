package io.nfsdirect.server;

import static io.nfsdirect.server.Wire.call;
import static io.nfsdirect.server.Wire.receive;
import static io.nfsdirect.server.Wire.send;
import static io.nfsdirect.server.Wire.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.mount3.Mount3;
import io.nfsdirect.protocol.nfs3.Nfs3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * exports(5)'s {@code secure} against real sockets: from a source port of 1024 or more, MNT is
 * MNT3ERR_ACCES and every NFS procedure but NULL is NFS3ERR_PERM; from a reserved port (which
 * only root can bind, so that part runs as root) the same calls are served.
 */
class SecurePortsTest {

    private static final int MNT3ERR_ACCES = 13;

    @TempDir
    Path export;

    @Test
    void aSecureServerRefusesUnprivilegedPortsAndServesReservedOnes() throws IOException {
        Files.write(export.resolve("f"), new byte[10]);
        try (NfsServer server = NfsServer.builder().export(export).rootSquash(false).securePorts(true).build().start()) {
            try (Socket s = Wire.connect(server)) {
                send(s, mnt(1, server.exportName()));
                assertEquals(MNT3ERR_ACCES, receive(s).body().getInt(), "MNT from port " + s.getLocalPort());
                send(s, call(2, Nfs3.PROGRAM, Nfs3.PROC_GETATTR, fh(new byte[32])));
                assertEquals(NfsStatus.NFS3ERR_PERM.code(), receive(s).body().getInt(), "GETATTR");
                send(s, call(3, Nfs3.PROGRAM, Nfs3.PROC_NULL, new byte[0]));
                assertEquals(0, receive(s).acceptStat(), "NULL is answered from any port");
            }
            try (Socket s = reserved(server)) {
                send(s, mnt(4, server.exportName()));
                ByteBuffer res = receive(s).body();
                assertEquals(Mount3.MNT3_OK, res.getInt(), "MNT from reserved port " + s.getLocalPort());
                byte[] root = new byte[res.getInt()];
                res.get(root);
                send(s, call(5, Nfs3.PROGRAM, Nfs3.PROC_GETATTR, fh(root)));
                assertEquals(Nfs3.NFS3_OK, receive(s).body().getInt(), "GETATTR from a reserved port");
            }
        }
    }

    @Test
    void anInsecureServerServesAnyPort() throws IOException {
        try (NfsServer server = NfsServer.builder().export(export).rootSquash(false).build().start();
             Socket s = Wire.connect(server)) {
            send(s, mnt(1, server.exportName()));
            assertEquals(Mount3.MNT3_OK, receive(s).body().getInt());
        }
    }

    /** A connection from a port below 1024; skips the test where this process may not bind one. */
    private static Socket reserved(NfsServer server) throws IOException {
        for (int port = 1023; port >= 600; port--) {
            Socket s = new Socket();
            try {
                s.bind(new InetSocketAddress(port));
            } catch (BindException e) {
                s.close();
                if (e.getMessage() != null && e.getMessage().contains("Permission denied")) {
                    assumeTrue(false, "binding a reserved port needs root");
                }
                continue;
            }
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
            s.setSoTimeout(10_000);
            return s;
        }
        throw new IOException("no reserved port is free");
    }

    private static byte[] mnt(int xid, String path) {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream args = new ByteArrayOutputStream();
        args.writeBytes(words(name.length));
        args.writeBytes(name);
        args.writeBytes(new byte[(4 - name.length % 4) % 4]);
        return call(xid, Mount3.PROGRAM, Mount3.PROC_MNT, args.toByteArray());
    }

    private static byte[] fh(byte[] handle) {
        ByteBuffer b = ByteBuffer.allocate(4 + handle.length);
        b.putInt(handle.length).put(handle);
        return b.array();
    }
}
