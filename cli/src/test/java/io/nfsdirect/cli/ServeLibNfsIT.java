package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfsdirect.testing.ExternalTools;
import io.nfsdirect.testing.LibNfs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nfsdirect serve} as a real process, used by libnfs's tools as a third-party client:
 * a 64 MiB random file up with nfs-cp, down with nfs-cp and nfs-cat, byte-exact, the export
 * listed by nfs-ls; then Ctrl-C (SIGINT) stops it cleanly.
 */
class ServeLibNfsIT {

    @TempDir
    Path tmp;

    @Test
    void libnfsToolsUploadDownloadAndListThroughServe() throws Exception {
        ExternalTools.requireTool("libnfs tools", "nfs-cp", "nfs-cat", "nfs-ls");
        // serve squashes root: run as root, libnfs's calls arrive as 65534, whose export it is.
        Path export = TemporaryExport.prepare(Files.createDirectory(tmp.resolve("export"))).toRealPath();
        int port = ExternalTools.freePort();
        Process serve = Cli.start("serve", "--export", export.toString(), "--port", String.valueOf(port),
                "--state-dir", tmp.resolve("state").toString());
        CompletableFuture<byte[]> stderr = Cli.drain(serve.getErrorStream());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            String nfsDirectUrl = null;
            String libnfsUrl = null;
            for (String line = out.readLine(); line != null && libnfsUrl == null; line = out.readLine()) {
                if (line.contains("nfs-direct URL:")) {
                    nfsDirectUrl = line.substring(line.indexOf("nfs://")).strip();
                }
                if (line.contains("libnfs URL:")) {
                    libnfsUrl = line.substring(line.indexOf("nfs://")).strip();
                }
            }
            assertEquals("nfs://127.0.0.1:" + port + export, nfsDirectUrl,
                    "stderr: " + new String(stderr.getNow(new byte[0]), StandardCharsets.UTF_8));
            String query = "?nfsport=" + port + "&mountport=" + port + "&version=3";
            assertEquals("nfs://127.0.0.1" + export + query, libnfsUrl);
            assertNotNull(nfsDirectUrl);

            byte[] data = CommandsContract.random(64 * 1024 * 1024, 42);
            Path source = tmp.resolve("source.bin");
            Files.write(source, data);
            String remote = "nfs://127.0.0.1" + export + "/up.bin" + query;
            LibNfs.cp(source.toString(), remote);
            assertArrayEquals(data, Files.readAllBytes(export.resolve("up.bin")));

            Path down = tmp.resolve("down.bin");
            LibNfs.cp(remote, down.toString());
            assertArrayEquals(data, Files.readAllBytes(down));
            assertArrayEquals(data, LibNfs.cat(remote));
            assertTrue(LibNfs.names(libnfsUrl).contains("up.bin"), String.valueOf(LibNfs.ls(libnfsUrl)));

            // Our own client sees the same export through the URL serve printed.
            Cli.Result ls = Cli.ok(Cli.run("ls", nfsDirectUrl));
            assertTrue(ls.out().contains(" " + data.length + " ") && ls.out().contains("up.bin"), ls.out());
        } finally {
            // Ctrl-C: the shutdown hook closes the server and says so.
            ExternalTools.run(Duration.ofSeconds(10), "kill", "-INT", String.valueOf(serve.pid()));
            boolean exited = serve.waitFor(20, TimeUnit.SECONDS);
            if (!exited) {
                serve.destroyForcibly();
            }
            assertTrue(exited, "serve did not stop on SIGINT");
        }
        assertEquals(130, serve.exitValue());
        String err = new String(stderr.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        assertTrue(err.contains("stopped serving " + export), err);
        assertTrue(!ExternalTools.isListening("127.0.0.1", port), "the port is still open after the stop");
    }
}
