package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nfsdirect.testing.ExternalTools;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml is valid, as Compose itself reads it. No Docker engine runs where the tests
 * do, so this is the check: without docker-compose installed the test is skipped (CI=true: failed).
 */
class DockerComposeIT {

    @Test
    void theComposeFileIsValid() {
        Path compose = ExternalTools.requireTool("docker-compose", "docker-compose");
        Path file = Repo.root().resolve("docker-compose.yml");
        ExternalTools.Result r = ExternalTools.run(Duration.ofSeconds(60), compose.toString(), "-f", file.toString(),
                "config", "-q");
        assertEquals(0, r.exitCode(), r.describe());
    }
}
