package io.nfsdirect.cli;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.serialization.JSerializer;

/**
 * Stands in, on the command's own node, for each serializer that only remoting or a cluster uses
 * (see {@link LocalNodeConfig}): Pekko builds every configured serializer at start, and these cost
 * nothing to build. A local node never serializes, so using one is a bug, and says so.
 *
 * <p>Pekko wants each serializer's identifier unique within a system: every instance takes the
 * next one of a range far from Pekko's (0 to 40) and the project's.
 */
public final class LocalOnlySerializer extends JSerializer {

    private static final int FIRST_ID = 0x6e640000;
    private static final AtomicInteger NEXT = new AtomicInteger(FIRST_ID);

    private final int identifier = NEXT.getAndIncrement();

    @Override
    public int identifier() {
        return identifier;
    }

    @Override
    public boolean includeManifest() {
        return false;
    }

    @Override
    public byte[] toBinary(Object o) {
        throw new UnsupportedOperationException("the command's local node serializes nothing, yet was asked to "
                + "serialize a " + o.getClass().getName());
    }

    @Override
    public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
        throw new UnsupportedOperationException("the command's local node deserializes nothing");
    }
}
