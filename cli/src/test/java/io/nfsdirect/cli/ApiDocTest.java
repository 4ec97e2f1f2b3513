package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/api.md states what the build and the cluster's settings say. */
class ApiDocTest {

    private static String read(String path) throws Exception {
        return Files.readString(Repo.root().resolve(path), StandardCharsets.UTF_8);
    }

    private static String first(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex);
        return m.group(1);
    }

    @Test
    void theLargeMessageTableListsExactlyTheConfiguredDestinations() throws Exception {
        String doc = read("docs/api.md");
        String table = doc.substring(doc.indexOf("| path | what arrives there with data |"));
        table = table.substring(0, table.indexOf("\n\n"));
        List<String> documented = table.lines().skip(2).map(row -> first("^\\| `([^`]+)` \\|", row)).toList();
        List<String> configured = ConfigFactory.parseResources("nfs-direct-cluster.conf")
                .getStringList("pekko.remote.artery.large-message-destinations");
        assertEquals(configured, documented);
    }

    @Test
    void theCoordinatesAndThePekkoVersionAreTheBuilds() throws Exception {
        String pom = read("pom.xml");
        String version = first("<artifactId>nfs-direct-parent</artifactId>\\s*<version>([^<]+)</version>", pom);
        String pekko = first("<pekko.version>([^<]+)</pekko.version>", pom);
        String doc = read("docs/api.md");
        assertTrue(doc.contains("`io.nfsdirect:protocol:" + version + "`"), version);
        assertTrue(doc.contains("`io.nfsdirect:coordinator:" + version + "`"), version);
        assertTrue(doc.contains("<version>" + version + "</version>"), version);
        assertTrue(doc.contains("Pekko " + pekko + ","), pekko);
        assertTrue(doc.contains("import io.nfsdirect.coordinator.cluster.ClusterNode;"), doc);
    }
}
