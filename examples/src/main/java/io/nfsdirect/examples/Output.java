package io.nfsdirect.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nfsdirect.protocol.api.IoCompletion;
import io.nfsdirect.protocol.api.IoCounters;
import io.nfsdirect.protocol.api.IoError;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The service's results on stdout, one line per event, so a script (or the integration test) can
 * pick them out; Pekko's own logging goes to stderr. Every line is an event name and ordered
 * fields:
 * <ul>
 *   <li>{@code text}: {@code event key=value key=value ...}; a value with spaces, quotes or
 *       backslashes is double-quoted with {@code \"} and {@code \\} escapes;</li>
 *   <li>{@code json}: {@code {"event":"...","key":value,...}}, one object per line.</li>
 * </ul>
 * Events: {@code directio} (the coordinator found), {@code completion} (one per IoCompletion),
 * {@code sha256} (the file's digest), {@code write-source} (what the inline write carried),
 * {@code failure} (anything that is not a completion: a timeout, a lost coordinator) and
 * {@code exit} (last line, the exit status).
 */
final class Output {

    enum Mode { TEXT, JSON }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Mode mode;
    private final PrintStream out;

    Output(Mode mode, PrintStream out) {
        this.mode = mode;
        this.out = out;
    }

    void directIo(String path) {
        line("directio", fields("ref", path));
    }

    void completion(String op, IoCompletion c) {
        Map<String, Object> f = fields("op", op, "id", c.requestId(), "ok", c.ok(), "bytes", c.bytes());
        IoCounters n = c.counters();
        f.put("chunks", n.chunks());
        f.put("rpcs", n.rpcs());
        f.put("retransmits", n.retransmits());
        f.put("short-io", n.shortIo());
        f.put("verifier-mismatches", n.verifierMismatches());
        f.put("redispatched", n.redispatched());
        f.put("elapsed-ms", n.elapsedNanos() / 1_000_000);
        IoError e = c.error();
        if (e != null) {
            f.put("errno", e.errno());
            f.put("nfs-status", e.nfsStatus() == null ? "-" : e.nfsStatus());
            f.put("error-offset", e.offset());
            f.put("message", e.message());
        }
        line("completion", f);
    }

    void sha256(Sha256Consumer.Digest d, String url) {
        line("sha256", fields("hex", d.sha256Hex(), "bytes", d.bytes(), "chunks", d.chunks(),
                "largest-chunk", d.largestChunk(), "max-held", d.maxHeld(), "url", url));
    }

    void writeSource(String hex, long bytes, String url) {
        line("write-source", fields("hex", hex, "bytes", bytes, "url", url));
    }

    void failure(String message) {
        line("failure", fields("message", message));
    }

    void exit(int code) {
        line("exit", fields("code", code));
    }

    private static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private void line(String event, Map<String, Object> fields) {
        String text;
        if (mode == Mode.JSON) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("event", event);
            all.putAll(fields);
            try {
                text = JSON.writeValueAsString(all);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot render " + all, e);
            }
        } else {
            StringBuilder b = new StringBuilder(event);
            fields.forEach((k, v) -> b.append(' ').append(k).append('=').append(quoted(String.valueOf(v))));
            text = b.toString();
        }
        // One println per event, flushed: lines from the actor threads never interleave mid-line,
        // and a reader sees each event as it happens.
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }

    static String quoted(String v) {
        boolean plain = !v.isEmpty();
        for (int i = 0; i < v.length() && plain; i++) {
            char c = v.charAt(i);
            plain = c > ' ' && c != '"' && c != '\\' && c != 0x7f;
        }
        if (plain) {
            return v;
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c == '\n' || c == '\r' ? ' ' : c);
        }
        return b.append('"').toString();
    }
}
