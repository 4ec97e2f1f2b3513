package io.nfsdirect.cli;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;

/**
 * The lines of a {@code sha256sum} manifest, as GNU coreutils writes and {@code sha256sum -c}
 * reads them: {@code <hex>  <name>}. A name holding a backslash or a newline would break the
 * line, so such a line starts with a backslash and the name has {@code \\} and {@code \n} for
 * them. Manifests are sorted by the names' UTF-8 bytes, as {@code LC_ALL=C sort} sorts.
 */
final class Sha256sumFormat {

    /** The order of a manifest's names: their UTF-8 bytes, unsigned. */
    static final Comparator<String> ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private Sha256sumFormat() {
    }

    static String line(byte[] sha256, String name) {
        String hex = HexFormat.of().formatHex(sha256);
        if (name.indexOf('\\') < 0 && name.indexOf('\n') < 0) {
            return hex + "  " + name;
        }
        return "\\" + hex + "  " + name.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
