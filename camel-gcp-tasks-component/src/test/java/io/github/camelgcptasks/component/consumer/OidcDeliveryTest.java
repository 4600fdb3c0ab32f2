package io.github.camelgcptasks.component.consumer;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.camelgcptasks.component.GcpTasksConfiguration;
import io.github.camelgcptasks.component.GcpTasksConstants;
import io.github.camelgcptasks.emulator.CloudTasksEmulator;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * OIDC verification of deliveries: tokens the emulator signs are accepted, every other caller is refused before the
 * route runs, 401 when the token is missing or invalid and 403 when it is valid but not for an allowed account.
 */
class OidcDeliveryTest extends EmulatorTestSupport {

    @RegisterExtension
    static final CloudTasksEmulatorExtension EMULATOR = new CloudTasksEmulatorExtension();

    private static final String ACCOUNT = "tasks@consumer-it.iam.gserviceaccount.com";
    private static final String OTHER_ACCOUNT = "intruder@elsewhere.iam.gserviceaccount.com";
    private static final byte[] BODY = "secret work".getBytes(StandardCharsets.UTF_8);

    private final AtomicInteger taskCount = new AtomicInteger();
    private String queue;
    private String path;

    @Override
    protected CloudTasksEmulator emulator() {
        return EMULATOR.emulator();
    }

