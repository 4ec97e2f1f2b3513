package io.nfsdirect.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real NFS-Ganesha 4.3 server (VFS FSAL) exporting a fresh local directory on 127.0.0.1, as a
 * third-party NFSv3 peer for interoperability tests.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * try (GaneshaServer ganesha = GaneshaServer.start(tempDir)) {     // one server for this test
 *     ... ganesha.url("data.bin") ...
 * }
 * GaneshaServer shared = GaneshaServer.shared();                   // one server for the whole JVM
 * String dir = shared.newDirectory("MyTest");                      // this test's private corner of it
 * }</pre>
 * {@link #shared()} starts one server per JVM on first use and stops it from a shutdown hook;
 * {@link #close()} on it does nothing, so a test may use it in try-with-resources by mistake
 * without pulling the server from under the other tests. Tests that share it must keep to their
 * own {@link #newDirectory(String)}. A server from {@link #start(Path)} belongs to its caller.
 *
 * <p>If Ganesha, its VFS FSAL or rpcbind is not installed, or the JVM is not root, the test is
 * skipped with the reason (failed instead when {@code CI=true}, see {@link ExternalTools}).
 *
 * <h2>What Ganesha 4.3 does here, and why this class does what it does</h2>
 * <ul>
 * <li><b>Root.</b> It must run as root: started as another user it comes up, registers and
 *   answers MOUNT EXPORT, but the VFS FSAL cannot open files by handle
 *   ({@code open_by_handle_at} needs CAP_DAC_READ_SEARCH), so every READDIRPLUS fails with
 *   NFS3ERR_PERM. Hence the root check before starting rather than a confusing NFS error later.</li>
 * <li><b>Portmapper.</b> It registers NFS and MOUNT with rpcbind at start and exits at once
 *   (status 2, "Cannot register NFS V3 on TCP") when that fails. So a portmapper is started
 *   when none listens on 127.0.0.1:111 ({@code rpcbind -w}, which daemonizes and is left
 *   running for everyone).</li>
 * <li><b>One registration per program.</b> rpcbind refuses a second registration of the same
 *   program and version, so a second Ganesha exits just the same while another one (or a stale
 *   entry of a dead one, which {@code rpcbind -w} even restores from its state file) holds the
 *   registration. Before each start the NFS and MOUNT entries are therefore deleted
 *   ({@code rpcinfo -d}), under a lock shared by all JVMs ({@value #START_LOCK_FILE}) that is held
 *   only from that deletion until the new server answers. Running servers do not need their
 *   entries: every client here is given explicit ports. A server on port 2049 is taken for the
 *   machine's own NFS server and left alone (the test is skipped instead).</li>
 * <li><b>Ports.</b> NFS and MOUNT get their own free TCP ports on 127.0.0.1, UDP is off (one
 *   less port to collide on). A port can be taken between choosing and binding it; Ganesha
 *   then exits, and the start is retried on new ports.</li>
 * <li><b>Readiness.</b> It binds its ports about 20 ms after exec and answers at once, so
 *   start-up waits for the real thing instead of a fixed settle time: a MOUNT EXPORT reply that
 *   lists the export and an NFS NULL reply.</li>
 * <li><b>Export names.</b> NFSv3 MOUNT EXPORT lists the {@code Path} (the local directory),
 *   not the {@code Pseudo} path, and MNT of the Pseudo path is refused with MNT3ERR_ACCES: the
 *   pseudo file system is NFSv4 only. So {@link #exportPath()} is the local real path. MNT of a
 *   subdirectory of the export is allowed (libnfs relies on that, see {@link LibNfs}).</li>
 * <li><b>Caching.</b> With its defaults it caches attributes and directory entries, so a file
 *   created or appended locally after the first NFS access stays missing from listings, or
 *   short, through NFS. This configuration sets {@code Attr_Expiration_Time = 0} (and
 *   directory invalidation by getattr), which was measured to make local creates, appends and
 *   deletes visible to the very next NFS call, with no measurable change in 1 GiB nfs-cat
 *   throughput. Tests may therefore prepare and check files directly in {@link #exportDir()}.</li>
 * <li><b>Lifetime.</b> Ganesha runs under a small {@code sh} watchdog whose stdin is a pipe from
 *   this JVM: when the JVM dies for any reason, even SIGKILL, the pipe closes and the watchdog
 *   sends Ganesha SIGTERM, so no orphaned server outlives a killed test fork. SIGTERM usually
 *   stops it within milliseconds (seconds at worst, seen once); it exits with status 0.</li>
 * <li><b>Per-instance state.</b> Each instance has its own directory (config, log, pid file,
 *   NFSv4 recovery root) so that instances in one or several JVMs never share a file; the
 *   recovery root would otherwise default to the machine-wide /var/lib/nfs/ganesha.</li>
 * <li>Its log always complains about D-Bus, Kerberos keytabs and RADOS; those lines are
 *   harmless here and are left out of failure messages.</li>
 * </ul>
 */
public final class GaneshaServer implements AutoCloseable {

    /** The only address the servers bind to. */
    public static final String HOST = "127.0.0.1";

    private static final String START_LOCK_FILE = "/tmp/nfsdirect-ganesha-start.lock";
    private static final int PORTMAPPER_PORT = 111;
    private static final int NFS_PROGRAM = 100003;
    private static final int MOUNT_PROGRAM = 100005;
    private static final int SYSTEM_NFS_PORT = 2049;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final long STOP_TIMEOUT_SECONDS = 10;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(STOP_TIMEOUT_SECONDS);
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 3;

    private static final Pattern HARMLESS_LOG_LINE = Pattern.compile(
            "DBUS|dbus|krb5|keytab|credentials for principal|RADOS|default realm");

    /**
     * Runs Ganesha ($1, with config $2, log $3, pid file $4) in the background, and a reader of
     * this JVM's pipe (kept as fd 3) that sends it SIGTERM at end of file, that is when the JVM
     * closes the pipe or dies. The script ends with Ganesha's exit status.
     */
    private static final String WATCHDOG_SCRIPT = String.join("\n",
            "exec 3<&0",
            "\"$1\" -F -f \"$2\" -L \"$3\" -p \"$4\" </dev/null 3<&- &",
            "g=$!",
            "( read -r _ <&3; kill -TERM \"$g\" 2>/dev/null ) &",
            "w=$!",
            "exec 3<&-",
            "wait \"$g\"; rc=$?",
            "kill \"$w\" 2>/dev/null",
            "exit \"$rc\"");

    /** Serializes starts among threads; the file lock alone would throw for a second thread. */
    private static final ReentrantLock JVM_START_LOCK = new ReentrantLock();

    private static GaneshaServer shared;
    private static RuntimeException sharedFailure;

    private final Path instanceDir;
    private final Path exportDir;
    private final String exportPath;
    private final Path configFile;
    private final Path logFile;
    private final Path outputFile;
    private final int nfsPort;
    private final int mountPort;
    private volatile Process watchdog;
    private boolean closed;

    private GaneshaServer(Path instanceDir, Path exportDir, Path configFile, Path logFile, Path outputFile,
                          int nfsPort, int mountPort, Process watchdog) {
        this.instanceDir = instanceDir;
        this.exportDir = exportDir;
        this.exportPath = exportDir.toString();
        this.configFile = configFile;
        this.logFile = logFile;
        this.outputFile = outputFile;
        this.nfsPort = nfsPort;
        this.mountPort = mountPort;
        this.watchdog = watchdog;
    }

    /**
     * Starts a new server in a new directory under {@code workDir} and returns once it answers
     * MOUNT and NFS. Takes well under a second when the machine is idle.
     *
     * @throws IllegalStateException with the tail of Ganesha's log when it does not come up
     */
    public static GaneshaServer start(Path workDir) {
        Path ganesha = ExternalTools.requireTool("nfs-ganesha", "ganesha.nfsd");
        requireVfsFsal();
        requireRoot();
        ExternalTools.requireTool("rpcbind", "rpcbind", "rpcinfo");
        try {
            Files.createDirectories(workDir);
            Path instanceDir = Files.createTempDirectory(workDir.toAbsolutePath(), "ganesha-").toRealPath();
            Path exportDir = Files.createDirectory(instanceDir.resolve("export"));
            // Tests may speak AUTH_SYS as any uid, not only root.
            Files.setPosixFilePermissions(exportDir, PosixFilePermissions.fromString("rwxrwxrwx"));
            Path recoveryDir = Files.createDirectory(instanceDir.resolve("recovery"));
            return startLocked(ganesha, instanceDir, exportDir, recoveryDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare an NFS-Ganesha instance under " + workDir, e);
        }
    }

    /**
     * The server shared by every test of this JVM, started on first use in a temporary directory
     * and stopped (directory removed) by a shutdown hook. Started again if it has died. A failure
     * to start is remembered and repeated to later callers instead of retried for every test.
     */
    public static synchronized GaneshaServer shared() {
        if (sharedFailure != null) {
            throw sharedFailure;
        }
        if (shared != null && shared.isRunning()) {
            return shared;
        }
        GaneshaServer previous = shared;
        shared = null;
        if (previous != null) {
            previous.stop();
        }
        try {
            Path workDir = Files.createTempDirectory("nfsdirect-ganesha-shared-");
            GaneshaServer server = start(workDir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.stop();
                deleteRecursively(workDir);
            }, "ganesha-shared-shutdown"));
            shared = server;
            return server;
        } catch (IOException e) {
            sharedFailure = new UncheckedIOException("cannot create a directory for the shared NFS-Ganesha", e);
            throw sharedFailure;
        } catch (RuntimeException e) {
            sharedFailure = e;
            throw e;
        }
    }

    /** The exported directory on the local file system (its real path). */
    public Path exportDir() {
        return exportDir;
    }

    /** The export as MOUNT EXPORT lists it and MNT accepts it: the local real path, e.g. /tmp/x/ganesha-1/export. */
    public String exportPath() {
        return exportPath;
    }

    public int nfsPort() {
        return nfsPort;
    }

    public int mountPort() {
        return mountPort;
    }

    /** The local path of {@code relativePath} inside the export. */
    public Path local(String relativePath) {
        return exportDir.resolve(stripSlashes(relativePath));
    }

    /**
     * The URL in this project's form, NFS port in the authority:
     * {@code nfs://127.0.0.1:NFSPORT/<export>/<rel>?mountport=MOUNTPORT&version=3}.
     * An empty {@code relativePath} names the export itself.
     */
    public String url(String relativePath) {
        return "nfs://" + HOST + ":" + nfsPort + join(relativePath) + "?mountport=" + mountPort + "&version=3";
    }

    /**
     * The URL in the form libnfs 4.0's tools accept, which cannot take a port in the authority
     * ("Can not resolv 127.0.0.1:N"): {@code nfs://127.0.0.1/<export>/<rel>?nfsport=N&mountport=M&version=3}.
     */
    public String libnfsUrl(String relativePath) {
        return "nfs://" + HOST + join(relativePath) + "?nfsport=" + nfsPort + "&mountport=" + mountPort + "&version=3";
    }

    /**
     * Creates a new, uniquely named directory at the top of the export (mode 777) and returns
     * its path relative to the export, for tests that share one server.
     */
    public String newDirectory(String prefix) {
        String safe = prefix.replaceAll("[^A-Za-z0-9._-]", "_");
        try {
            Path dir = Files.createTempDirectory(exportDir, safe + "-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            return exportDir.relativize(dir).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory in " + exportDir, e);
        }
    }

    /** What the server's MOUNT service answers to EXPORT right now. */
    public List<String> exports() {
        try {
            return OncRpcProbe.exports(HOST, mountPort, Duration.ofSeconds(5));
        } catch (IOException e) {
            throw new UncheckedIOException("MOUNT EXPORT to " + HOST + ":" + mountPort + " failed", e);
        }
    }

    /**
     * Kills Ganesha with SIGKILL, as a crash would, and starts it again after {@code down} with
     * the same config: the same ports and export, so clients' file handles stay valid while their
     * connections break and the write verifier changes. Returns once it answers again.
     *
     * @throws IllegalStateException with the tail of its log when it does not come back
     */
    public synchronized void crashAndRestart(Duration down) {
        if (closed) {
            throw new IllegalStateException("server is closed");
        }
        Process old = watchdog;
        ganeshaProcess().ifPresent(ProcessHandle::destroyForcibly);
        if (!waitFor(old, STOP_TIMEOUT)) {
            old.destroyForcibly();
            waitFor(old, Duration.ofSeconds(5));
        }
        ExternalTools.sleep(down);
        Path ganesha = ExternalTools.requireTool("nfs-ganesha", "ganesha.nfsd");
        JVM_START_LOCK.lock();
        try (FileChannel lockChannel = FileChannel.open(Path.of(START_LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            lockChannel.lock();
            clearRegistrations();
            Path pidFile = instanceDir.resolve("ganesha.pid");
            Files.deleteIfExists(pidFile);
            watchdog = new ProcessBuilder("/bin/sh", "-c", WATCHDOG_SCRIPT, "ganesha-watchdog",
                    ganesha.toString(), configFile.toString(), logFile.toString(), pidFile.toString())
                    .directory(instanceDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile.toFile()))
                    .start();
            String problem = awaitReady();
            if (problem != null) {
                throw new IllegalStateException("NFS-Ganesha did not come back after a crash: " + problem
                        + "; log:\n" + readLog(outputFile, logFile, 40, true));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart " + this, e);
        } finally {
            JVM_START_LOCK.unlock();
        }
    }

    /** Ganesha's process id, e.g. to kill it in a failure test; empty once it has exited. */
    public Optional<Long> pid() {
        return ganeshaProcess().map(ProcessHandle::pid);
    }

    public boolean isRunning() {
        return watchdog.isAlive();
    }

    /** The directory holding this instance's config, log, pid file and export. */
    public Path instanceDir() {
        return instanceDir;
    }

    /** Ganesha's whole log (its stdout and stderr first, if any), for failure messages. */
    public String log() {
        return readLog(outputFile, logFile, Integer.MAX_VALUE, false);
    }

    /**
     * Stops the server (SIGTERM, then SIGKILL after {@value #STOP_TIMEOUT_SECONDS} s) and waits
     * for it. Does nothing for the {@link #shared()} server, which the shutdown hook stops.
     */
    @Override
    public void close() {
        synchronized (GaneshaServer.class) {
            if (this == shared) {
                return;
            }
        }
        stop();
    }

    @Override
    public String toString() {
        return "GaneshaServer[" + HOST + " nfs=" + nfsPort + " mount=" + mountPort + " export=" + exportPath + "]";
    }

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // End of file on its stdin makes the watchdog send Ganesha SIGTERM.
            watchdog.getOutputStream().close();
        } catch (IOException ignored) {
            // Already closed: the watchdog has exited.
        }
        if (!waitFor(watchdog, STOP_TIMEOUT)) {
            watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
            watchdog.destroyForcibly();
            waitFor(watchdog, Duration.ofSeconds(5));
        }
    }

    private Optional<ProcessHandle> ganeshaProcess() {
        return watchdog.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("ganesha.nfsd")).orElse(false))
                .findFirst();
    }

    // ---------------------------------------------------------------- start-up

    private static GaneshaServer startLocked(Path ganesha, Path instanceDir, Path exportDir, Path recoveryDir)
            throws IOException {
        Path configFile = instanceDir.resolve("ganesha.conf");
        Path logFile = instanceDir.resolve("ganesha.log");
        Path outputFile = instanceDir.resolve("ganesha.out");
        Path pidFile = instanceDir.resolve("ganesha.pid");
        JVM_START_LOCK.lock();
        try (FileChannel lockChannel = FileChannel.open(Path.of(START_LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            lockChannel.lock(); // released when the channel closes, also if this JVM dies
            ensurePortmapper();
            String failure = null;
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                clearRegistrations();
                int nfsPort = ExternalTools.freePort();
                int mountPort = ExternalTools.freePort();
                Files.writeString(configFile, config(nfsPort, mountPort, exportDir, recoveryDir));
                Files.deleteIfExists(logFile);
                Files.deleteIfExists(pidFile);
                Process watchdog = new ProcessBuilder("/bin/sh", "-c", WATCHDOG_SCRIPT, "ganesha-watchdog",
                        ganesha.toString(), configFile.toString(), logFile.toString(), pidFile.toString())
                        .directory(instanceDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.to(outputFile.toFile()))
                        .start();
                GaneshaServer server = new GaneshaServer(instanceDir, exportDir, configFile, logFile, outputFile,
                        nfsPort, mountPort, watchdog);
                String problem = server.awaitReady();
                if (problem == null) {
                    return server;
                }
                server.stop();
                failure = "NFS-Ganesha " + problem + " (attempt " + attempt + " of " + START_ATTEMPTS
                        + ", config " + configFile + "); log:\n" + readLog(outputFile, logFile, 40, true);
                if (!problem.startsWith("exited")) {
                    break; // a hang is not a port race; another attempt would only hang again
                }
            }
            throw new IllegalStateException(failure);
        } finally {
            JVM_START_LOCK.unlock();
        }
    }

    /** Null when the server answers MOUNT EXPORT (listing the export) and NFS NULL; else what went wrong. */
    private String awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String lastProbeError = "its ports never accepted a connection";
        while (true) {
            if (!watchdog.isAlive()) {
                return "exited with status " + watchdog.exitValue() + " during start-up";
            }
            if (ExternalTools.isListening(HOST, mountPort) && ExternalTools.isListening(HOST, nfsPort)) {
                try {
                    List<String> exports = OncRpcProbe.exports(HOST, mountPort, Duration.ofSeconds(2));
                    if (exports.contains(exportPath)) {
                        OncRpcProbe.call(HOST, nfsPort, NFS_PROGRAM, 3, 0, Duration.ofSeconds(2));
                        return null;
                    }
                    lastProbeError = "MOUNT EXPORT listed " + exports + ", not " + exportPath;
                } catch (IOException e) {
                    lastProbeError = "probe failed: " + e.getMessage();
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                return "was not ready within " + READY_TIMEOUT.toSeconds() + " s (" + lastProbeError + ")";
            }
            ExternalTools.sleep(Duration.ofMillis(20));
        }
    }

    private static String config(int nfsPort, int mountPort, Path exportDir, Path recoveryDir) {
        return String.join("\n",
                "# One NFS-Ganesha test instance of io.nfsdirect.testing.GaneshaServer.",
                "NFS_CORE_PARAM {",
                "    Protocols = 3, 4;",
                "    NFS_Port = " + nfsPort + ";",
                "    MNT_Port = " + mountPort + ";",
                "    Bind_addr = " + HOST + ";",
                "    Enable_NLM = false;",
                "    Enable_RQUOTA = false;",
                "    Enable_UDP = false;",
                "}",
                "NFSV4 {",
                "    Graceless = true;",
                "    RecoveryRoot = " + quote(recoveryDir) + ";",
                "}",
                "MDCACHE {",
                "    Use_Getattr_Directory_Invalidation = true;",
                "}",
                "EXPORT {",
                "    Export_Id = 77;",
                "    Path = " + quote(exportDir) + ";",
                "    Pseudo = \"/nfsdirect\";",
                "    Protocols = 3, 4;",
                "    Access_Type = RW;",
                "    Squash = No_Root_Squash;",
                "    SecType = sys;",
                "    Attr_Expiration_Time = 0;",
                "    FSAL { Name = VFS; }",
                "}",
                "");
    }

    private static String quote(Path path) {
        String s = path.toString();
        if (s.contains("\"") || s.contains("\n")) {
            throw new IllegalArgumentException("NFS-Ganesha cannot be configured with the path " + s);
        }
        return "\"" + s + "\"";
    }

    private static void requireVfsFsal() {
        List<Path> dirs = new ArrayList<>(List.of(Path.of("/usr/lib/ganesha"), Path.of("/usr/lib64/ganesha")));
        try (DirectoryStream<Path> multiarch = Files.newDirectoryStream(Path.of("/usr/lib"), "*-linux-*")) {
            multiarch.forEach(d -> dirs.add(d.resolve("ganesha")));
        } catch (IOException ignored) {
            // No multiarch directories: only the plain ones are candidates.
        }
        if (dirs.stream().noneMatch(d -> Files.exists(d.resolve("libfsalvfs.so")))) {
            throw ExternalTools.unavailable("nfs-ganesha's VFS FSAL not installed (no libfsalvfs.so in "
                    + dirs + "): apt-get install nfs-ganesha-vfs");
        }
    }

    private static void requireRoot() {
        int uid;
        try {
            uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            throw ExternalTools.unavailable("cannot tell whether this JVM is root (" + e + "); NFS-Ganesha needs root");
        }
        if (uid != 0) {
            throw ExternalTools.unavailable("NFS-Ganesha's VFS FSAL must run as root (it opens files by handle,"
                    + " which needs CAP_DAC_READ_SEARCH); this JVM runs as uid " + uid);
        }
    }

    /** Starts the shared rpcbind when nothing answers on 127.0.0.1:111, and leaves it running. */
    private static void ensurePortmapper() {
        if (ExternalTools.isListening(HOST, PORTMAPPER_PORT)) {
            return;
        }
        Path rpcbind = ExternalTools.requireTool("rpcbind", "rpcbind");
        // -w: warm start, so registrations of other services survive an rpcbind restart.
        // Without -f it daemonizes: the command returns at once and rpcbind outlives this JVM.
        ExternalTools.Result result = ExternalTools.run(TOOL_TIMEOUT, rpcbind.toString(), "-w");
        if (!ExternalTools.waitForPort(HOST, PORTMAPPER_PORT, Duration.ofSeconds(5))) {
            throw new IllegalStateException("no portmapper on " + HOST + ":" + PORTMAPPER_PORT
                    + " after starting it: " + result.describe());
        }
    }

    /**
     * Deletes the portmapper's NFS and MOUNT entries so that the next Ganesha can register
     * (see the class comment). An NFS server on 2049 is the machine's own and is left alone.
     */
    private static void clearRegistrations() {
        Path rpcinfo = ExternalTools.requireTool("rpcbind", "rpcinfo");
        ExternalTools.Result list = ExternalTools.run(TOOL_TIMEOUT, rpcinfo.toString(), "-p", HOST);
        if (!list.ok()) {
            throw new IllegalStateException("cannot list the portmapper's registrations: " + list.describe());
        }
        Set<String> toDelete = new LinkedHashSet<>();
        for (String line : list.stdoutText().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || !f[0].matches("\\d+")) {
                continue; // the header
            }
            int program = Integer.parseInt(f[0]);
            int port = Integer.parseInt(f[3]);
            if (program == NFS_PROGRAM && port == SYSTEM_NFS_PORT) {
                throw ExternalTools.unavailable("an NFS server on port 2049 is registered with the portmapper;"
                        + " NFS-Ganesha cannot register beside it. Stop the machine's NFS server to run this test");
            }
            if (program == NFS_PROGRAM || program == MOUNT_PROGRAM) {
                toDelete.add(f[0] + " " + f[1]);
            }
        }
        for (String programVersion : toDelete) {
            String[] pv = programVersion.split(" ");
            ExternalTools.run(TOOL_TIMEOUT, rpcinfo.toString(), "-d", pv[0], pv[1]);
        }
    }

    // ---------------------------------------------------------------- helpers

    private String join(String relativePath) {
        String rel = stripSlashes(relativePath);
        return rel.isEmpty() ? exportPath : exportPath + "/" + rel;
    }

    private static String stripSlashes(String relativePath) {
        String rel = relativePath;
        while (rel.startsWith("/")) {
            rel = rel.substring(1);
        }
        while (rel.endsWith("/")) {
            rel = rel.substring(0, rel.length() - 1);
        }
        return rel;
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** The last {@code maxLines} lines of Ganesha's stdout/stderr and log, without its known noise if asked. */
    private static String readLog(Path outputFile, Path logFile, int maxLines, boolean dropNoise) {
        List<String> lines = new ArrayList<>();
        for (Path file : List.of(outputFile, logFile)) {
            try {
                if (Files.exists(file)) {
                    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                    text.lines().forEach(lines::add);
                }
            } catch (IOException e) {
                lines.add("(cannot read " + file + ": " + e + ")");
            }
        }
        Stream<String> kept = lines.stream();
        if (dropNoise) {
            kept = kept.filter(l -> !HARMLESS_LOG_LINE.matcher(l).find());
        }
        List<String> all = kept.collect(Collectors.toList());
        List<String> tail = all.subList(Math.max(0, all.size() - maxLines), all.size());
        return tail.isEmpty() ? "(empty)" : String.join("\n", tail);
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // Best effort at JVM exit.
                }
            });
        } catch (IOException ignored) {
            // Best effort at JVM exit.
        }
    }

    /**
     * Just enough ONC RPC over TCP (AUTH_NONE, record marking) to ask a server whether it is up,
     * independent of the project's own client code under test.
     */
    static final class OncRpcProbe {

        private static final int MAX_REPLY = 1 << 20;

        private OncRpcProbe() {
        }

        /** MOUNTv3 EXPORT: the exported directories. */
        static List<String> exports(String host, int port, Duration timeout) throws IOException {
            ByteBuffer reply = call(host, port, MOUNT_PROGRAM, 3, 5, timeout);
            List<String> dirs = new ArrayList<>();
            try {
                while (reply.getInt() != 0) {
                    dirs.add(string(reply));
                    while (reply.getInt() != 0) {
                        string(reply); // a group name
                    }
                    if (dirs.size() > 10_000) {
                        throw new IOException("MOUNT EXPORT reply lists more than 10000 exports");
                    }
                }
            } catch (BufferUnderflowException e) {
                throw new IOException("MOUNT EXPORT reply is truncated", e);
            }
            return dirs;
        }

        /** Calls a procedure without arguments; returns the results after a SUCCESS accept_stat. */
        static ByteBuffer call(String host, int port, int program, int version, int procedure, Duration timeout)
                throws IOException {
            int xid = ThreadLocalRandom.current().nextInt();
            ByteBuffer call = ByteBuffer.allocate(44);
            call.putInt(0x80000000 | 40); // last fragment, 10 words
            call.putInt(xid).putInt(0 /*CALL*/).putInt(2 /*rpcvers*/).putInt(program).putInt(version)
                    .putInt(procedure).putInt(0).putInt(0 /*cred AUTH_NONE*/).putInt(0).putInt(0 /*verf*/);
            try (Socket socket = new Socket()) {
                int millis = (int) timeout.toMillis();
                socket.connect(new InetSocketAddress(host, port), millis);
                socket.setSoTimeout(millis);
                OutputStream out = socket.getOutputStream();
                out.write(call.array());
                out.flush();
                DataInputStream in = new DataInputStream(socket.getInputStream());
                ByteArrayOutputStream record = new ByteArrayOutputStream();
                boolean last = false;
                while (!last) {
                    int mark = in.readInt();
                    last = mark < 0;
                    int length = mark & 0x7fffffff;
                    if (record.size() + (long) length > MAX_REPLY) {
                        throw new IOException("RPC reply larger than " + MAX_REPLY + " bytes");
                    }
                    record.write(in.readNBytes(length));
                }
                ByteBuffer reply = ByteBuffer.wrap(record.toByteArray());
                try {
                    if (reply.getInt() != xid || reply.getInt() != 1 /*REPLY*/) {
                        throw new IOException("not a reply to this call");
                    }
                    if (reply.getInt() != 0) {
                        throw new IOException("RPC call denied");
                    }
                    reply.getInt(); // verifier flavor
                    skipOpaque(reply);
                    int acceptStat = reply.getInt();
                    if (acceptStat != 0) {
                        throw new IOException("RPC accept_stat " + acceptStat + " for program " + program
                                + " version " + version + " procedure " + procedure);
                    }
                } catch (BufferUnderflowException e) {
                    throw new IOException("RPC reply is truncated", e);
                }
                return reply;
            }
        }

        private static String string(ByteBuffer b) throws IOException {
            int length = b.getInt();
            if (length < 0 || length > b.remaining()) {
                throw new IOException("XDR string length " + length + " exceeds the " + b.remaining() + " bytes left");
            }
            byte[] bytes = new byte[length];
            b.get(bytes);
            skipPadding(b, length);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        private static void skipOpaque(ByteBuffer b) throws IOException {
            int length = b.getInt();
            if (length < 0 || length > b.remaining()) {
                throw new IOException("XDR opaque length " + length + " exceeds the " + b.remaining() + " bytes left");
            }
            b.position(b.position() + length);
            skipPadding(b, length);
        }

        private static void skipPadding(ByteBuffer b, int length) throws IOException {
            int padding = (4 - length % 4) % 4;
            if (padding > b.remaining()) {
                throw new IOException("XDR padding missing at the end of the reply");
            }
            b.position(b.position() + padding);
        }
    }
}
