package io.nfsdirect.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.protocol.api.WriteSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which local files a write may read: anything on a local node, only allowed trees on a cluster node. */
class WriteSourcePolicyTest {

    @TempDir
    Path dir;

    @Test
    void aClusterNodeReadsNothingByDefault() {
        WriteSourcePolicy policy = WriteSourcePolicy.from(ConfigFactory.parseString("pekko.actor.provider = cluster")
                .withFallback(ConfigFactory.defaultReference()));
        IoError e = policy.check("nfs://h/e/f", 4096, new WriteSource.LocalFile("/etc/shadow", 0, 10));
        assertNotNull(e);
        assertEquals(Errno.EACCES.name(), e.errno());
        assertEquals(4096, e.offset());
        assertTrue(e.message().contains("write source /etc/shadow") && e.message().contains("empty here")
                && e.message().endsWith("Permission denied (EACCES)"), e.message());
    }

    @Test
    void aLocalNodeReadsWhatItsOwnJvmNames() {
        WriteSourcePolicy policy = WriteSourcePolicy.from(ConfigFactory.defaultReference());
        assertNull(policy.check("nfs://h/e/f", 0, new WriteSource.LocalFile("/etc/hostname", 0, 1)));
    }

    @Test
    void onlyRealPathsInsideAnAllowedTreePass() throws Exception {
        Path allowed = Files.createDirectory(dir.resolve("allowed"));
        Path inside = Files.writeString(allowed.resolve("data.bin"), "x");
        Path outside = Files.writeString(dir.resolve("secret.bin"), "y");
        Path link = Files.createSymbolicLink(allowed.resolve("link"), outside);
        WriteSourcePolicy policy = new WriteSourcePolicy(true, List.of(allowed));
        assertNull(policy.check("u", 0, new WriteSource.LocalFile(inside.toString(), 0, 1)));
        assertNotNull(policy.check("u", 0, new WriteSource.LocalFile(outside.toString(), 0, 1)));
        assertNotNull(policy.check("u", 0, new WriteSource.LocalFile(link.toString(), 0, 1)), "a link leads out");
        assertNotNull(policy.check("u", 0, new WriteSource.LocalFile(allowed + "/../secret.bin", 0, 1)));
        assertNotNull(policy.check("u", 0, new WriteSource.LocalFile(allowed + "/missing", 0, 1)));
        // A sibling whose name merely starts with the allowed directory's is not inside it.
        Path sibling = Files.createDirectory(dir.resolve("allowed-not"));
        Path there = Files.writeString(sibling.resolve("f"), "z");
        assertNotNull(policy.check("u", 0, new WriteSource.LocalFile(there.toString(), 0, 1)));
        assertNull(policy.check("u", 0, new WriteSource.Inline(new byte[] {1})), "inline bytes read no file");
    }
}
