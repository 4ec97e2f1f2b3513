package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfsdirect.protocol.nfs3.Lookup3Res;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsFh3;
import io.nfsdirect.testing.ExternalTools;
import io.nfsdirect.testing.LibNfs;
import io.nfsdirect.worker.Nfs3Client;
import io.nfsdirect.worker.Nfs3ClientConfig;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nfsdirect serve}, with its default limits, as a real process under the attack that once
 * took it to 2.1 GB of RSS and thousands of ERROR lines: 30 connections that each pipeline 100
 * READs of 1 MiB and never read a reply. Its memory stays bounded, libnfs's {@code nfs-cat} still
 * gets exact bytes meanwhile, and when the attackers hang up, stderr stays quiet. The server
 * takes any source port here ({@code --insecure-ports}): the attack comes from unprivileged
 * sockets, which a secure server would refuse before any READ allocates a buffer.
 */
class ServeUnderAbuseIT {

    private static final int MIB = 1 << 20;
    private static final int CONNECTIONS = 30;
    private static final int CALLS = 100;

    @TempDir
    Path tmp;

    @Test
    void unreadRepliesNeitherGrowTheServerNorFloodItsLog() throws Exception {
        ExternalTools.requireTool("libnfs tools", "nfs-cat");
        byte[] data = CommandsContract.random(4 * MIB, 9);
        Path export = exportHolding(data);
        int port = ExternalTools.freePort();
        Process serve = Cli.start("serve", "--export", export.toString(), "--port", String.valueOf(port),
                "--ephemeral-handles", "--insecure-ports");
        CompletableFuture<byte[]> stderr = Cli.drain(serve.getErrorStream());
        List<Socket> attackers = new ArrayList<>();
        try {
            awaitServing(serve);
            byte[] handle = handleOf(port, export.toString(), "f.bin");
            long rssBefore = rssKiB(serve.pid());
            byte[] flood = pipelinedReads(handle);
            for (int i = 0; i < CONNECTIONS; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                attackers.add(s);
                s.getOutputStream().write(flood);
            }
            Thread.sleep(5000);
            long rss = rssKiB(serve.pid());
            String query = "?nfsport=" + port + "&mountport=" + port + "&version=3";
            assertArrayEquals(data, LibNfs.cat("nfs://127.0.0.1" + export + "/f.bin" + query),
                    "a good client is served during the flood");
            long peak = Math.max(rss, rssKiB(serve.pid()));
            System.out.println("serve RSS: " + rssBefore / 1024 + " MiB before, " + peak / 1024
                    + " MiB with " + CONNECTIONS + " x " + CALLS + " MiB of READs unread");
            // 256 MiB of replies in all plus two 1 MiB replies per connection, over a JVM's own
            // ~150 MiB; without the bound it held all 3,000 MiB it was asked for.
            assertTrue(peak < 700 * 1024, "serve's RSS reached " + peak / 1024 + " MiB");
        } finally {
            for (Socket s : attackers) {
                s.setSoLinger(true, 0);
                s.close();
            }
            Thread.sleep(2000);
            ExternalTools.run(Duration.ofSeconds(10), "kill", "-INT", String.valueOf(serve.pid()));
            if (!serve.waitFor(20, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
        }
        String err = new String(stderr.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        long errorLines = err.lines().filter(l -> l.contains("ERROR")).count();
        assertEquals(0, errorLines, "no ERROR for the replies lost with the connections:\n"
                + err.substring(0, Math.min(err.length(), 4000)));
    }

    /**
     * The same process with small limits: a connection that sits idle is closed after
     * {@code --idle-timeout}, and one past {@code --max-connections} closes the one idle longest.
     */
    @Test
    void idleConnectionsAreReapedAndTheCapClosesTheOneIdleLongest() throws Exception {
        Path export = TemporaryExport.prepare(Files.createDirectory(tmp.resolve("export"))).toRealPath();
        int port = ExternalTools.freePort();
        Process serve = Cli.start("serve", "--export", export.toString(), "--port", String.valueOf(port),
                "--ephemeral-handles", "--insecure-ports", "--idle-timeout", "2", "--max-connections", "3");
        Cli.drain(serve.getErrorStream());
        try {
            awaitServing(serve);
            try (Socket idle = connect(port)) {
                long start = System.nanoTime();
                assertEquals(-1, idle.getInputStream().read(), "the idle connection is closed");
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertTrue(ms >= 1500 && ms < 10_000, "closed after " + ms + " ms, idle timeout 2 s");
            }
            try (Socket first = connect(port); Socket second = connect(port); Socket third = connect(port)) {
                nullCall(first, 1);
                nullCall(second, 2);
                nullCall(third, 3);
                Thread.sleep(100);
                nullCall(first, 4);
                nullCall(third, 5);
                try (Socket fourth = connect(port)) {
                    nullCall(fourth, 6);
                    assertEquals(-1, second.getInputStream().read(), "the one idle longest is closed");
                    nullCall(first, 7);
                }
            }
        } finally {
            serve.destroy();
            if (!serve.waitFor(20, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
        }
    }

    /**
     * With direct memory capped at 64 MiB, far below the default reply budget, the server holds
     * its unsent replies to what that memory allows: a flood of pipelined READs is paused, not
     * answered with lost replies. Every call on every connection is answered in the end, none
     * closed, and a good client is served during the flood. Without the fit, Grizzly's copies of
     * replies ran out of direct memory and connections lost replies.
     */
    @Test
    void unsentRepliesFitTheDirectMemoryAndNoCallIsLeftUnanswered() throws Exception {
        ExternalTools.requireTool("libnfs tools", "nfs-cat");
        byte[] data = CommandsContract.random(2 * MIB, 5);
        Path export = exportHolding(data);
        int port = ExternalTools.freePort();
        Process serve = new ProcessBuilder(Cli.command(List.of("-XX:MaxDirectMemorySize=64m"), "serve", "--export",
                export.toString(), "--port", String.valueOf(port), "--ephemeral-handles", "--insecure-ports")).start();
        CompletableFuture<byte[]> stderr = Cli.drain(serve.getErrorStream());
        List<Socket> flooders = new ArrayList<>();
        try {
            awaitServing(serve);
            byte[] handle = handleOf(port, export.toString(), "f.bin");
            byte[] flood = pipelinedReads(handle);
            for (int i = 0; i < 8; i++) {
                Socket s = connect(port);
                flooders.add(s);
                s.getOutputStream().write(flood);
            }
            Thread.sleep(3000);
            String query = "?nfsport=" + port + "&mountport=" + port + "&version=3";
            assertArrayEquals(data, LibNfs.cat("nfs://127.0.0.1" + export + "/f.bin" + query),
                    "a good client is served during the flood");
            for (Socket s : flooders) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                for (int i = 0; i < CALLS; i++) {
                    int mark;
                    try {
                        mark = in.readInt();
                    } catch (EOFException e) {
                        throw new AssertionError("the connection was closed after " + i + " of " + CALLS
                                + " replies; serve said:\n" + new String(stderr.getNow(new byte[0]),
                                StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("\t")).limit(20)
                                .collect(java.util.stream.Collectors.joining("\n")));
                    }
                    byte[] reply = new byte[mark & 0x7fffffff];
                    in.readFully(reply);
                    ByteBuffer r = ByteBuffer.wrap(reply);
                    r.position(4 * 5);                      // xid, REPLY, ACCEPTED, AUTH_NONE verifier
                    assertEquals(0, r.getInt(), "SUCCESS");
                    int status = r.getInt();
                    assertTrue(status == Nfs3.NFS3_OK || status == 10008, "NFS3_OK or NFS3ERR_JUKEBOX, not " + status);
                }
            }
        } finally {
            for (Socket s : flooders) {
                s.close();
            }
            serve.destroy();
            if (!serve.waitFor(20, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
        }
    }

    /** An export holding {@code data} as f.bin. */
    private Path exportHolding(byte[] data) throws IOException {
        Path export = TemporaryExport.prepare(Files.createDirectory(tmp.resolve("export"))).toRealPath();
        Files.write(export.resolve("f.bin"), data);
        return export;
    }

    private static void awaitServing(Process serve) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null && !line.contains("libnfs URL:"); line = out.readLine()) {
            // serve prints its URLs once it listens
        }
    }

    private static Socket connect(int port) throws Exception {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(15_000);
        return s;
    }

    /** An NFS NULL call with AUTH_NONE, and its reply's XID checked. */
    private static void nullCall(Socket s, int xid) throws Exception {
        ByteBuffer call = ByteBuffer.allocate(4 + 40);
        call.putInt(0x80000000 | 40).putInt(xid).putInt(0).putInt(2).putInt(Nfs3.PROGRAM).putInt(Nfs3.VERSION)
                .putInt(Nfs3.PROC_NULL).putInt(0).putInt(0).putInt(0).putInt(0);
        s.getOutputStream().write(call.array());
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] reply = new byte[in.readInt() & 0x7fffffff];
        in.readFully(reply);
        assertEquals(xid, ByteBuffer.wrap(reply).getInt(), "the reply to call " + xid);
    }

    private static byte[] handleOf(int port, String export, String name) throws Exception {
        Nfs3ClientConfig config = Nfs3ClientConfig.builder("127.0.0.1").nfsPort(port).mountPort(port).build();
        try (Nfs3Client client = Nfs3Client.open(config)) {
            NfsFh3 root = new NfsFh3(client.mnt(export).toCompletableFuture().get(10, TimeUnit.SECONDS).fhandle);
            Lookup3Res found = client.lookup(root, name).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(Nfs3.NFS3_OK, found.status);
            return found.object.data;
        }
    }

    /** {@link #CALLS} READ calls of 1 MiB at offset 0, AUTH_SYS uid 65534, record-marked, back to back. */
    private static byte[] pipelinedReads(byte[] handle) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] machine = "flood".getBytes(StandardCharsets.US_ASCII);
        for (int xid = 1; xid <= CALLS; xid++) {
            ByteBuffer body = ByteBuffer.allocate(512);
            body.putInt(xid).putInt(0).putInt(2).putInt(Nfs3.PROGRAM).putInt(Nfs3.VERSION).putInt(Nfs3.PROC_READ);
            int credential = 4 + 4 + 8 + 4 + 4 + 4;
            body.putInt(1).putInt(credential).putInt(0).putInt(machine.length).put(machine).put(new byte[3])
                    .putInt(65534).putInt(65534).putInt(0);
            body.putInt(0).putInt(0);
            body.putInt(handle.length).put(handle).put(new byte[(4 - handle.length % 4) % 4]);
            body.putLong(0).putInt(MIB);
            all.writeBytes(ByteBuffer.allocate(4).putInt(0x80000000 | body.position()).array());
            all.write(body.array(), 0, body.position());
        }
        return all.toByteArray();
    }

    private static long rssKiB(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        throw new AssertionError("no VmRSS for " + pid);
    }
}
