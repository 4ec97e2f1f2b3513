package io.nfsdirect.coordinator;

import io.nfsdirect.coordinator.tree.TreeScanContract;
import io.nfsdirect.server.NfsServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The actor path against the embedded server. */
class EmbeddedDirectIoTest extends DirectIoContract {

    @TempDir
    static Path export;
    private static NfsServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = NfsServer.builder().export(export).rootSquash(false).port(0).build().start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    String url(String rel) {
        return server.url(rel);
    }

    @Override
    Path local(String rel) {
        return export.resolve(rel);
    }

    @Override
    String newDirectory(String prefix) throws IOException {
        return export.relativize(Files.createTempDirectory(export, prefix)).toString();
    }

    /** The tree scan against the same server and export. */
    @Nested
    class TreeScanOnTheEmbeddedServer extends TreeScanContract {

        @Override
        protected String url(String rel) {
            return EmbeddedDirectIoTest.this.url(rel);
        }

        @Override
        protected Path local(String rel) {
            return EmbeddedDirectIoTest.this.local(rel);
        }

        @Override
        protected String newDirectory(String prefix) throws IOException {
            return EmbeddedDirectIoTest.this.newDirectory(prefix);
        }
    }
}
