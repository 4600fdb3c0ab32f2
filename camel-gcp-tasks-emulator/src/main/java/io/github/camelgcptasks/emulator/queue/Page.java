package io.github.camelgcptasks.emulator.queue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a listing and the token of the next one ("" on the last page). Tokens are opaque to clients: the
 * base64 of the last name returned, so paging is stable while entries are added or removed.
 */
public record Page<T>(List<T> items, String nextPageToken) {

    static String tokenAfter(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
    }

    /** The key a page token continues after, or null for the first page. */
    static String keyOf(String pageToken) {
        if (pageToken == null || pageToken.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw TasksException.invalidArgument("Invalid page_token \"" + pageToken + "\"");
        }
    }

    static int pageSize(int requested, int max) {
        if (requested < 0) {
            throw TasksException.invalidArgument("page_size must not be negative (was " + requested + ")");
        }
        return requested == 0 ? max : Math.min(requested, max);
    }
}
