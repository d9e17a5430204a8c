package org.torch4j.distributed;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The table behind {@link HashStore} and a {@link TCPStore} server: a map whose readers wait for keys. */
final class KeyValueTable {
    private final Map<String, byte[]> map = new HashMap<>();

    synchronized void set(String key, byte[] value) {
        map.put(key, value.clone());
        notifyAll();
    }

    /** The value, or null when it is not set within {@code timeoutMs}. */
    synchronized byte[] get(String key, long timeoutMs) throws InterruptedException {
        return waitFor(List.of(key), timeoutMs) ? map.get(key).clone() : null;
    }

    synchronized long add(String key, long amount) {
        byte[] old = map.get(key);
        long v = (old == null ? 0 : Long.parseLong(new String(old, StandardCharsets.UTF_8))) + amount;
        map.put(key, Long.toString(v).getBytes(StandardCharsets.UTF_8));
        notifyAll();
        return v;
    }

    synchronized byte[] compareSet(String key, byte[] expected, byte[] desired) {
        byte[] old = map.get(key);
        if ((old == null && expected.length == 0) || (old != null && Arrays.equals(old, expected))) {
            map.put(key, desired.clone());
            notifyAll();
            return desired.clone();
        }
        return old == null ? expected.clone() : old.clone();
    }

    /** Whether all keys got set within {@code timeoutMs}. */
    synchronized boolean waitFor(List<String> keys, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!check(keys)) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) return false;
            wait(left);
        }
        return true;
    }

    synchronized boolean check(List<String> keys) {
        for (String k : keys) if (!map.containsKey(k)) return false;
        return true;
    }

    synchronized boolean delete(String key) {
        return map.remove(key) != null;
    }

    synchronized long size() {
        return map.size();
    }
}
