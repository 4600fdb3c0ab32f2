package io.github.camelgcptasks.component.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * Republishes a JWKS (the emulator's signing keys) on a local port of its own, and can stop publishing it (503) and
 * start again, so a test can take a consumer's OIDC keys away and give them back.
 */
public final class SwitchableKeyServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final byte[] keys;
    private volatile boolean serving;

    public SwitchableKeyServer(String jwksUrl) throws IOException, InterruptedException {
        keys = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(jwksUrl)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/certs", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (serving) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, keys.length);
                exchange.getResponseBody().write(keys);
            } else {
                exchange.sendResponseHeaders(503, -1);
            }
            exchange.close();
        });
        server.setExecutor(executor);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/certs";
    }

    public void serve(boolean serving) {
        this.serving = serving;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
