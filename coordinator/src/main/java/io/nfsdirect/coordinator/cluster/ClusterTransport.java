package io.nfsdirect.coordinator.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * How a node's Artery connections are protected, decided from its settings before the actor
 * system starts:
 * <ul>
 *   <li>{@link Tls} (the default): Artery over TLS with mutual authentication, keyed by the
 *       directory {@link ClusterKeys} makes ({@code nfs-direct.cluster.tls.dir}, which
 *       {@code NFSDIRECT_TLS_DIR} or the CLI's {@code --tls} sets). Only a peer holding the
 *       cluster's key gets past the handshake, so nothing else reaches Artery's framing;</li>
 *   <li>{@link OperatorTls}: TLS configured by the operator directly in Pekko's own
 *       {@code pekko.remote.artery.ssl.config-ssl-engine} settings;</li>
 *   <li>{@link PlainTcp}: only with {@code nfs-direct.cluster.insecure = on} (the CLI's
 *       {@code --insecure}). Anyone who can reach the port can then join, run requests, and
 *       read or write what the nodes can; {@link ClusterNode} says so in its log.</li>
 * </ul>
 * A node with neither keys nor the insecure setting does not start.
 */
public sealed interface ClusterTransport {

    String TLS_DIR = "nfs-direct.cluster.tls.dir";
    String INSECURE = "nfs-direct.cluster.insecure";
    String ENGINE = "pekko.remote.artery.ssl.config-ssl-engine";

    /** The settings that put this transport in place, above the node's other settings. */
    Config settings();

    /** One line for the node's log and banner. */
    String describe();

    record Tls(Path dir, String password) implements ClusterTransport {
        @Override
        public Config settings() {
            Map<String, Object> s = new HashMap<>();
            s.put("pekko.remote.artery.transport", "tls-tcp");
            s.put(ENGINE + ".key-store", dir.resolve(ClusterKeys.KEY_STORE).toString());
            s.put(ENGINE + ".trust-store", dir.resolve(ClusterKeys.TRUST_STORE).toString());
            s.put(ENGINE + ".key-store-password", password);
            s.put(ENGINE + ".key-password", password);
            s.put(ENGINE + ".trust-store-password", password);
            s.put(ENGINE + ".require-mutual-authentication", true);
            return ConfigFactory.parseMap(s, "nfs-direct cluster keys in " + dir);
        }

        @Override
        public String describe() {
            return "TLS with mutual authentication, keys in " + dir;
        }

        @Override
        public String toString() {
            return "Tls[" + dir + "]";
        }
    }

    record OperatorTls(String keyStore) implements ClusterTransport {
        @Override
        public Config settings() {
            return ConfigFactory.parseMap(Map.of("pekko.remote.artery.transport", "tls-tcp",
                    ENGINE + ".require-mutual-authentication", true), "nfs-direct cluster TLS");
        }

        @Override
        public String describe() {
            return "TLS with mutual authentication, key store " + keyStore;
        }
    }

    record PlainTcp() implements ClusterTransport {
        @Override
        public Config settings() {
            return ConfigFactory.parseMap(Map.of("pekko.remote.artery.transport", "tcp"), "nfs-direct --insecure");
        }

        @Override
        public String describe() {
            return "plain TCP (insecure): anyone who can reach this port can join the cluster and use it";
        }
    }

    /**
     * The transport a node's settings ask for.
     *
     * @throws IllegalStateException naming what is missing: keys, a readable key file, or --insecure
     */
    static ClusterTransport of(Config config) {
        if (config.hasPath(INSECURE) && config.getBoolean(INSECURE)) {
            return new PlainTcp();
        }
        String dir = config.hasPath(TLS_DIR) ? config.getString(TLS_DIR).strip() : "";
        if (!dir.isEmpty()) {
            Path keys = Path.of(dir);
            for (String name : new String[] {ClusterKeys.KEY_STORE, ClusterKeys.TRUST_STORE, ClusterKeys.PASSWORD}) {
                if (!Files.isReadable(keys.resolve(name))) {
                    throw new IllegalStateException("the cluster's keys are incomplete: " + keys.resolve(name)
                            + " is missing or unreadable (make the directory with `nfsdirect keys DIR`)");
                }
            }
            try {
                return new Tls(keys, ClusterKeys.password(keys));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + keys.resolve(ClusterKeys.PASSWORD) + ": " + e, e);
            }
        }
        if (config.hasPath("pekko.remote.artery.transport")
                && config.getString("pekko.remote.artery.transport").equals("tls-tcp")
                && config.hasPath(ENGINE + ".key-store")
                && Files.isReadable(Path.of(config.getString(ENGINE + ".key-store")))) {
            return new OperatorTls(config.getString(ENGINE + ".key-store"));
        }
        throw new IllegalStateException("a cluster node talks TLS with mutual authentication, and this one has no "
                + "keys: give every node of the cluster the same key directory (make it once with `nfsdirect keys "
                + "DIR`, then --tls DIR or NFSDIRECT_TLS_DIR=DIR), or --insecure for plain TCP on a trusted network");
    }
}
