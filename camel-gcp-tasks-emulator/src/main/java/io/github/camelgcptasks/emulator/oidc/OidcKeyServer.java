package io.github.camelgcptasks.emulator.oidc;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP server that publishes the emulator's OIDC keys where token verifiers look for them:
 * <ul>
 * <li>{@code /jwks} and {@code /oauth2/v3/certs}: the JWK set;</li>
 * <li>{@code /certs} and {@code /oauth2/v1/certs}: PEM certificates keyed by kid;</li>
 * <li>{@code /.well-known/openid-configuration}: the OpenID discovery document.</li>
 * </ul>
 * The Google-style paths let a client that only swaps the host of Google's URLs work unchanged. Only GET is
 * answered (405 otherwise); every other path is 404.
 */
public final class OidcKeyServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OidcKeyServer.class);

    private static final String JWKS_PATH = "/jwks";
    private static final String PEM_CERTIFICATES_PATH = "/certs";
    private static final String OPENID_CONFIGURATION_PATH = "/.well-known/openid-configuration";
    // Google serves its certs with a max-age of a few hours; the emulator's key changes on every restart, so a
    // short one keeps HTTP caches from holding a stale key for long.
    private static final String CACHE_CONTROL = "public, max-age=300, must-revalidate, no-transform";

    private final OidcKeys keys;
    private final String host;
    private final int requestedPort;
    private final String issuer;

    private HttpServer server;
    private boolean stopped;

    /**
     * @param keys   the keys to publish
     * @param host   interface to bind and the host written into the URLs
     * @param port   port to bind; 0 picks a free one (see {@link #port()} after {@link #start()})
     * @param issuer the {@code issuer} of the discovery document; should equal the {@code iss} of issued tokens
     */
    public OidcKeyServer(OidcKeys keys, String host, int port, String issuer) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.host = Objects.requireNonNull(host, "host");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        this.requestedPort = port;
    }

    /** Binds and starts serving. A server starts once; build a new one to serve again after {@link #stop()}. */
    public synchronized OidcKeyServer start() throws IOException {
        if (server != null || stopped) {
            throw new IllegalStateException("OidcKeyServer can be started only once");
        }
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(host, requestedPort), 0);
        } catch (BindException e) {
            BindException named = new BindException("Cannot serve the OIDC key documents on " + host + ":"
                    + requestedPort + (servesAt(issuer) && portOf(issuer) == requestedPort
                    ? ", the port of the OpenID issuer " + issuer + " (give --oidc-port to serve them elsewhere)" : "")
                    + ": " + e.getMessage());
            named.initCause(e);
            throw named;
        }
        server = http;
        try {
            // "/" matches every path; routing by exact path gives 404 for the rest instead of prefix matches.
            http.createContext("/", exchange -> respond(exchange, documents()));
            http.start();
        } catch (RuntimeException e) {
            stop(); // release the bound port
            throw e;
        }
        LOG.info("OIDC key server listening: JWKS {}, discovery {}", jwksUrl(), openIdConfigurationUrl());
        return this;
    }

    /**
     * The documents by path, rendered per request (key documents are fetched rarely): the key behind them is then
     * generated only once someone asks for it, not when the emulator starts.
     */
    private Map<String, byte[]> documents() throws JsonProcessingException {
        return Map.of(
                JWKS_PATH, utf8(keys.jwksJson()),
                "/oauth2/v3/certs", utf8(keys.jwksJson()),
                PEM_CERTIFICATES_PATH, utf8(keys.pemCertificatesJson()),
                "/oauth2/v1/certs", utf8(keys.pemCertificatesJson()),
                OPENID_CONFIGURATION_PATH, utf8(openIdConfiguration()));
    }

    /** Stops serving at once. Idempotent. */
    public synchronized void stop() {
        stopped = true;
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The bound port once started; before that, the requested one (0 for "pick a free port"). */
    public synchronized int port() {
        return server != null ? server.getAddress().getPort() : requestedPort;
    }

    /** The issuer the discovery document names. */
    public String issuer() {
        return issuer;
    }

    /**
     * Where the documents are found: the issuer itself when the server listens on an {@code http://} issuer's port,
     * so that {@code jwks_uri} works wherever the issuer's host name does (another container, a compose service);
     * otherwise the bound host and port.
     */
    public String baseUrl() {
        if (servesAt(issuer) && portOf(issuer) == port()) {
            return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        }
        // An IPv6 literal needs brackets in a URL.
        String urlHost = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "http://" + urlHost + ":" + port();
    }

    /**
     * Checks an issuer URL: {@code http://HOST[:PORT]} (served here) or any {@code https://} URL (named in tokens
     * only, since the emulator serves no TLS).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static String checkIssuer(String issuer) {
        URI uri;
        try {
            uri = new URI(issuer);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("openIdIssuer (--openid-issuer) is not a URL: " + issuer);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("openIdIssuer (--openid-issuer) must be a base URL such as "
                    + "http://cloud-tasks:8980 (was " + issuer + ")");
        }
        if ("http".equals(uri.getScheme()) && (uri.getRawQuery() != null || uri.getRawFragment() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/")))) {
            throw new IllegalArgumentException("openIdIssuer (--openid-issuer) must not have a path, query or fragment "
                    + "when it is an http:// URL served by the emulator (was " + issuer + ")");
        }
        return issuer;
    }

    /** Whether the key server can serve at this issuer: an {@code http://} URL. */
    public static boolean servesAt(String issuer) {
        return issuer.startsWith("http://");
    }

    /** The port of an {@code http://} issuer, 80 when it names none. */
    public static int portOf(String issuer) {
        int port = URI.create(issuer).getPort();
        return port == -1 ? 80 : port;
    }

    public String jwksUrl() {
        return baseUrl() + JWKS_PATH;
    }

    public String pemCertificatesUrl() {
        return baseUrl() + PEM_CERTIFICATES_PATH;
    }

    public String openIdConfigurationUrl() {
        return baseUrl() + OPENID_CONFIGURATION_PATH;
    }

    private String openIdConfiguration() throws JsonProcessingException {
        // Shaped after https://accounts.google.com/.well-known/openid-configuration, limited to what the emulator
        // does: it issues ID tokens and publishes keys, it has no authorization or token endpoint.
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("jwks_uri", jwksUrl());
        document.put("response_types_supported", List.of("id_token"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("claims_supported", List.of("aud", "email", "email_verified", "exp", "iat", "iss", "sub"));
        return new ObjectMapper().writeValueAsString(document);
    }

    private static void respond(HttpExchange exchange, Map<String, byte[]> documents) throws IOException {
        try (exchange) {
            byte[] body = documents.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
            } else {
                exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
                exchange.getResponseHeaders().set("Cache-Control", CACHE_CONTROL);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
