package io.nfsdirect.coordinator;

import io.nfsdirect.server.NfsServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
}
