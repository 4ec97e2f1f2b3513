package io.nfsdirect.coordinator.cluster;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.ActorPath;

/**
 * The {@code pekko.remote.artery.large-message-destinations} patterns, matched the way Artery
 * matches them when it picks the stream for an outgoing message: element by element, where
 * {@code *} is any one element, {@code name*} any element starting with {@code name}, and a final
 * {@code **} any rest. Artery keeps its own matcher private; this one lets a request know ahead
 * of time whether a recipient would get a large frame or an ordinary one.
 */
public final class LargeMessageDestinations {

    private final List<String[]> patterns;

    public LargeMessageDestinations(List<String> patterns) {
        List<String[]> parsed = new ArrayList<>(patterns.size());
        for (String p : patterns) {
            parsed.add(elements(p));
        }
        this.patterns = List.copyOf(parsed);
    }

    /** Whether a message to {@code path} takes the large-message stream. */
    public boolean matches(ActorPath path) {
        List<String> elements = new ArrayList<>();
        path.getElements().forEach(elements::add);
        return matches(elements);
    }

    /** Whether a message to the actor at {@code path} (like {@code /user/a/b}) takes the large stream. */
    public boolean matches(String path) {
        return matches(List.of(elements(path)));
    }

    private boolean matches(List<String> elements) {
        for (String[] pattern : patterns) {
            if (matches(pattern, elements)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String[] pattern, List<String> elements) {
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.equals("**") && i == pattern.length - 1) {
                return elements.size() > i;
            }
            if (i >= elements.size()) {
                return false;
            }
            String e = elements.get(i);
            boolean ok = p.equals("*") || p.equals(e) || (p.endsWith("*") && e.startsWith(p.substring(0, p.length() - 1)));
            if (!ok) {
                return false;
            }
        }
        return pattern.length == elements.size();
    }

    private static String[] elements(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.isEmpty() ? new String[0] : p.split("/");
    }
}
