package io.nfsdirect.worker;

import io.nfsdirect.protocol.Errno;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The local files a node's chunk workers may read a write's data from or write a read's data
 * into, by positional I/O from their own direct buffers, so that bytes between a local file and
 * the NFS server cross the JVM without a heap copy or a message to another actor.
 *
 * <p>Whoever opened a file (a command, or a request for its write source) registers the open
 * channel and gets a random name for it; a chunk task names the channel, never a path. A task
 * that arrives from another node therefore cannot open anything here, and a name is only good
 * on the node that gave it out, for as long as its owner keeps it registered: the owner closes
 * the registration when its request has completed, before it closes the channel.
 */
public final class LocalChannels implements Extension {

    private static final class Id extends ExtensionId<LocalChannels> {
        @Override
        public LocalChannels createExtension(ActorSystem<?> system) {
            return new LocalChannels();
        }
    }

    private static final Id ID = new Id();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One registered file: its channel, and the name errors give it. */
    public record Entry(FileChannel channel, String displayName) {
    }

    /** A registration; closing it withdraws the name (the channel stays open: it is the owner's). */
    public final class Registration implements AutoCloseable {
        private final String name;

        private Registration(String name) {
            this.name = name;
        }

        /** What a chunk task carries to name the file. */
        public String name() {
            return name;
        }

        @Override
        public void close() {
            open.remove(name);
        }
    }

    private final ConcurrentHashMap<String, Entry> open = new ConcurrentHashMap<>();

    public static LocalChannels get(ActorSystem<?> system) {
        return system.registerExtension(ID);
    }

    /** Makes {@code channel} reachable by chunk workers of this node under a new random name. */
    public Registration register(FileChannel channel, String displayName) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String name = HexFormat.of().formatHex(bytes);
        open.put(name, new Entry(channel, displayName));
        return new Registration(name);
    }

    /** The file registered as {@code name}, or null. */
    Entry lookup(String name) {
        return open.get(name);
    }

    /** Writes all of {@code data} at {@code position}; a device such as /dev/null takes it too. */
    public static void writeFully(FileChannel channel, ByteBuffer data, long position) throws IOException {
        long at = position;
        while (data.hasRemaining()) {
            at += channel.write(data, at);
        }
    }

    /**
     * Fills {@code into} from {@code position}.
     *
     * @throws IOException also when the file ends first: a write source that shrank under the request
     */
    public static void readFully(FileChannel channel, ByteBuffer into, long position, String displayName)
            throws IOException {
        long at = position;
        int wanted = into.remaining();
        while (into.hasRemaining()) {
            int n = channel.read(into, at);
            if (n < 0) {
                throw new IOException(displayName + " ended at offset " + at + ", before the " + wanted
                        + " bytes to write");
            }
            at += n;
        }
    }

    /** The errno an I/O exception of a local file stands for, by the strerror text the JDK passes on. */
    static Errno errnoOf(IOException e) {
        String message = String.valueOf(e.getMessage());
        for (Errno errno : Errno.values()) {
            if (message.contains(errno.message())) {
                return errno;
            }
        }
        return Errno.EIO;
    }
}