    /** A consumer secured the default way: the component's oidcServiceAccountEmail, trusting the emulator's keys. */
    private void startSecured(String options) throws Exception {
        queue = createQueue("secure", 10);
        path = "/gcp-tasks/" + queue;
        GcpTasksConfiguration configuration = configureComponent();
        configuration.setOidcServiceAccountEmail(ACCOUNT);
        configuration.setOidcIssuer(emulator().openIdIssuer());
        configuration.setOidcCertificatesLocation(emulator().jwksUrl());
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("gcp-tasks:" + queue + options).to("mock:out");
            }
        });
    }

    private MockEndpoint out() {
        return context.getEndpoint("mock:out", MockEndpoint.class);
    }

    private HttpResponse<String> deliverWith(String authorization) throws Exception {
        HttpRequest.Builder request = delivery(path, queue, "task-" + taskCount.incrementAndGet(), 0, BODY);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    private String token(String audience, String email) {
        Instant now = Instant.now();
        return emulator().issueIdToken(audience, email, now.minusSeconds(60), now.plus(Duration.ofHours(1)));
    }

    @Test
    void taskSignedByTheProducerThroughTheEmulatorIsAccepted() throws Exception {
        startSecured("");

        Exchange sent = context.createProducerTemplate()
                .request("gcp-tasks:" + queue, exchange -> exchange.getMessage().setBody("signed"));
        String taskName = sent.getMessage().getHeader(GcpTasksConstants.TASK_NAME, String.class);

        await().atMost(Duration.ofSeconds(30)).until(() -> isGone(taskName));
        assertThat(out().getReceivedCounter()).isEqualTo(1);
        assertThat(out().getReceivedExchanges().get(0).getMessage().getBody(String.class)).isEqualTo("signed");
        assertThat(out().getReceivedExchanges().get(0).getMessage().getHeaders().keySet())
                .noneMatch(name -> name.equalsIgnoreCase("authorization"));
    }

    @Test
    void tokenForThisUrlAndAccountIsAccepted() throws Exception {
        startSecured("");

        assertThat(deliverWith("Bearer " + token(url(path), ACCOUNT)).statusCode()).isEqualTo(200);
        assertThat(out().getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void missingTokenIs401() throws Exception {
        startSecured("");

        HttpResponse<String> none = deliverWith(null);
        HttpResponse<String> basic = deliverWith("Basic dXNlcjpwYXNz");
        HttpResponse<String> empty = deliverWith("Bearer ");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(empty.statusCode()).isEqualTo(401);
        assertThat(out().getReceivedCounter()).isZero();
    }

    @Test
    void forgedTokensAre401() throws Exception {
        startSecured("");
        String keyId = JWKSet.parse(send(HttpRequest.newBuilder(URI.create(emulator().jwksUrl())).build()).body())
                .getKeys().get(0).getKeyID();
        RSAKey impostor = new RSAKeyGenerator(2048).keyID(keyId).generate();
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(emulator().openIdIssuer()).audience(url(path))
                .claim("email", ACCOUNT).claim("email_verified", true)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)))
                .build();
        SignedJWT sameKeyIdOtherKey = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims);
        sameKeyIdOtherKey.sign(new RSASSASigner(impostor));
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String unsigned = base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                          + base64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
        String fromAnotherEmulator;
        // its own key server port: the issuer's port is the first emulator's
        try (CloudTasksEmulator other = CloudTasksEmulator.builder().host("127.0.0.1").port(0).oidcPort(0)
                .openIdIssuer(emulator().openIdIssuer()).build().start()) {
            Instant issued = Instant.now();
            fromAnotherEmulator = other.issueIdToken(url(path), ACCOUNT, issued, issued.plusSeconds(3600));
        }

        assertThat(deliverWith("Bearer " + sameKeyIdOtherKey.serialize()).statusCode()).isEqualTo(401);
        assertThat(deliverWith("Bearer " + unsigned).statusCode()).isEqualTo(401);
        assertThat(deliverWith("Bearer " + fromAnotherEmulator).statusCode()).isEqualTo(401);
        assertThat(deliverWith("Bearer not.a.jwt").statusCode()).isEqualTo(401);
        assertThat(out().getReceivedCounter()).isZero();
    }

    @Test
    void expiredTokenIs401AndTheWarningGivesTheReasonButNotTheToken() throws Exception {
        startSecured("");
        Instant now = Instant.now();
        String expired = emulator().issueIdToken(url(path), ACCOUNT, now.minus(Duration.ofHours(2)),
                                                 now.minus(Duration.ofHours(1)));

        String log = captureStandardError(() -> assertThat(deliverWith("Bearer " + expired).statusCode()).isEqualTo(401));

        assertThat(out().getReceivedCounter()).isZero();
        assertThat(log).contains("401").contains("expired").doesNotContain(expired)
                .doesNotContain(expired.substring(expired.lastIndexOf('.') + 1));
    }

    @Test
    void tokenForAnotherAudienceIs401() throws Exception {
        startSecured("");

        HttpResponse<String> response = deliverWith("Bearer " + token("https://other.example" + path, ACCOUNT));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(out().getReceivedCounter()).isZero();
    }

    @Test
    void tokenFromAnotherIssuerIs401() throws Exception {
        startSecured("");
        String foreign;
        try (CloudTasksEmulator other = CloudTasksEmulator.builder().host("127.0.0.1").port(0).build().start()) {
            Instant issued = Instant.now();
            foreign = other.issueIdToken(url(path), ACCOUNT, issued, issued.plusSeconds(3600));
        }

        assertThat(deliverWith("Bearer " + foreign).statusCode()).isEqualTo(401);
        assertThat(out().getReceivedCounter()).isZero();
    }

    @Test
    void validTokenOfAnotherAccountIs403AndTheWarningNamesTheAccount() throws Exception {
        startSecured("");
        String intruder = token(url(path), OTHER_ACCOUNT);

        String log = captureStandardError(() -> assertThat(deliverWith("Bearer " + intruder).statusCode()).isEqualTo(403));

        assertThat(out().getReceivedCounter()).isZero();
        assertThat(log).contains("403").contains(OTHER_ACCOUNT).doesNotContain(intruder);
    }

    @Test
    void allowedServiceAccountsDecideWhichAccountsAreAccepted() throws Exception {
        startSecured("?allowedServiceAccounts=" + OTHER_ACCOUNT + ",second@consumer-it.iam.gserviceaccount.com");

        assertThat(deliverWith("Bearer " + token(url(path), OTHER_ACCOUNT)).statusCode()).isEqualTo(200);
        assertThat(deliverWith("Bearer " + token(url(path), "second@consumer-it.iam.gserviceaccount.com"))
                .statusCode()).isEqualTo(200);
        assertThat(deliverWith("Bearer " + token(url(path), ACCOUNT)).statusCode()).isEqualTo(403);
        assertThat(out().getReceivedCounter()).isEqualTo(2);
    }

    @Test
    void configuredAudienceReplacesTheRequestUrl() throws Exception {
        startSecured("?oidcAudience=https://orders.example.com/tasks");

        assertThat(deliverWith("Bearer " + token(url(path), ACCOUNT)).statusCode()).isEqualTo(401);
        assertThat(out().getReceivedCounter()).isZero();
        assertThat(deliverWith("Bearer " + token("https://orders.example.com/tasks", ACCOUNT)).statusCode())
                .isEqualTo(200);
        assertThat(out().getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void authenticationComesBeforeRequestChecks() throws Exception {
        startSecured("");

        HttpResponse<String> wrongQueueNoToken
                = send(delivery(path, "another-queue", "t", 0, BODY).build());

        assertThat(wrongQueueNoToken.statusCode()).isEqualTo(401);
    }

    /** Runs the call and answers what was logged meanwhile (the test logger writes to standard error). */
    private static String captureStandardError(ThrowingRunnable call) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            call.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
