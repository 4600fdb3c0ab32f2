package io.github.camelgcptasks.benchmarks.consumer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import io.github.camelgcptasks.benchmarks.EmulatorFixture;
import io.github.camelgcptasks.benchmarks.Names;
import io.github.camelgcptasks.benchmarks.Payload;
import io.github.camelgcptasks.benchmarks.RunSettings;
import io.github.camelgcptasks.benchmarks.paired.PairedComparison;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * What the consumer costs per delivery: {@code from("gcp-tasks:q")} against a bare {@code from("platform-http:/q")}
 * route on the same Vert.x server, both driven by the same HTTP load (64 in flight, the same body and Cloud Tasks
 * headers) in alternating slices. Without verification the difference is the consumer's header checks, header
 * filtering and answer; with it, also the OIDC token check (Vert.x gate and handler), on a token signed by the
 * emulator's key. Each delivery carries the same token, as the emulator sends one token per account and audience
 * for five minutes.
 */
public final class ConsumerOverhead implements AutoCloseable {

    private static final String ACCOUNT = "bench@" + Names.PROJECT + ".iam.gserviceaccount.com";
    private static final String PLAIN = "plain";
    private static final String SECURED = "secured";
    private static final String BARE_PATH = "/bare";

    private final EmulatorFixture emulator;
    private final CamelContext context;
    private final Vertx vertx;
    private final HttpClient client;
    private final int port;

    private ConsumerOverhead(EmulatorFixture emulator, CamelContext context, Vertx vertx, HttpClient client, int port) {
        this.emulator = emulator;
        this.context = context;
        this.vertx = vertx;
        this.client = client;
        this.port = port;
    }

    public static ConsumerOverhead start() throws Exception {
        // the emulator only provides the signing key and its JWKS; nothing is created or dispatched
        EmulatorFixture emulator = EmulatorFixture.start(List.of());
        int port = freePort();
        VertxPlatformHttpServerConfiguration http = new VertxPlatformHttpServerConfiguration();
        http.setBindHost(Names.HOST);
        http.setBindPort(port);
        CamelContext context = new DefaultCamelContext();
        context.addService(new VertxPlatformHttpServer(http));
        String common = "?projectId=" + Names.PROJECT + "&location=" + Names.LOCATION;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("gcp-tasks:" + PLAIN + common).routeId("gcp-tasks-plain").process(ConsumerOverhead::readBody);
                from("gcp-tasks:" + SECURED + common + "&oidcServiceAccountEmail=" + ACCOUNT + "&oidcIssuer="
                        + emulator.openIdIssuer() + "&oidcCertificatesLocation=" + emulator.jwksUrl())
                        .routeId("gcp-tasks-secured").process(ConsumerOverhead::readBody);
                from("platform-http:" + BARE_PATH + "?httpMethodRestrict=POST").routeId("platform-http-bare")
                        .process(ConsumerOverhead::readBody);
            }
        });
        context.start();
        Vertx vertx = Vertx.vertx();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(DeliveryLoad.IN_FLIGHT));
        return new ConsumerOverhead(emulator, context, vertx, client, port);
    }

    /** The route's one step: take the body as text, answer nothing but the status, as a task handler would. */
    private static void readBody(Exchange exchange) {
        exchange.getMessage().getBody(String.class);
        exchange.getMessage().setBody(null);
    }

    /** The gcp-tasks route without token verification against the bare route. */
    public PairedComparison.Result withoutVerification(RunSettings settings) throws InterruptedException {
        return PairedComparison.measure(settings, load(PLAIN, null), load(BARE_PATH, null), () -> {
        });
    }

    /** The gcp-tasks route verifying an OIDC token against the bare route, which gets the same header unread. */
    public PairedComparison.Result withVerification(RunSettings settings) throws InterruptedException {
        String url = "http://" + Names.HOST + ":" + port + consumerPath(SECURED);
        String authorization = "Bearer " + emulator.issueIdToken(url, ACCOUNT);
        return PairedComparison.measure(settings, load(SECURED, authorization), load(BARE_PATH, authorization),
                () -> {
                });
    }

    private DeliveryLoad load(String queueOrPath, String authorization) {
        boolean bare = queueOrPath.startsWith("/");
        // the bare route sees the same Cloud Tasks headers, naming the queue the gcp-tasks consumer expects
        String queueId = bare ? PLAIN : queueOrPath;
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Content-Type", "application/json")
                .add("User-Agent", "Google-Cloud-Tasks")
                .add("X-CloudTasks-QueueName", queueId)
                .add("X-CloudTasks-TaskName", "task-1")
                .add("X-CloudTasks-TaskRetryCount", "0")
                .add("X-CloudTasks-TaskExecutionCount", "0")
                .add("X-CloudTasks-TaskETA", "1700000000.123456");
        if (authorization != null) {
            headers.add("Authorization", authorization);
        }
        return new DeliveryLoad(client, Names.HOST, port, bare ? queueOrPath : consumerPath(queueOrPath), headers,
                Buffer.buffer(Payload.SMALL));
    }

    private static String consumerPath(String queueId) {
        return "/gcp-tasks/" + queueId;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(Names.HOST))) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        client.close();
        vertx.close();
        context.close();
        emulator.close();
    }
}
