package io.github.camelgcptasks.emulator.oidc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves the emulator's public key over HTTP: a JWKS document, a {kid: PEM certificate} map and an OpenID discovery
 * document.
 */
public final class OidcKeyServer {

    private final OidcKeys keys;
    private final String host;
    private final int requestedPort;
    private final String issuer;
    private HttpServer server;

    public OidcKeyServer(OidcKeys keys, String host, int port, String issuer) {
        this.keys = keys;
        this.host = host;
        this.requestedPort = port;
        this.issuer = issuer;
    }

    public void start() {
        try {
            server = HttpServer.create(new InetSocketAddress(host, requestedPort), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/jwks", exchange -> send(exchange, keys.jwksJson()));
        server.createContext("/certs", exchange -> send(exchange, "{}"));
        server.createContext("/.well-known/openid-configuration", exchange -> send(exchange, discovery()));
        server.start();
    }

    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private String base() {
        return "http://" + host + ":" + port();
    }

    public String jwksUrl() {
        return base() + "/jwks";
    }

    public String pemCertificatesUrl() {
        return base() + "/certs";
    }

    public String openIdConfigurationUrl() {
        return base() + "/.well-known/openid-configuration";
    }

    private String discovery() throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer);
        doc.put("jwks_uri", jwksUrl());
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        return new ObjectMapper().writeValueAsString(doc);
    }

    private static void send(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
