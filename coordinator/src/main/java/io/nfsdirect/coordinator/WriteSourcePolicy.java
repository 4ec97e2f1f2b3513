package io.nfsdirect.coordinator;

import com.typesafe.config.Config;
import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.protocol.api.WriteSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which local files a write may take its bytes from ({@code nfs-direct.write-sources.allow}).
 *
 * <p>A {@link WriteSource.LocalFile} is read by this node with this node's rights, which may be
 * root's. A node without remoting only ever hears from its own JVM, whose code could open the
 * file itself: it reads any file. A cluster node hears from every member, and the sender a
 * message names is the sender's own claim, so it cannot tell a request from its own JVM from one
 * that arrived over Artery: it reads only files under a directory its operator allowed, by real
 * path (symbolic links resolved, so a link cannot lead out), and none by default. Anything else
 * is EACCES, before the file is opened.
 */
public final class WriteSourcePolicy {

    public static final String SETTING = "nfs-direct.write-sources.allow";

    private final boolean confined;
    private final List<Path> allowed;

    /** @param confined whether the allow-list applies (a cluster node) or any file may be read */
    public WriteSourcePolicy(boolean confined, List<Path> allowed) {
        this.confined = confined;
        List<Path> real = new ArrayList<>();
        for (Path p : allowed) {
            try {
                real.add(p.toRealPath());
            } catch (IOException e) {
                // An allowed directory that does not exist allows nothing; the node still starts.
                real.add(p.toAbsolutePath().normalize());
            }
        }
        this.allowed = List.copyOf(real);
    }

    public static WriteSourcePolicy from(Config config) {
        boolean remoting = config.hasPath("pekko.actor.provider")
                && !config.getString("pekko.actor.provider").equals("local");
        List<Path> dirs = new ArrayList<>();
        if (config.hasPath(SETTING)) {
            for (String d : config.getStringList(SETTING)) {
                dirs.add(Path.of(d));
            }
        }
        return new WriteSourcePolicy(remoting, dirs);
    }

    /** @return why {@code source} is refused, or null when it may be read */
    public IoError check(String url, long offset, WriteSource source) {
        if (!confined || !(source instanceof WriteSource.LocalFile file)) {
            return null;
        }
        Path real;
        try {
            real = Path.of(file.path()).toRealPath();
        } catch (IOException | RuntimeException e) {
            // Whether it exists is not for a requester to learn: the same refusal either way.
            real = null;
        }
        if (real != null) {
            for (Path dir : allowed) {
                if (real.startsWith(dir)) {
                    return null;
                }
            }
        }
        return IoError.at(Errno.EACCES, "write " + url, offset, "write source " + file.path()
                + ": this cluster node reads local files only under " + SETTING
                + (allowed.isEmpty() ? ", which is empty here (nfsdirect node --allow-source DIR)" : " " + allowed)
                + ": " + Errno.EACCES.message() + " (EACCES)");
    }
}
