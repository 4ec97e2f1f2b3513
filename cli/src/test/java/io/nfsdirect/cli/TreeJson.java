package io.nfsdirect.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** Reads the summary a tree command wrote with --json, as a script would. */
final class TreeJson {

    private TreeJson() {
    }

    static Trees.Summary read(Path json) throws IOException {
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(json.toFile(), Trees.Summary.class);
    }
}
