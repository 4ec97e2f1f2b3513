package io.nfsdirect.coordinator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Actor names derived from caller-chosen request ids, which may hold any character. */
final class RequestNames {

    private RequestNames() {
    }

    static String safe(String requestId) {
        return URLEncoder.encode(requestId, StandardCharsets.UTF_8).replace("*", "%2A");
    }
}
