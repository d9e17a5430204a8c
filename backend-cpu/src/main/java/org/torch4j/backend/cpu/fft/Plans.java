package org.torch4j.backend.cpu.fft;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The cache of plans (factorisations and twiddle tables) by length. One plan serves float32 and float64:
 * both compute in double (float32 data is widened per line), which keeps float32's error at its rounding
 * of the result whatever n is.
 */
final class Plans {
    private Plans() {}

    private static final ConcurrentHashMap<Integer, ComplexTransform> COMPLEX = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Integer, RealTransform> REAL = new ConcurrentHashMap<>();

    /** The complex transform of length n (n >= 1): Stockham passes, or Bluestein for a large prime factor. */
    static ComplexTransform complex(int n) {
        return COMPLEX.computeIfAbsent(n, k -> Stockham.suits(k) ? new Stockham(k) : new Bluestein(k));
    }

    /** The real transforms of length n (n >= 1). */
    static RealTransform real(int n) {
        return REAL.computeIfAbsent(n, RealTransform::new);
    }
}
