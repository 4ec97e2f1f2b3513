package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The manifest lines as GNU sha256sum writes them, escapes and order included. */
class Sha256sumFormatTest {

    private static final byte[] SHA = new byte[32];
    private static final String HEX = "0".repeat(64);

    @Test
    void aPlainNameIsHexTwoSpacesName() {
        assertEquals(HEX + "  dir/with space/é.txt", Sha256sumFormat.line(SHA, "dir/with space/é.txt"));
    }

    @Test
    void aBackslashOrNewlineIsEscapedAndTheLineMarked() {
        assertEquals("\\" + HEX + "  a\\\\b", Sha256sumFormat.line(SHA, "a\\b"));
        assertEquals("\\" + HEX + "  new\\nline", Sha256sumFormat.line(SHA, "new\nline"));
    }

    @Test
    void namesSortByTheirUtf8BytesAsCSortDoes() {
        // UTF-16 order would put U+FF5E before U+1F600 (a surrogate pair); UTF-8 bytes put it after.
        List<String> names = new ArrayList<>(List.of("\uD83D\uDE00", "\uFF5E", "B", "a", "a/b", "a b"));
        names.sort(Sha256sumFormat.ORDER);
        assertEquals(List.of("B", "a", "a b", "a/b", "\uFF5E", "\uD83D\uDE00"), names);
    }
}
