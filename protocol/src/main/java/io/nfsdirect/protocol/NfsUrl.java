package io.nfsdirect.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An {@code nfs://} URL in libnfs form:
 * {@code nfs://host[:port]/path?nfsport=N&mountport=N&version=3&uid=N&gid=N&rsize=N&wsize=N}.
 *
 * <p>The URL names a path in the server's namespace; which part of it is the export is only known
 * once the server's export list is at hand ({@link #resolve(Collection)}), exactly as libnfs does
 * it. The port in the authority is the NFS port, like libnfs; {@code nfsport} says the same thing.
 *
 * @param host      host name or IP address (IPv6 without brackets)
 * @param nfsPort   NFS port, 0 = not given (ask the portmapper, else 2049)
 * @param mountPort MOUNT port, 0 = not given
 * @param path      absolute, normalized path: no empty, "." or ".." components, no trailing slash
 * @param uid       AUTH_SYS uid, -1 = not given
 * @param gid       AUTH_SYS gid, -1 = not given
 * @param rsize     maximum READ size in bytes, 0 = not given
 * @param wsize     maximum WRITE size in bytes, 0 = not given
 */
public record NfsUrl(String host, int nfsPort, int mountPort, String path,
                     int uid, int gid, int rsize, int wsize) {

    /** Largest rsize/wsize accepted; far above any server's limit, it only catches typos. */
    public static final int MAX_IO_SIZE = 64 * 1024 * 1024;

    private static final List<String> PARAMETERS =
            List.of("nfsport", "mountport", "version", "uid", "gid", "rsize", "wsize");

    /** Where a URL path lands on a server: the export to mount and the path below it. */
    public record Target(String export, String relativePath) {
    }

    public NfsUrl {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("NFS URL without a host");
        }
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("NFS URL path must be absolute: " + path);
        }
    }

    /**
     * Parses an {@code nfs://} URL.
     *
     * @throws IllegalArgumentException naming what is wrong and quoting the URL
     */
    public static NfsUrl parse(String url) {
        if (url == null) {
            throw new IllegalArgumentException("NFS URL is null");
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("nfs://")) {
            throw bad(url, "must start with nfs://");
        }
        if (url.indexOf('#') >= 0) {
            throw bad(url, "fragments (#) are not supported");
        }
        String rest = url.substring("nfs://".length());
        int pathStart = indexOfAny(rest, "/?");
        String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
        String afterAuthority = pathStart < 0 ? "" : rest.substring(pathStart);
        int queryStart = afterAuthority.indexOf('?');
        String rawPath = queryStart < 0 ? afterAuthority : afterAuthority.substring(0, queryStart);
        String query = queryStart < 0 ? null : afterAuthority.substring(queryStart + 1);

        if (authority.indexOf('@') >= 0) {
            throw bad(url, "user information (user@host) is not supported; use ?uid=N&gid=N");
        }
        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw bad(url, "unterminated IPv6 address");
            }
            host = authority.substring(1, close);
            String tail = authority.substring(close + 1);
            if (!tail.isEmpty()) {
                if (!tail.startsWith(":")) {
                    throw bad(url, "unexpected text after IPv6 address: " + tail);
                }
                portText = tail.substring(1);
            }
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw bad(url, "missing host");
        }
        int nfsPort = portText == null ? 0 : port(url, "port", portText);

        if (rawPath.isEmpty()) {
            throw bad(url, "missing path (nfs://host/export/path)");
        }
        String path = normalize(url, decode(url, rawPath));

        int mountPort = 0;
        int uid = -1;
        int gid = -1;
        int rsize = 0;
        int wsize = 0;
        if (query != null && !query.isEmpty()) {
            Set<String> seen = new HashSet<>();
            for (String pair : query.split("&", -1)) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw bad(url, "query parameter '" + pair + "' is not key=value");
                }
                String key = pair.substring(0, eq).toLowerCase(Locale.ROOT);
                String value = decode(url, pair.substring(eq + 1));
                if (!PARAMETERS.contains(key)) {
                    throw bad(url, "unknown query parameter '" + key + "' (known: "
                            + String.join(", ", PARAMETERS) + ")");
                }
                if (!seen.add(key)) {
                    throw bad(url, "query parameter '" + key + "' given twice");
                }
                switch (key) {
                    case "nfsport" -> {
                        int p = port(url, key, value);
                        if (nfsPort != 0 && nfsPort != p) {
                            throw bad(url, "port " + nfsPort + " and nfsport=" + p + " disagree");
                        }
                        nfsPort = p;
                    }
                    case "mountport" -> mountPort = port(url, key, value);
                    case "version" -> {
                        if (!value.equals("3")) {
                            throw bad(url, "unsupported NFS version " + value + ": only version=3 is supported");
                        }
                    }
                    case "uid" -> uid = number(url, key, value, 0, Integer.MAX_VALUE);
                    case "gid" -> gid = number(url, key, value, 0, Integer.MAX_VALUE);
                    case "rsize" -> rsize = number(url, key, value, 1, MAX_IO_SIZE);
                    case "wsize" -> wsize = number(url, key, value, 1, MAX_IO_SIZE);
                    default -> throw new IllegalStateException(key);
                }
            }
        }
        return new NfsUrl(host, nfsPort, mountPort, path, uid, gid, rsize, wsize);
    }

    /**
     * Splits the path into export and relative path, choosing the LONGEST export that is a prefix
     * of the path component by component ({@code /a/b} contains {@code /a/b/c} but not
     * {@code /a/bc}). Servers nest exports, and the innermost one is the file system that holds
     * the file. The export comes back exactly as the server listed it, since MNT needs it verbatim.
     *
     * @throws NfsException ENOENT naming the path and the exports when none contains the path
     */
    public Target resolve(Collection<String> exports) throws NfsException {
        String best = null;
        String bestNormalized = null;
        for (String export : exports) {
            String normalized = normalizeExport(export);
            if (normalized == null || !contains(normalized, path)) {
                continue;
            }
            if (bestNormalized == null || normalized.length() > bestNormalized.length()) {
                best = export;
                bestNormalized = normalized;
            }
        }
        if (best == null) {
            throw NfsException.errno(Errno.ENOENT, "no export of " + host + " contains " + path
                    + " (exports: " + (exports.isEmpty() ? "none" : String.join(", ", exports)) + ")");
        }
        String relative = path.length() == bestNormalized.length() ? ""
                : path.substring(bestNormalized.equals("/") ? 1 : bestNormalized.length() + 1);
        return new Target(best, relative);
    }

    /**
     * The URL of {@code relativePath} below this one, with the same server, ports and settings:
     * how a tree walk names what it found. Each name is taken as it is, any byte but '/' and NUL,
     * and is percent-encoded when the URL is printed.
     */
    public NfsUrl child(String relativePath) {
        if (relativePath.isEmpty()) {
            return this;
        }
        String joined = path.endsWith("/") ? path + relativePath : path + "/" + relativePath;
        return new NfsUrl(host, nfsPort, mountPort, joined, uid, gid, rsize, wsize);
    }

    /** The URL of the directory this one lies in ({@code /} for a path one level deep, and for {@code /}). */
    public NfsUrl parent() {
        int slash = path.lastIndexOf('/');
        return new NfsUrl(host, nfsPort, mountPort, slash <= 0 ? "/" : path.substring(0, slash), uid, gid, rsize,
                wsize);
    }

    /** The URL in the form {@link #parse(String)} reads; the port goes in the authority. */
    @Override
    public String toString() {
        StringBuilder url = new StringBuilder("nfs://");
        url.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host);
        if (nfsPort != 0) {
            url.append(':').append(nfsPort);
        }
        url.append(encode(path));
        StringBuilder query = new StringBuilder();
        appendParameter(query, "mountport", mountPort, mountPort != 0);
        appendParameter(query, "uid", uid, uid >= 0);
        appendParameter(query, "gid", gid, gid >= 0);
        appendParameter(query, "rsize", rsize, rsize != 0);
        appendParameter(query, "wsize", wsize, wsize != 0);
        if (query.length() > 0) {
            url.append('?').append(query);
        }
        return url.toString();
    }

    private static void appendParameter(StringBuilder query, String key, int value, boolean given) {
        if (given) {
            query.append(query.length() == 0 ? "" : "&").append(key).append('=').append(value);
        }
    }

    private static boolean contains(String export, String path) {
        if (export.equals("/")) {
            return true;
        }
        return path.equals(export) || path.startsWith(export + "/");
    }

    /** Export paths as servers list them may carry trailing or doubled slashes. */
    private static String normalizeExport(String export) {
        if (export == null || !export.startsWith("/")) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String part : export.split("/")) {
            if (!part.isEmpty()) {
                out.append('/').append(part);
            }
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    /**
     * Collapses "//" and "." and applies "..", refusing to climb above the root: a URL must
     * not be able to name something outside the namespace it claims to be in.
     */
    private static String normalize(String url, String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw bad(url, "path escapes the root with '..'");
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return parts.isEmpty() ? "/" : "/" + String.join("/", parts);
    }

    private static int port(String url, String what, String text) {
        return number(url, what, text, 1, 65535);
    }

    private static int number(String url, String what, String text, int min, int max) {
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw bad(url, what + " must be a number in [" + min + ", " + max + "], got '" + text + "'");
        }
        long value = Long.parseLong(text);
        if (value < min || value > max) {
            throw bad(url, what + " must be a number in [" + min + ", " + max + "], got " + value);
        }
        return (int) value;
    }

    private static String decode(String url, String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw bad(url, "truncated percent escape");
                }
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw bad(url, "bad percent escape %" + text.charAt(i + 1) + text.charAt(i + 2));
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        String decoded = bytes.toString(StandardCharsets.UTF_8);
        if (decoded.indexOf('\0') >= 0) {
            throw bad(url, "NUL byte in URL");
        }
        return decoded;
    }

    /** Percent-encodes what would otherwise end or confuse the path; '/' stays a separator. */
    private static String encode(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "/-._~!$&'()*+,;=:@".indexOf(c) >= 0;
            if (plain) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static int indexOfAny(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static IllegalArgumentException bad(String url, String problem) {
        return new IllegalArgumentException("bad NFS URL '" + url + "': " + problem);
    }
}
