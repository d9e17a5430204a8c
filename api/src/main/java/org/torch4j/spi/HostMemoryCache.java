package org.torch4j.spi;

import java.lang.ref.SoftReference;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Arrays of closed host tensors, kept for the next allocation of the same type and length (the host side of
 * what PyTorch's caching allocator does on a GPU, and of what malloc's free lists give PyTorch on the CPU).
 *
 * <p>Why: a fresh large Java array costs a zeroing pass over memory that is not in any cache, about three times
 * as long as zeroing a recently used array, and an output a kernel overwrites needs no zeroing at all. A training
 * step written with {@code Torch.scope()} frees the same sizes it allocates next step, so each step reuses the
 * last one's arrays.
 *
 * <p>Bounds: only arrays of at least {@link #MIN_BYTES} (smaller ones come from the thread's allocation buffer
 * at no cost), at most {@code torch4j.cpu.cacheBytes} bytes in all (default a quarter of the maximum heap, at most
 * 4 GiB; 0 turns the cache off), least recently used lengths evicted first. Entries are soft references: the
 * garbage collector clears them before it would throw an {@link OutOfMemoryError}, so the cache never makes a
 * program fail for memory.
 */
final class HostMemoryCache {
    private HostMemoryCache() {}

    static final long MIN_BYTES = 16 * 1024;
    private static final long CAPACITY = capacity();
    /** Per (array type, length), the cached arrays; iteration order is least recently used first. */
    private static final LinkedHashMap<Key, ArrayDeque<SoftReference<Object>>> FREE = new LinkedHashMap<>(16, 0.75f, true);
    private static long bytes;

    private record Key(Class<?> type, int length) {}

    private static long capacity() {
        String p = System.getProperty("torch4j.cpu.cacheBytes");
        if (p != null) return Long.parseLong(p.trim());
        return Math.min(Runtime.getRuntime().maxMemory() / 4, 4L << 30);
    }

    /** A cached array of {@code type} and {@code length} with unspecified contents, or null. */
    static Object take(Class<?> type, int length) {
        long size = bytes(type, length);
        if (size < MIN_BYTES || CAPACITY <= 0) return null;
        synchronized (FREE) {
            Key key = new Key(type, length);
            ArrayDeque<SoftReference<Object>> q = FREE.get(key);
            Object a = null;
            while (a == null && q != null && !q.isEmpty()) {
                a = q.pollLast().get(); // null: the collector cleared it
                bytes -= size;
            }
            if (q != null && q.isEmpty()) FREE.remove(key); // lengths seen once (varying shapes) leave no entry behind
            return a;
        }
    }

    /** Keeps {@code array} (no longer used by anything) for a later {@link #take}, if it fits the bounds. */
    static void offer(Object array) {
        Class<?> type = array.getClass();
        int length = java.lang.reflect.Array.getLength(array);
        long size = bytes(type, length);
        if (size < MIN_BYTES || size > CAPACITY) return;
        synchronized (FREE) {
            FREE.computeIfAbsent(new Key(type, length), k -> new ArrayDeque<>()).addLast(new SoftReference<>(array));
            bytes += size;
            evictBeyondCapacity();
        }
    }

    /** Drops every cached array (for {@link HostStorage#emptyCache()}). */
    static void clear() {
        synchronized (FREE) {
            FREE.clear();
            bytes = 0;
        }
    }

    /** The bytes the cache holds (counting arrays the collector may have cleared since). */
    static long bytes() {
        synchronized (FREE) {
            return bytes;
        }
    }

    /** The number of (type, length) entries (for tests: none is left once its arrays are taken). */
    static int entries() {
        synchronized (FREE) {
            return FREE.size();
        }
    }

    private static void evictBeyondCapacity() {
        Iterator<Map.Entry<Key, ArrayDeque<SoftReference<Object>>>> it = FREE.entrySet().iterator();
        while (bytes > CAPACITY && it.hasNext()) {
            Map.Entry<Key, ArrayDeque<SoftReference<Object>>> e = it.next();
            long size = bytes(e.getKey().type(), e.getKey().length());
            ArrayDeque<SoftReference<Object>> q = e.getValue();
            while (bytes > CAPACITY && !q.isEmpty()) {
                q.pollFirst();
                bytes -= size;
            }
            if (q.isEmpty()) it.remove();
        }
    }

    private static long bytes(Class<?> type, int length) {
        int width = type == double[].class || type == long[].class ? 8
                : type == float[].class || type == int[].class ? 4 : type == short[].class ? 2 : 1;
        return (long) width * length;
    }
}
