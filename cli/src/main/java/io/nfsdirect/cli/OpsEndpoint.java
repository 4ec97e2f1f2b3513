package io.nfsdirect.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nfsdirect.coordinator.cluster.ClusterNode;
import io.nfsdirect.coordinator.cluster.Readiness;
import io.nfsdirect.worker.NodeCounters;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A node's HTTP endpoint for operators ({@code node --http HOST:PORT}), with the meanings of
 * Pekko Management's health checks:
 * <ul>
 *   <li>{@code GET /alive}: 200 while the node's actor system runs (liveness: restart it if not);</li>
 *   <li>{@code GET /ready}: 200 once the node is an Up member with its services registered, else
 *       503 and what is missing ({@link Readiness}): send it work only then;</li>
 *   <li>{@code GET /metrics}: the node's counters, RPC latency histograms and request outcomes
 *       ({@link io.nfsdirect.worker.NodeMeters}), plus the JVM's, in Prometheus's text format.</li>
 * </ul>
 * It hands out counts only, never data or file names, and takes no input but the path. Two
 * threads serve it, so a slow scraper cannot take more; it stops with the node.
 */
final class OpsEndpoint implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(2);

    private final HttpServer server;
    private final ExecutorService threads;
    private final PrometheusMeterRegistry registry;

    private OpsEndpoint(HttpServer server, ExecutorService threads, PrometheusMeterRegistry registry) {
        this.server = server;
        this.threads = threads;
        this.registry = registry;
    }

    /**
     * Binds {@code address} and starts serving the node's checks and meters.
     *
     * @throws IOException when the address cannot be bound (taken, or not this host's)
     */
    static OpsEndpoint start(InetSocketAddress address, ClusterNode node) throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("node", node.address());
        NodeCounters.get(node.system()).meters().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        HttpServer server = HttpServer.create(address, 16);
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "nfsdirect-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/alive", exchange -> {
            boolean stopped = node.system().getWhenTerminated().toCompletableFuture().isDone();
            answer(exchange, stopped ? 503 : 200, stopped ? "stopped\n" : "alive\n", "text/plain");
        });
        server.createContext("/ready", exchange -> {
            Readiness r = node.readiness(READY_TIMEOUT).toCompletableFuture()
                    .completeOnTimeout(new Readiness(List.of("the node did not answer within "
                            + READY_TIMEOUT.toSeconds() + " s")), READY_TIMEOUT.toMillis() + 500,
                            TimeUnit.MILLISECONDS).join();
            answer(exchange, r.ready() ? 200 : 503, r.describe() + "\n", "text/plain");
        });
        server.createContext("/metrics", exchange -> answer(exchange, 200, registry.scrape(),
                "text/plain; version=0.0.4; charset=utf-8"));
        server.start();
        return new OpsEndpoint(server, threads, registry);
    }

    /** Answers a GET (or HEAD) of exactly its path; anything else is 404 or 405. */
    private static void answer(HttpExchange exchange, int status, String body, String type) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath())) {
                status = 404;
                body = "not found\n";
                type = "text/plain";
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                status = 405;
                body = "method not allowed\n";
                type = "text/plain";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(status, method.equals("HEAD") ? -1 : bytes.length);
            if (!method.equals("HEAD")) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    /** Where it listens: the bound port, when 0 was asked for. */
    InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        registry.close();
    }
}
