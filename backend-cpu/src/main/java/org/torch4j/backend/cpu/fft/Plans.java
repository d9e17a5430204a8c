package org.torch4j.backend.cpu.fft;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The caches of plans (factorisations and twiddle tables) by length, each keeping the most recently used
 * {@value #CAPACITY} (as pocketfft's plan cache does): programs use a few lengths over and over. One plan
 * serves float32 and float64: single lines compute in double (float32 lines are widened), float32 lane groups
 * in float with the plan's twiddles rounded to float (see {@link FftKernels}).
 */
final class Plans {
    private Plans() {}

    static final int CAPACITY = 32;

    private static final Map<Integer, ComplexTransform> COMPLEX = lru();
    private static final Map<Integer, RealTransform> REAL = lru();

    /** The complex transform of length n (n >= 1): Stockham passes, or Bluestein for a large prime factor. */
    static ComplexTransform complex(int n) {
        return get(COMPLEX, n, k -> Stockham.suits(k) ? new Stockham(k) : new Bluestein(k));
    }

    /** The real transforms of length n (n >= 1). */
    static RealTransform real(int n) {
        return get(REAL, n, RealTransform::new);
    }

    private static <T> T get(Map<Integer, T> cache, int n, IntFunction<T> make) {
        synchronized (cache) {
            T plan = cache.get(n);
            if (plan != null) return plan;
        }
        // built outside the lock: a large Bluestein plan takes a while, and two threads building one is harmless
        T plan = make.apply(n);
        synchronized (cache) {
            T raced = cache.putIfAbsent(n, plan);
            return raced != null ? raced : plan;
        }
    }

    private static <T> Map<Integer, T> lru() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, T> eldest) {
                return size() > CAPACITY;
            }
        };
    }
}
