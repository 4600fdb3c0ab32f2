package io.github.camelgcptasks.component.consumer.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.github.camelgcptasks.component.GcpTasksConfiguration;
import io.github.camelgcptasks.component.consumer.DeliveryAnswer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a delivery comes from Cloud Tasks, from its {@code Authorization: Bearer} OIDC token.
 * <ul>
 * <li>no token, or one that is not valid (signature, expiry, {@code nbf}/{@code iat} ahead beyond the clock skew,
 * issuer) or not meant for this consumer (audience):
 * 401;</li>
 * <li>a valid token of an account that is not allowed, or whose {@code email_verified} is not true: 403.</li>
 * </ul>
 * A refusal is logged at WARN with its reason, never with the token; at most one per 10 seconds, so a caller sending
 * bad tokens in a loop cannot flood the log (the others go to DEBUG, and the next WARN counts them).
 * <p>
 * The audience must be {@code oidcAudience} when set. Otherwise it must be the URL the request was sent to, as the
 * HTTP engine reports it: that is what Cloud Tasks puts in the token by default (the task URL), but behind a proxy or
 * load balancer the URL seen here may differ from the task URL, so set {@code oidcAudience} there. Without
 * {@code oidcAudience} the scheme is not compared (TLS is often terminated in front of the application) and the query
 * is optional. Note that the host of the request URL comes from the Host header the caller sent, so the default
 * audience check guards against mistakes rather than against a caller holding a token for another service; the
 * account check is what keeps other callers out.
 */
