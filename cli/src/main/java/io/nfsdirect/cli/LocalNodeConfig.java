package io.nfsdirect.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValueFactory;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the command's own node (no {@code --join}) leaves out or makes smaller than a long-lived
 * node would, because a command lives for seconds and never talks to another node:
 * <ul>
 *   <li>no serializers but Pekko's own core ones: Pekko builds every configured serializer when
 *       the system starts, and the classpath brings those of remoting, cluster, distributed data
 *       and Jackson (CBOR, with its module scan), some 1,500 classes to load. Nothing of a local
 *       node is ever serialized: each of them becomes a {@link LocalOnlySerializer}, and their
 *       bindings "none";</li>
 *   <li>the settings in {@code nfsdirect-local.conf}: dispatchers sized for a command.</li>
 * </ul>
 * A cluster node (node, demo, --join) keeps everything: it serializes for real.
 */
final class LocalNodeConfig {

    private static final String SERIALIZERS = "pekko.actor.serializers";
    private static final String BINDINGS = "pekko.actor.serialization-bindings";
    /** Pekko's core serializers (bytes, strings, primitives, the disabled Java one) are cheap. */
    private static final String CORE = "org.apache.pekko.serialization.";

    /**
     * What a dropped serializer becomes: an entry must stay (Pekko merges reference.conf in again,
     * so a removed one would come back), and this one costs nothing to make.
     */
    private static final ConfigValue CHEAP = ConfigValueFactory.fromAnyRef(LocalOnlySerializer.class.getName());
    /** A binding to "none" is no binding; the bound class is not even loaded. */
    private static final ConfigValue NONE = ConfigValueFactory.fromAnyRef("none");

    private LocalNodeConfig() {
    }

    /** {@code resolved}, the node's full configuration, trimmed for a local node of one command. */
    static Config of(Config resolved) {
        Config trimmed = resolved;
        Set<String> dropped = new HashSet<>();
        for (Map.Entry<String, ConfigValue> e : resolved.getObject(SERIALIZERS).entrySet()) {
            Object cls = e.getValue().unwrapped();
            if (!(cls instanceof String s && s.startsWith(CORE) && s.indexOf('.', CORE.length()) < 0)) {
                dropped.add(e.getKey());
                trimmed = trimmed.withValue(SERIALIZERS + "." + ConfigUtil.quoteString(e.getKey()), CHEAP);
            }
        }
        for (Map.Entry<String, ConfigValue> e : resolved.getObject(BINDINGS).entrySet()) {
            if (dropped.contains(String.valueOf(e.getValue().unwrapped()))) {
                trimmed = trimmed.withValue(BINDINGS + "." + ConfigUtil.quoteString(e.getKey()), NONE);
            }
        }
        return trimmed;
    }
}
