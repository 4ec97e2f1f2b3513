package io.nfsdirect.coordinator.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The key material of a cluster, in one directory that every node of the cluster is given: a
 * key pair with its self-signed certificate ({@value #KEY_STORE}), a trust store holding only
 * that certificate ({@value #TRUST_STORE}) and the stores' password ({@value #PASSWORD}). With
 * mutual authentication, a peer is let in only if it holds the same key: the directory is the
 * cluster's shared secret, to be kept like one (mode 0700, files 0600).
 *
 * <p>The stores are PKCS12 files made by the JDK's own {@code keytool}, so an operator who wants
 * one certificate per node, signed by their own CA, can make the same three files with it (or
 * point Pekko's {@code pekko.remote.artery.ssl.config-ssl-engine} settings at theirs).
 */
public final class ClusterKeys {

    public static final String KEY_STORE = "node.p12";
    public static final String TRUST_STORE = "trust.p12";
    public static final String PASSWORD = "password";
    private static final String ALIAS = "nfs-direct";
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    private ClusterKeys() {
    }

    /**
     * Makes a new key, certificate, trust store and password in {@code dir}, which must not hold
     * them yet; the directory is created (mode 0700) if it does not exist.
     *
     * @throws IOException naming the file or the keytool failure
     */
    public static Path generate(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        for (String name : List.of(KEY_STORE, TRUST_STORE, PASSWORD)) {
            if (Files.exists(dir.resolve(name))) {
                throw new IOException(dir.resolve(name) + " exists already: keys are never overwritten");
            }
        }
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Path passwordFile = Files.createFile(dir.resolve(PASSWORD),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwordFile, password + "\n");
        Path certificate = dir.resolve("node.crt");
        // Passwords go to keytool through the file, never on a command line that ps shows.
        try {
            keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                    "-sigalg", "SHA256withECDSA", "-dname", "CN=nfs-direct cluster", "-validity", "3650",
                    "-keystore", dir.resolve(KEY_STORE).toString(), "-storetype", "PKCS12",
                    "-storepass:file", passwordFile.toString(), "-keypass:file", passwordFile.toString());
            keytool("-exportcert", "-alias", ALIAS, "-keystore", dir.resolve(KEY_STORE).toString(),
                    "-storepass:file", passwordFile.toString(), "-file", certificate.toString());
            keytool("-importcert", "-noprompt", "-alias", ALIAS, "-file", certificate.toString(),
                    "-keystore", dir.resolve(TRUST_STORE).toString(), "-storetype", "PKCS12",
                    "-storepass:file", passwordFile.toString());
        } finally {
            Files.deleteIfExists(certificate);
        }
        for (String name : List.of(KEY_STORE, TRUST_STORE)) {
            Files.setPosixFilePermissions(dir.resolve(name), PosixFilePermissions.fromString("rw-------"));
        }
        return dir;
    }

    /** The password of the stores in {@code dir}. */
    static String password(Path dir) throws IOException {
        return Files.readString(dir.resolve(PASSWORD), StandardCharsets.UTF_8).strip();
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] output;
        try {
            output = p.getInputStream().readAllBytes();
            if (!p.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool " + args[0] + " did not finish within " + KEYTOOL_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool " + args[0], e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed (exit " + p.exitValue() + "): "
                    + new String(output, StandardCharsets.UTF_8).strip());
        }
    }
}
