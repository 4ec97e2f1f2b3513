package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root, for tests of what lives outside the cli module (docker-compose.yml, bin/). */
final class Repo {

    private Repo() {
    }

    /**
     * {@code NFSDIRECT_REPO}, which the build's failsafe configuration sets, else the parent of
     * the working directory (the cli module, where Maven runs the tests).
     */
    static Path root() {
        String env = System.getenv("NFSDIRECT_REPO");
        Path cwd = Path.of("").toAbsolutePath();
        Path root = env != null && !env.isBlank() ? Path.of(env)
                : Files.exists(cwd.resolve("docker-compose.yml")) ? cwd : cwd.getParent();
        assertTrue(Files.isRegularFile(root.resolve("docker-compose.yml")),
                "cannot find the repository root (NFSDIRECT_REPO=" + env + ", working directory " + cwd + ")");
        return root;
    }
}
