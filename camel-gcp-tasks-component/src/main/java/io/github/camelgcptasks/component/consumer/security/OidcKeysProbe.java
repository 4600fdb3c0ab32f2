package io.github.camelgcptasks.component.consumer.security;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.javanet.NetHttpTransport;

/**
 * Fetches the OIDC signing keys from where {@link OidcTokenVerifier} fetches them, over the same HTTP transport, to
 * tell whether tokens can be verified at all: a consumer whose keys cannot be fetched refuses every delivery with 401.
 * Accepts both forms google-auth reads: a JWKS ({@code {"keys": [...]}}) and a JSON map of PEM certificates.
 */
public final class OidcKeysProbe {

    private static final int TIMEOUT_MILLIS = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String certificatesLocation;
    private final HttpRequestFactory requests = new NetHttpTransport().createRequestFactory();

    public OidcKeysProbe(String certificatesLocation) {
        this.certificatesLocation = certificatesLocation;
    }

    /**
     * Fetches the keys once.
     *
     * @return             how many keys were published
     * @throws IOException saying why there are none: not reachable, an HTTP error, not JSON, or no key in it
     */
    public int fetchKeyCount() throws IOException {
        HttpRequest request = requests.buildGetRequest(new GenericUrl(certificatesLocation))
                .setConnectTimeout(TIMEOUT_MILLIS)
                .setReadTimeout(TIMEOUT_MILLIS)
                .setNumberOfRetries(0);
        HttpResponse response = request.execute();
        try (InputStream body = response.getContent()) {
            JsonNode keys = JSON.readTree(body);
            int count = keys == null ? 0
                    : keys.path("keys").isArray() ? keys.path("keys").size()
                    : keys.isObject() && !keys.has("keys") ? keys.size() : 0;
            if (count == 0) {
                throw new IOException("no signing key is published at " + certificatesLocation);
            }
            return count;
        } finally {
            response.disconnect();
        }
    }

    public String getCertificatesLocation() {
        return certificatesLocation;
    }
}
