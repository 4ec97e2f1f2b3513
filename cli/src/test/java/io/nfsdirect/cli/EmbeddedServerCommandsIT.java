package io.nfsdirect.cli;

import io.nfsdirect.server.NfsServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The commands against the embedded NFSv3 server, run in this JVM on a free port. */
class EmbeddedServerCommandsIT extends CommandsContract {

    @TempDir
    static Path export;

    private static NfsServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = NfsServer.builder().export(export).rootSquash(false).port(0).build().start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    String url(String name) {
        return server.url(name);
    }

    @Override
    Path serverFile(String name) {
        return server.exportDirectory().resolve(name);
    }
}
