package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

class LocalNodeConfigTest {

    private static final Config LOCAL = LocalNodeConfig.of(ConfigFactory.load())
            // Pekko merges reference.conf in again under whatever it is given.
            .withFallback(ConfigFactory.defaultReference());

    @Test
    void onlyPekkosCoreSerializersAreBuilt() {
        assertEquals("org.apache.pekko.serialization.ByteArraySerializer", LOCAL.getString("pekko.actor.serializers.bytes"));
        assertEquals(LocalOnlySerializer.class.getName(), LOCAL.getString("pekko.actor.serializers.jackson-cbor"));
        assertEquals(LocalOnlySerializer.class.getName(), LOCAL.getString("pekko.actor.serializers.pekko-cluster"));
    }

    @Test
    void bindingsToDroppedSerializersAreNone() {
        assertEquals("none", LOCAL.getString(
                "pekko.actor.serialization-bindings.\"io.nfsdirect.protocol.api.CborSerializable\""));
        assertEquals("bytes", LOCAL.getString("pekko.actor.serialization-bindings.\"[B\""));
    }

    @Test
    void eachStandInHasItsOwnIdentifier() {
        assertNotEquals(new LocalOnlySerializer().identifier(), new LocalOnlySerializer().identifier());
    }
}