public final class DeliveryAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryAuthenticator.class);
    private static final String BEARER = "bearer ";

    private final OidcTokenVerifier verifier;
    private final String audience;
    private final Set<String> allowedAccounts;
    private final RefusalLogThrottle refusalLogThrottle = new RefusalLogThrottle();

    /**
     * @param verifier        checks signature, expiry and issuer
     * @param audience        the required audience, or null to require the request URL
     * @param allowedAccounts the accounts whose tokens are accepted; empty accepts any account
     */
    public DeliveryAuthenticator(OidcTokenVerifier verifier, String audience, Set<String> allowedAccounts) {
        this.verifier = verifier;
        this.audience = audience == null || audience.isBlank() ? null : audience.trim();
        Set<String> accounts = new LinkedHashSet<>();
        for (String account : allowedAccounts) {
            accounts.add(account.trim().toLowerCase(Locale.ROOT));
        }
        this.allowedAccounts = Set.copyOf(accounts);
    }

    /**
     * The authenticator the options ask for, or empty when verification is off. Verification is on when
     * allowedServiceAccounts, oidcServiceAccountEmail or oidcAudience is set; the accounts accepted are
     * allowedServiceAccounts, else oidcServiceAccountEmail, else any.
     */
    public static Optional<DeliveryAuthenticator> fromConfiguration(GcpTasksConfiguration configuration) {
        String allowed = blankToNull(configuration.getAllowedServiceAccounts());
        String signer = blankToNull(configuration.getOidcServiceAccountEmail());
        String audience = blankToNull(configuration.getOidcAudience());
        if (allowed == null && signer == null && audience == null) {
            return Optional.empty();
        }
        Set<String> accounts = new LinkedHashSet<>();
        for (String account : (allowed != null ? allowed : signer != null ? signer : "").split(",")) {
            if (!account.isBlank()) {
                accounts.add(account.trim());
            }
        }
        String issuer = blankToNull(configuration.getOidcIssuer());
        OidcTokenVerifier verifier = new OidcTokenVerifier(configuration.getOidcCertificatesLocation(),
                                                           issuer != null ? Set.of(issuer) : OidcTokenVerifier.GOOGLE_ISSUERS,
                                                           Duration.ofMillis(configuration.getOidcClockSkew()),
                                                           Clock.systemUTC());
        return Optional.of(new DeliveryAuthenticator(verifier, audience, accounts));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * Authenticates a delivery; the Authorization header is read here and must be removed by the caller afterwards.
     *
     * @return the refusal to answer with, or empty when the caller may proceed
     */
    public Optional<DeliveryAnswer> authenticate(Exchange exchange) {
        Message message = exchange.getMessage();
        return authenticate(new Request(message.getHeader("Authorization", String.class),
                                        message.getHeader(Exchange.HTTP_URL, String.class),
                                        message.getHeader("X-CloudTasks-TaskName", String.class),
                                        message.getHeader(Exchange.HTTP_PATH, String.class)));
    }

    /**
     * What authentication needs of a request: its headers, nothing of its body.
     *
     * @param authorization the Authorization header, or null
     * @param url           the URL the request was sent to, as the HTTP engine reports it
     * @param taskName      the X-CloudTasks-TaskName header, for the log only
     * @param path          the request path, for the log only
     */
    public record Request(String authorization, String url, String taskName, String path) {
    }

    /**
     * Authenticates a request from its headers alone, so an HTTP engine can refuse it before it reads the body.
     *
     * @return the refusal to answer with, or empty when the caller may proceed
     */
    public Optional<DeliveryAnswer> authenticate(Request request) {
        String token = bearerToken(request.authorization());
        if (token == null) {
            return unauthorized(request, "no Bearer token in the Authorization header");
        }
        OidcTokenVerifier.Claims claims;
        try {
            claims = verifier.verify(token);
        } catch (OidcTokenVerifier.InvalidTokenException e) {
            return unauthorized(request, "invalid OIDC token: " + e.getMessage());
        }
        if (!audienceMatches(claims, request.url())) {
            return unauthorized(request, "OIDC token audience " + claims.audiences() + " is not "
                                         + (audience != null ? "the configured oidcAudience" : "this request's URL"));
        }
        if (!claims.emailVerified()) {
            return forbidden(request, "OIDC token of " + claims.email() + " does not have email_verified=true");
        }
        if (!allowedAccounts.isEmpty()
                && (claims.email() == null || !allowedAccounts.contains(claims.email().toLowerCase(Locale.ROOT)))) {
            return forbidden(request, "OIDC token of " + claims.email() + ", which is not an allowed service account");
        }
        return Optional.empty();
    }

    /**
     * Whether {@link #authenticate(Request)} can decide on this request without fetching keys or checking a
     * signature: it has no token, or one that was verified before. An HTTP engine may then authenticate it on its
     * event loop instead of handing it to a worker thread.
     */
    public boolean decidesWithoutKeys(Request request) {
        String token = bearerToken(request.authorization());
        return token == null || verifier.remembers(token);
    }

    private boolean audienceMatches(OidcTokenVerifier.Claims claims, String requestUrl) {
        if (audience != null) {
            return claims.audiences().contains(audience);
        }
        Set<String> expected = requestUrlForms(requestUrl);
        return claims.audiences().stream().map(DeliveryAuthenticator::withoutScheme).anyMatch(expected::contains);
    }

    /** The request URL without its scheme, with and without its query. */
    static Set<String> requestUrlForms(String requestUrl) {
        if (requestUrl == null) {
            return Set.of();
        }
        String url = withoutScheme(requestUrl);
        int query = url.indexOf('?');
        return query < 0 ? Set.of(url) : Set.of(url, url.substring(0, query));
    }

    private static String withoutScheme(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() != null && uri.getRawAuthority() != null) {
                String authority = uri.getRawAuthority().toLowerCase(Locale.ROOT);
                int port = uri.getPort();
                if (port == 80 || port == 443) {
                    // https://host:443/x and https://host/x name the same target
                    authority = authority.substring(0, authority.lastIndexOf(':'));
                }
                String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                return "//" + authority + path + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
            }
        } catch (URISyntaxException e) {
            // compared as given
        }
        return url;
    }

    private static String bearerToken(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        if (value.length() <= BEARER.length() || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = value.substring(BEARER.length()).trim();
        return token.isEmpty() ? null : token;
    }

    private Optional<DeliveryAnswer> unauthorized(Request request, String reason) {
        logRefusal(request, 401, reason);
        return Optional.of(DeliveryAnswer.of(401, "Unauthorized")
                .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""));
    }

    private Optional<DeliveryAnswer> forbidden(Request request, String reason) {
        logRefusal(request, 403, reason);
        return Optional.of(DeliveryAnswer.of(403, "Forbidden"));
    }

    private void logRefusal(Request request, int status, String reason) {
        String task = printable(request.taskName());
        String path = printable(request.path());
        long leftOut = refusalLogThrottle.admit();
        if (leftOut == RefusalLogThrottle.SUPPRESSED) {
            LOG.debug("Refused delivery of task {} to {} with {}: {}", task, path, status, printable(reason));
        } else if (leftOut > 0) {
            LOG.warn("Refused delivery of task {} to {} with {}: {} ({} more refusals since the last one logged at "
                     + "WARN, at DEBUG only)", task, path, status, printable(reason), leftOut);
        } else {
            LOG.warn("Refused delivery of task {} to {} with {}: {}", task, path, status, printable(reason));
        }
    }

    /** Caller-supplied text made safe for one log line. */
    private static String printable(String text) {
        if (text == null) {
            return null;
        }
        String cut = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    public OidcTokenVerifier getVerifier() {
        return verifier;
    }

    public String getAudience() {
        return audience;
    }

    public Set<String> getAllowedAccounts() {
        return allowedAccounts;
    }
}
