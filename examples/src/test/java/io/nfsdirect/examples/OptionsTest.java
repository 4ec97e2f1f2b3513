package io.nfsdirect.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {

    private static final String URL = "nfs://nas:2049/export/big.bin";

    @Test
    void defaultsDeriveTheTargetsFromTheUrl() throws Exception {
        Options o = Options.parse(new String[] {"--seed", "10.0.0.1:2552,10.0.0.2:2552", URL});
        assertEquals(List.of("pekko://nfsdirect@10.0.0.1:2552", "pekko://nfsdirect@10.0.0.2:2552"), o.seedAddresses());
        assertEquals("127.0.0.1", o.bindHost());
        assertEquals(0, o.port());
        assertEquals(Output.Mode.TEXT, o.output());
        assertEquals(Options.TO_EOF, o.length());
        assertEquals(URL + ".written", o.writeTo());
        assertEquals(URL + ".copy", o.copyTo());
        assertEquals(16, o.window());
    }

    @Test
    void everyOptionInBothSpellings() throws Exception {
        Options o = Options.parse(new String[] {"--seed=h:1", "--seed", "g:2", "--bind", "10.1.1.1", "--port=2600",
                "--output", "JSON", "--offset", "4k", "--length=1m", "--rsize", "256KiB", "--window", "4",
                "--no-write", "--copy-to", "nfs://other/e/f", "--timeout", "9", "--find-timeout", "3", URL});
        assertEquals(List.of("h:1", "g:2"), o.seeds());
        assertEquals("10.1.1.1", o.bindHost());
        assertEquals(2600, o.port());
        assertEquals(Output.Mode.JSON, o.output());
        assertEquals(4096, o.offset());
        assertEquals(1 << 20, o.length());
        assertEquals(256 * 1024, o.rsize());
        assertEquals(4, o.window());
        assertNull(o.writeTo());
        assertEquals("nfs://other/e/f", o.copyTo());
        assertEquals(9, o.stepTimeout().toSeconds());
        assertEquals(3, o.findTimeout().toSeconds());
    }

    @Test
    void badCommandLinesAreUsageErrors() {
        for (String[] args : List.of(
                new String[] {URL},
                new String[] {"--seed", "h:1"},
                new String[] {"--seed", "h", URL},
                new String[] {"--seed", "h:1", "/local/path"},
                new String[] {"--seed", "h:1", "--write-bytes", "193k", URL},
                new String[] {"--seed", "h:1", "--window", "0", URL},
                new String[] {"--seed", "h:1", "--output", "xml", URL},
                new String[] {"--seed", "h:1", "--bogus", URL},
                new String[] {"--seed", "h:1", URL, URL},
                new String[] {"--seed"})) {
            assertThrows(Options.UsageException.class, () -> Options.parse(args), String.join(" ", args));
        }
        assertThrows(Options.HelpRequested.class, () -> Options.parse(new String[] {"--help"}));
    }

    @Test
    void theCommandLineSetsTheClientRoleAndSeedsOverTheServicesClusterSettings() throws Exception {
        Config c = ChecksumService.config(Options.parse(new String[] {"--seed", "h:1", "--port", "2700", URL}));
        assertEquals(List.of("client"), c.getStringList("pekko.cluster.roles"));
        assertEquals(List.of("pekko://nfsdirect@h:1"), c.getStringList("pekko.cluster.seed-nodes"));
        assertEquals(2700, c.getInt("pekko.remote.artery.canonical.port"));
        assertEquals("cluster", c.getString("pekko.actor.provider"));
        assertTrue(c.getStringList("pekko.remote.artery.large-message-destinations").contains("/user/sinks/*"));
        assertEquals(5 << 20, c.getBytes("pekko.remote.artery.advanced.maximum-large-frame-size"));
        // From the protocol module's reference.conf: the messages' serializer.
        assertEquals("jackson-cbor",
                c.getString("pekko.actor.serialization-bindings.\"io.nfsdirect.protocol.api.CborSerializable\""));
    }

    @Test
    void textValuesWithSpacesAreQuotedAndParseBack() {
        String v = "read nfs://h/e/f at offset 0: a \"quoted\" \\ thing";
        String line = "failure message=" + Output.quoted(v) + " plain=x";
        Map<String, String> f = ChecksumServiceIT.fields(line);
        assertEquals(v, f.get("message"));
        assertEquals("x", f.get("plain"));
        assertEquals("abc", Output.quoted("abc"));
        assertEquals("\"\"", Output.quoted(""));
    }
}
