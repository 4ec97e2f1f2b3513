package io.nfsdirect.coordinator;

import io.nfsdirect.testing.GaneshaServer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

/** The actor path against NFS-Ganesha 4.3, a production server (skipped without it, failed under CI). */
class GaneshaDirectIoTest extends DirectIoContract {

    private static GaneshaServer ganesha;

    @BeforeAll
    static void startGanesha() {
        ganesha = GaneshaServer.shared();
    }

    @Override
    String url(String rel) {
        return ganesha.url(rel);
    }

    @Override
    Path local(String rel) {
        return ganesha.local(rel);
    }

    @Override
    String newDirectory(String prefix) {
        return ganesha.newDirectory(prefix);
    }
}
