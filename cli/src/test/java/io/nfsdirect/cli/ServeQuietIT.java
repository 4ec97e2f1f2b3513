package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve -q as its help says: the two URLs on stdout and nothing else, also when it stops. */
class ServeQuietIT {

    @TempDir
    Path tmp;

    @Test
    void quietServePrintsOnlyItsTwoUrls() throws Exception {
        Process serve = Cli.start("serve", "--export", tmp.toString(), "--port", "0", "--ephemeral-handles",
                "--insecure-ports", "-q");
        CompletableFuture<byte[]> err = Cli.drain(serve.getErrorStream());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(),
                    StandardCharsets.UTF_8));
            String nfsDirect = out.readLine();
            String libnfs = out.readLine();
            assertTrue(nfsDirect != null && nfsDirect.matches("nfs://127\\.0\\.0\\.1:\\d+" + tmp.toRealPath()),
                    nfsDirect);
            assertTrue(libnfs != null && libnfs.startsWith("nfs://127.0.0.1" + tmp.toRealPath() + "?nfsport="),
                    libnfs);
            serve.toHandle().destroy(); // SIGTERM; Process.destroy() would close our end of stdout
            assertTrue(serve.waitFor(30, TimeUnit.SECONDS));
            assertEquals(null, out.readLine(), "nothing after the URLs");
            assertEquals("", new String(err.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        } finally {
            serve.destroyForcibly();
        }
    }
}
