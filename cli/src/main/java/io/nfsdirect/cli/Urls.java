package io.nfsdirect.cli;

import io.nfsdirect.protocol.NfsUrl;
import java.util.Locale;

/** Telling {@code nfs://} URLs from local paths, and parsing them with bad ones as usage errors. */
final class Urls {

    private Urls() {
    }

    static boolean isNfs(String text) {
        return text != null && text.toLowerCase(Locale.ROOT).startsWith("nfs://");
    }

    /** @throws CliException exit 2, with NfsUrl's explanation, when the URL does not parse */
    static NfsUrl parse(String text) {
        try {
            return NfsUrl.parse(text);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    /** The last path component, e.g. for copying into a local directory. */
    static String fileName(String url) {
        String path = parse(url).path();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
