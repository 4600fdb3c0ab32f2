package io.github.camelgcptasks.emulator.queue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Ids of tasks that completed or were deleted recently. The real service refuses to reuse such a name for about an
 * hour, and GetTask tells them apart from names that never existed. Not thread safe: the owning queue guards it.
 */
final class Tombstones {

    private record Entry(String id, long expiresAtMillis) {
    }

    private final long ttlMillis;
    private final Map<String, Long> expiryById = new HashMap<>();
    // every entry has the same lifetime, so insertion order is expiry order
    private final ArrayDeque<Entry> byExpiry = new ArrayDeque<>();

    Tombstones(Duration ttl) {
        this.ttlMillis = ttl.toMillis();
    }

    void add(String id, long nowMillis) {
        expireUntil(nowMillis);
        if (ttlMillis <= 0) {
            return;
        }
        long expiresAt = nowMillis + ttlMillis;
        expiryById.put(id, expiresAt);
        byExpiry.addLast(new Entry(id, expiresAt));
    }

    boolean contains(String id, long nowMillis) {
        expireUntil(nowMillis);
        return expiryById.containsKey(id);
    }

    /** Forgets every name, so each can be used again at once. */
    void clear() {
        expiryById.clear();
        byExpiry.clear();
    }

    private void expireUntil(long nowMillis) {
        Entry oldest;
        while ((oldest = byExpiry.peekFirst()) != null && oldest.expiresAtMillis() <= nowMillis) {
            byExpiry.removeFirst();
            // a name tombstoned again later has a newer expiry; keep that one
            expiryById.remove(oldest.id(), oldest.expiresAtMillis());
        }
    }
}
