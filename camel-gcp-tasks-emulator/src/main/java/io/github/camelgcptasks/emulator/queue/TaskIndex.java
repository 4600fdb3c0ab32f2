package io.github.camelgcptasks.emulator.queue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A queue's tasks by id: found by id in one hash look-up, listed in id order. Generated ids are random, and keeping
 * them sorted on every CreateTask (a skip list insert) cost more than the rest of the queue's work on that call; so
 * the order is brought up to date only when a listing asks for it: sorted once, then merged with the ids added
 * since. Look-ups by id are safe without the owning queue's lock; everything else runs under it.
 */
final class TaskIndex {

    private final Map<String, TaskRecord> byId = new ConcurrentHashMap<>();
    /** Every id in order as of the last listing, some perhaps removed since; null until a listing needs it. */
    private String[] ordered;
    /** Ids added since {@link #ordered} was brought up to date. */
    private final List<String> addedSince = new ArrayList<>();

    TaskRecord get(String id) {
        return byId.get(id);
    }

    /** Adds the record unless its id is taken; returns whether it was added. */
    boolean add(TaskRecord record) {
        if (byId.putIfAbsent(record.id, record) != null) {
            return false;
        }
        if (ordered != null) {
            addedSince.add(record.id);
            if (addedSince.size() > byId.size()) {
                // mostly ids that came and went since the last listing: sorting afresh is cheaper than merging
                forgetOrder();
            }
        }
        return true;
    }

    TaskRecord remove(String id) {
        return byId.remove(id);
    }

    void remove(TaskRecord record) {
        byId.remove(record.id, record);
    }

    Collection<TaskRecord> all() {
        return byId.values();
    }

    int size() {
        return byId.size();
    }

    void clear() {
        byId.clear();
        forgetOrder();
    }

    /** Up to {@code limit} records in id order, starting after {@code afterId} (null: from the first). */
    List<TaskRecord> inOrderAfter(String afterId, int limit) {
        String[] ids = orderedIds();
        int from = 0;
        if (afterId != null) {
            int at = Arrays.binarySearch(ids, afterId);
            from = at >= 0 ? at + 1 : -at - 1;
        }
        List<TaskRecord> page = new ArrayList<>(Math.min(limit, 64));
        for (int i = from; i < ids.length && page.size() < limit; i++) {
            TaskRecord record = byId.get(ids[i]);
            if (record != null) {  // null: removed since the order was brought up to date
                page.add(record);
            }
        }
        return page;
    }

    private String[] orderedIds() {
        if (ordered == null) {
            ordered = byId.keySet().toArray(String[]::new);
            Arrays.sort(ordered);
            addedSince.clear();
        } else if (!addedSince.isEmpty()) {
            String[] added = addedSince.toArray(String[]::new);
            Arrays.sort(added);
            ordered = mergeLive(ordered, added);
            addedSince.clear();
        }
        return ordered;
    }

    /** Merges two sorted id arrays, leaving out ids no longer held and the second of two equal ones. */
    private String[] mergeLive(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < b.length) {
            String next;
            if (j == b.length || (i < a.length && a[i].compareTo(b[j]) <= 0)) {
                next = a[i++];
            } else {
                next = b[j++];
            }
            // an id removed and added again is in both
            if (byId.containsKey(next) && (n == 0 || !out[n - 1].equals(next))) {
                out[n++] = next;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private void forgetOrder() {
        ordered = null;
        addedSince.clear();
    }
}
