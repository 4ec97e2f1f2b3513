package io.nfsdirect.coordinator;

import io.nfsdirect.coordinator.tree.TreeScanContract;
import io.nfsdirect.testing.GaneshaServer;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

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

    /** The tree scan against the same server and export. */
    @Nested
    class TreeScanOnGanesha extends TreeScanContract {

        @Override
        protected String url(String rel) {
            return GaneshaDirectIoTest.this.url(rel);
        }

        @Override
        protected Path local(String rel) {
            return GaneshaDirectIoTest.this.local(rel);
        }

        @Override
        protected String newDirectory(String prefix) throws IOException {
            return GaneshaDirectIoTest.this.newDirectory(prefix);
        }
    }
}
