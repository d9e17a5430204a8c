package org.torch4j.internal.random;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToDoubleFunction;
import org.torch4j.internal.CppDouble;

/**
 * PyTorch 1.13's CPU sampling kernels, filling primitive arrays exactly as PyTorch fills a
 * contiguous tensor of the matching dtype, element by element in memory order, so that the same
 * generator state gives the same numbers as {@code torch.rand}, {@code torch.randn},
 * {@code torch.randint}, {@code torch.randperm}, {@code torch.bernoulli}, {@code torch.multinomial},
 * {@code Tensor.exponential_} and {@code Tensor.random_}.
 *
 * <p>Each method holds the generator's lock for the whole fill, as PyTorch's kernels do.
 * {@code out[off .. off+len)} is written; the rest of the array is untouched.
 *
 * <p>PyTorch compiles its CPU kernels once per CPU capability and picks one at start-up; the
 * floating-point results of {@code uniform} with bounds, {@code normal} and {@code randn} differ
 * between them in the last bits. {@link #capability()} says which one is reproduced:
 * {@link Capability#AVX2} by default (what PyTorch 1.13 runs on any x86 CPU with AVX2, AVX512
 * included), {@link Capability#DEFAULT} with {@code -Dtorch4j.random.cpuCapability=default}.
 */
public final class Sampling {
    private Sampling() {}

    /** PyTorch's CPU kernel flavours whose random floats differ. */
    public enum Capability {
        /**
         * ATen's AVX2 kernels: compiled with FMA, so {@code a * b + c} is fused, and float
         * {@code randn} uses the vectorised {@code normal_fill_AVX2}. PyTorch 1.13 runs these on x86
         * CPUs with AVX2 (its AVX512 kernels, chosen only with {@code ATEN_CPU_CAPABILITY=avx512},
         * give the same numbers).
         */
        AVX2,
        /**
         * ATen's DEFAULT kernels (x86 CPUs without AVX2, or {@code ATEN_CPU_CAPABILITY=default}):
         * separate multiply and add, and float {@code randn} computed per element with the C
         * library's {@code logf}, {@code cosf} and {@code sinf}.
         */
        DEFAULT
    }

    private static volatile Capability capability =
            "default".equalsIgnoreCase(System.getProperty("torch4j.random.cpuCapability", "avx2"))
                    ? Capability.DEFAULT : Capability.AVX2;

    /** The kernel flavour reproduced (see {@link Capability}). */
    public static Capability capability() {
        return capability;
    }

    /** Chooses the kernel flavour to reproduce, as PyTorch's {@code ATEN_CPU_CAPABILITY} does. */
    public static void setCapability(Capability c) {
        capability = java.util.Objects.requireNonNull(c);
    }

    private static boolean fused() {
        return capability == Capability.AVX2;
    }

    private static float madd(float a, float b, float c, boolean fused) {
        return fused ? Math.fma(a, b, c) : a * b + c;
    }

    private static double madd(double a, double b, double c, boolean fused) {
        return fused ? Math.fma(a, b, c) : a * b + c;
    }

    private static final long MASK53 = (1L << 53) - 1;

    // ------------------------------------------------------------------ single draws

    /** {@code uniform_real_distribution<float>(0, 1)}: the low 24 bits of one 32-bit draw, over 2^24. */
    public static float nextFloat(CpuGenerator g) {
        return unitFloat(g.random());
    }

    /** The float in [0, 1) that {@code uniform_real_distribution<float>(0, 1)} makes of 32 random bits. */
    static float unitFloat(int bits) {
        return (bits & 0xffffff) * 0x1p-24f;
    }

    /** {@code uniform_real_distribution<double>(0, 1)}: the low 53 bits of a 64-bit draw, over 2^53. */
    public static double nextDouble(CpuGenerator g) {
        return (g.random64() & MASK53) * 0x1p-53;
    }

    /**
     * One sample of {@code at::normal_distribution<double>(mean, std)}: Box-Muller on two double
     * uniforms, returning {@code r cos(theta)} and caching {@code r sin(theta)} in the generator for
     * the next call; the result is {@code n * std + mean}, fused under {@link Capability#AVX2}.
     * PyTorch uses it for every dtype when the tensor has fewer than 16 elements or is not contiguous.
     */
    public static double nextNormal(CpuGenerator g, double mean, double std) {
        boolean fused = fused();
        if (g.hasNextDoubleNormalSample()) return madd(g.takeNextDoubleNormalSample(), std, mean, fused);
        double u1 = nextDouble(g);
        double u2 = nextDouble(g);
        double r = Math.sqrt(-2.0 * Libm.log(1.0 - u2));
        double theta = 2.0 * Math.PI * u1;
        g.setNextDoubleNormalSample(r * Libm.sin(theta));
        return madd(r * Libm.cos(theta), std, mean, fused);
    }

    /** One sample of {@code at::exponential_distribution<double>(lambda)}: {@code -1/lambda * log(1 - u)}. */
    public static double nextExponential(CpuGenerator g, double lambda) {
        return -1.0 / lambda * Libm.log(1.0 - nextDouble(g));
    }

    /** One sample of {@code at::geometric_distribution<double>(p)}: {@code ceil(log(u) / log(1 - p))}. */
    public static double nextGeometric(CpuGenerator g, double p) {
        return Math.ceil(Libm.log(nextDouble(g)) / Libm.log(1.0 - p));
    }

    /**
     * One sample of {@code at::cauchy_distribution<double>(median, sigma)}: {@code median + sigma tan(pi (u - 1/2))},
     * fused under {@link Capability#AVX2} (the compiler contracts it there).
     */
    public static double nextCauchy(CpuGenerator g, double median, double sigma) {
        return madd(sigma, Libm.tan(Math.PI * (nextDouble(g) - 0.5)), median, fused());
    }

    /** One sample of {@code at::lognormal_distribution<double>(mean, std)}: exp of {@link #nextNormal}. */
    public static double nextLogNormal(CpuGenerator g, double mean, double std) {
        return Libm.exp(nextNormal(g, mean, std));
    }

    /**
     * {@code std::lgamma} of the C library, which PyTorch's Poisson sampler calls; NaN where the C
     * library cannot be called (the caller then computes it otherwise).
     */
    public static double libmLgamma(double x) {
        return Libm.lgamma(x);
    }

    // ------------------------------------------------------------------ uniform

    /**
     * {@code torch.rand} / {@code Tensor.uniform_(from, to)} for float32: {@code from} and {@code to}
     * are cast to float and each value is {@code u * (to - from) + from} in float (fused under
     * {@link Capability#AVX2}), with {@code u} from {@link #nextFloat} (one 32-bit draw per element).
     */
    public static void uniform(CpuGenerator g, float[] out, int off, int len, double from, double to) {
        checkUniform(from, to);
        float f = (float) from;
        float range = (float) to - f;
        boolean fused = fused();
        ReentrantLock lock = lock(g);
        try {
            g.unitFloats(out, off, len);
            for (int i = off, end = off + len; i < end; i++) out[i] = madd(out[i], range, f, fused);
        } finally {
            lock.unlock();
        }
    }

    /** {@code torch.rand} / {@code uniform_} for float64: {@code u * (to - from) + from}, one 64-bit draw per element. */
    public static void uniform(CpuGenerator g, double[] out, int off, int len, double from, double to) {
        checkUniform(from, to);
        double range = to - from;
        boolean fused = fused();
        ReentrantLock lock = lock(g);
        try {
            for (int i = off, end = off + len; i < end; i++) out[i] = madd(nextDouble(g), range, from, fused);
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code uniform_} for float16: one 32-bit draw per element, its low 11 bits over 2^11, scaled
     * in float with {@code from}, {@code to} and {@code to - from} rounded to half as PyTorch's
     * {@code c10::Half} arithmetic does. The values written are already rounded to half
     * (round-to-nearest-even), so the caller's conversion is exact.
     */
    public static void uniformHalf(CpuGenerator g, float[] out, int off, int len, double from, double to) {
        uniformReduced(g, out, off, len, from, to, 11);
    }

    /** {@code uniform_} for bfloat16: as {@link #uniformHalf} with 8 random bits and bfloat16 rounding. */
    public static void uniformBFloat16(CpuGenerator g, float[] out, int off, int len, double from, double to) {
        uniformReduced(g, out, off, len, from, to, 8);
    }

    private static void uniformReduced(CpuGenerator g, float[] out, int off, int len, double from, double to,
            int digits) {
        checkUniform(from, to);
        float f = reduce((float) from, digits);
        float range = reduce(reduce((float) to, digits) - f, digits);
        int mask = (1 << digits) - 1;
        float scale = 1f / (1 << digits);
        boolean fused = fused();
        ReentrantLock lock = lock(g);
        try {
            for (int i = off, end = off + len; i < end; i++) {
                out[i] = reduce(madd((g.random() & mask) * scale, range, f, fused), digits);
            }
        } finally {
            lock.unlock();
        }
    }

    private static void checkUniform(double from, double to) {
        if (from > to) {
            throw new IllegalArgumentException(
                    "uniform_ expects to return a [from, to) range, but found from=" + CppDouble.format(from) + " > to=" + CppDouble.format(to));
        }
    }

    /** Rounds a float to half (11 significant bits) or bfloat16 (8), to nearest even. */
    static float reduce(float v, int digits) {
        if (digits == 11) return Float.float16ToFloat(Float.floatToFloat16(v));
        if (Float.isNaN(v)) return v;
        int bits = Float.floatToRawIntBits(v);
        bits += 0x7fff + ((bits >>> 16) & 1);
        return Float.intBitsToFloat(bits & 0xffff0000);
    }

    // ------------------------------------------------------------------ normal

    /**
     * {@code torch.randn} / {@code normal_(mean, std)} for float32. With 16 or more elements PyTorch
     * (on x86 with AVX2) first fills the tensor with float uniforms, then turns each block of 16 into
     * normals with a vectorised float Box-Muller ({@code normal_fill_AVX2}); when the length is not a
     * multiple of 16 it draws 16 fresh uniforms for the last 16 elements and transforms them again
     * (overwriting up to 15 finished values). Under {@link Capability#DEFAULT} the blocks are
     * computed per element in float with {@code logf}/{@code cosf}/{@code sinf} ({@code normal_fill}).
     * Below 16 elements each value is {@link #nextNormal} in double, cast to float, which uses and
     * refills the generator's cache.
     */
    public static void normal(CpuGenerator g, float[] out, int off, int len, double mean, double std) {
        normal(g, out, off, len, mean, std, false);
    }

    /** As {@link #normal(CpuGenerator, float[], int, int, double, double)}; {@code each}: {@link #nextNormal} per element whatever the length (PyTorch's path for a tensor that is not contiguous). */
    public static void normal(CpuGenerator g, float[] out, int off, int len, double mean, double std, boolean each) {
        checkStd(std);
        ReentrantLock lock = lock(g);
        try {
            if (len >= 16 && !each) {
                normalFillFloat(g, out, off, len, (float) mean, (float) std);
            } else {
                for (int i = off, end = off + len; i < end; i++) out[i] = (float) nextNormal(g, mean, std);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code torch.randn} / {@code normal_(mean, std)} for float64: with 16 or more elements the same
     * fill as for float ({@code normal_fill}) in double with the C library's log, sin and cos (see
     * {@link Libm}); below 16, {@link #nextNormal} per element.
     */
    public static void normal(CpuGenerator g, double[] out, int off, int len, double mean, double std) {
        normal(g, out, off, len, mean, std, false);
    }

    /** As {@link #normal(CpuGenerator, double[], int, int, double, double)}; {@code each}: {@link #nextNormal} per element whatever the length (PyTorch's path for a tensor that is not contiguous). */
    public static void normal(CpuGenerator g, double[] out, int off, int len, double mean, double std, boolean each) {
        checkStd(std);
        ReentrantLock lock = lock(g);
        try {
            if (len >= 16 && !each) {
                normalFillDouble(g, out, off, len, mean, std);
            } else {
                for (int i = off, end = off + len; i < end; i++) out[i] = nextNormal(g, mean, std);
            }
        } finally {
            lock.unlock();
        }
    }

    private static void checkStd(double std) {
        if (!(std >= 0.0)) throw new IllegalArgumentException("normal expects std >= 0.0, but found std " + CppDouble.format(std));
    }

    private static void normalFillFloat(CpuGenerator g, float[] out, int off, int len, float mean, float std) {
        boolean avx2 = capability == Capability.AVX2;
        g.unitFloats(out, off, len);
        if (avx2) {
            BoxMuller.blocks(out, off, len / 16, mean, std);
        } else {
            for (int i = 0; i + 16 <= len; i += 16) normal16FloatDefault(out, off + i, mean, std);
        }
        if (len % 16 != 0) {
            int start = off + len - 16;
            g.unitFloats(out, start, 16);
            if (avx2) BoxMuller.blocks(out, start, 1, mean, std);
            else normal16FloatDefault(out, start, mean, std);
        }
    }

    /** {@code normal_fill_16<float>}: theta is formed in double and rounded to float. */
    private static void normal16FloatDefault(float[] d, int at, float mean, float std) {
        for (int j = at; j < at + 8; j++) {
            float u1 = 1f - d[j];
            float u2 = d[j + 8];
            float radius = (float) Math.sqrt(-2f * Libm.log(u1));
            float theta = (float) (2.0 * Math.PI * u2);
            d[j] = radius * Libm.cos(theta) * std + mean;
            d[j + 8] = radius * Libm.sin(theta) * std + mean;
        }
    }

    private static void normalFillDouble(CpuGenerator g, double[] out, int off, int len, double mean, double std) {
        boolean fused = fused();
        for (int i = off, end = off + len; i < end; i++) out[i] = nextDouble(g);
        for (int i = 0; i + 16 <= len; i += 16) normal16Double(out, off + i, mean, std, fused);
        if (len % 16 != 0) {
            int start = off + len - 16;
            for (int i = start; i < start + 16; i++) out[i] = nextDouble(g);
            normal16Double(out, start, mean, std, fused);
        }
    }

    private static void normal16Double(double[] d, int at, double mean, double std, boolean fused) {
        for (int j = at; j < at + 8; j++) {
            double u1 = 1 - d[j];
            double u2 = d[j + 8];
            double radius = Math.sqrt(-2 * Libm.log(u1));
            double theta = 2.0 * Math.PI * u2;
            d[j] = madd(radius * Libm.cos(theta), std, mean, fused);
            d[j + 8] = madd(radius * Libm.sin(theta), std, mean, fused);
        }
    }

    // ------------------------------------------------------------------ integers

    /**
     * {@code torch.randint(low, high)} / {@code random_(low, high)} for int64:
     * {@code low + (bits mod (high - low))}, with a 64-bit draw when the range is at least 2^32 and a
     * 32-bit draw otherwise.
     */
    public static void randint(CpuGenerator g, long[] out, int off, int len, long low, long high) {
        long range = checkRange(low, high);
        boolean wide = Long.compareUnsigned(range, 1L << 32) >= 0;
        ReentrantLock lock = lock(g);
        try {
            for (int i = off, end = off + len; i < end; i++) out[i] = drawInRange(g, range, low, wide);
        } finally {
            lock.unlock();
        }
    }

    /** {@code randint} for int32 (and narrower integer dtypes): always one 32-bit draw per element. */
    public static void randint(CpuGenerator g, int[] out, int off, int len, long low, long high) {
        long range = checkRange(low, high);
        ReentrantLock lock = lock(g);
        try {
            for (int i = off, end = off + len; i < end; i++) out[i] = (int) drawInRange(g, range, low, false);
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code randint(low, high, dtype=torch.float32)}: as for int64 (64-bit draws for ranges of at
     * least 2^32), each integer rounded to float; but first PyTorch moves {@code low} up and
     * {@code high} down when {@code low + 1} or {@code high - 1} is not representable in float
     * ({@code update_from}/{@code update_to}), which changes the range for bounds beyond 2^24.
     */
    public static void randint(CpuGenerator g, float[] out, int off, int len, long low, long high) {
        checkRange(low, high);
        long from = updateFrom(low, 24);
        long to = updateTo(high, 24);
        long range = checkRange(from, to);
        boolean wide = Long.compareUnsigned(range, 1L << 32) >= 0;
        ReentrantLock lock = lock(g);
        try {
            for (int i = off, end = off + len; i < end; i++) out[i] = (float) drawInRange(g, range, from, wide);
        } finally {
            lock.unlock();
        }
    }

    /** {@code randint(low, high, dtype=torch.float64)}: as {@link #randint(CpuGenerator, float[], int, int, long, long)} with 53 bits. */
    public static void randint(CpuGenerator g, double[] out, int off, int len, long low, long high) {
        checkRange(low, high);
        long from = updateFrom(low, 53);
        long to = updateTo(high, 53);
        long range = checkRange(from, to);
        boolean wide = Long.compareUnsigned(range, 1L << 32) >= 0;
        ReentrantLock lock = lock(g);
        try {
            for (int i = off, end = off + len; i < end; i++) out[i] = (double) drawInRange(g, range, from, wide);
        } finally {
            lock.unlock();
        }
    }

    private static long drawInRange(CpuGenerator g, long range, long base, boolean wide) {
        long bits = wide ? g.random64() : (g.random() & 0xffffffffL);
        return Long.remainderUnsigned(bits, range) + base;
    }

    private static long checkRange(long from, long to) {
        if (from >= to) {
            throw new IllegalArgumentException(
                    "random_ expects 'from' to be less than 'to', but got from=" + from + " >= to=" + to);
        }
        return to - from;
    }

    /** PyTorch's {@code update_from<scalar_t>}: the smallest bound whose successor the float type can hold. */
    static long updateFrom(long from, int digits) {
        long fromPlus1 = toFloatingAndBack(from + 1, digits);
        if (fromPlus1 < from) {
            long v = Math.abs(from + 1);
            int n = 63 - Long.numberOfLeadingZeros(v);
            from = fromPlus1 + (1L << (n - digits + 1));
        }
        return from;
    }

    /** PyTorch's {@code update_to<scalar_t>}. */
    static long updateTo(long to, int digits) {
        long toMinus1 = toFloatingAndBack(to - 1, digits);
        if (toMinus1 >= to) {
            long v = Math.abs(to - 1);
            int n = 63 - Long.numberOfLeadingZeros(v);
            to = toMinus1 - (1L << (n - digits + 1));
        }
        return to;
    }

    private static long toFloatingAndBack(long v, int digits) {
        return digits == 24 ? (long) (float) v : (long) (double) v;
    }

    /**
     * {@code Tensor.random_()} with no bounds for int64: a 64-bit draw modulo 2^63.
     */
    public static void random(CpuGenerator g, long[] out, int off, int len) {
        ReentrantLock lock = lock(g);
        try {
            for (int i = off, end = off + len; i < end; i++) out[i] = g.random64() & Long.MAX_VALUE;
        } finally {
            lock.unlock();
        }
    }

    /** {@code Tensor.random_()} for float32: a 32-bit draw modulo 2^24 + 1. */
    public static void random(CpuGenerator g, float[] out, int off, int len) {
        ReentrantLock lock = lock(g);
        try {
            for (int i = off, end = off + len; i < end; i++) {
                out[i] = (float) ((g.random() & 0xffffffffL) % ((1L << 24) + 1));
            }
        } finally {
            lock.unlock();
        }
    }

    /** {@code Tensor.random_()} for float64: a 64-bit draw modulo 2^53 + 1. */
    public static void random(CpuGenerator g, double[] out, int off, int len) {
        ReentrantLock lock = lock(g);
        try {
            for (int i = off, end = off + len; i < end; i++) {
                out[i] = (double) Long.remainderUnsigned(g.random64(), (1L << 53) + 1);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code torch.randperm(n)} (any dtype; values written as long): the identity, then for each
     * {@code i < n - 1} a swap of element {@code i} with element {@code i + (r mod (n - i))}, {@code r}
     * a 32-bit draw. PyTorch 1.13 uses this one algorithm for every {@code n}.
     */
    public static void randperm(CpuGenerator g, long[] out, int off, int n) {
        if (n < 0) throw new IllegalArgumentException("Trying to create tensor with negative dimension " + n + ": [" + n + "]");
        for (int i = 0; i < n; i++) out[off + i] = i;
        ReentrantLock lock = lock(g);
        try {
            for (int i = 0; i < n - 1; i++) {
                int z = (int) ((g.random() & 0xffffffffL) % (n - i));
                long t = out[off + i];
                out[off + i] = out[off + i + z];
                out[off + i + z] = t;
            }
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ bernoulli

    /**
     * {@code bernoulli_(p)} / {@code torch.bernoulli(x, p)} with a scalar {@code p} (PyTorch built
     * without MKL, as Debian's): 1 where a double uniform ({@link #nextDouble}) is below {@code p}.
     * The same draws for every output dtype.
     */
    public static void bernoulli(CpuGenerator g, float[] out, int off, int len, double p) {
        checkP(p);
        ReentrantLock lock = lock(g);
        try {
            for (int i = off, end = off + len; i < end; i++) out[i] = nextDouble(g) < p ? 1f : 0f;
        } finally {
            lock.unlock();
        }
    }

    /** As {@link #bernoulli(CpuGenerator, float[], int, int, double)}, into float64. */
    public static void bernoulli(CpuGenerator g, double[] out, int off, int len, double p) {
        checkP(p);
        ReentrantLock lock = lock(g);
        try {
            for (int i = off, end = off + len; i < end; i++) out[i] = nextDouble(g) < p ? 1.0 : 0.0;
        } finally {
            lock.unlock();
        }
    }

    /** As {@link #bernoulli(CpuGenerator, float[], int, int, double)}, into an integer dtype. */
    public static void bernoulli(CpuGenerator g, long[] out, int off, int len, double p) {
        checkP(p);
        ReentrantLock lock = lock(g);
        try {
            for (int i = off, end = off + len; i < end; i++) out[i] = nextDouble(g) < p ? 1L : 0L;
        } finally {
            lock.unlock();
        }
    }

    private static void checkP(double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("bernoulli_ expects p to be in [0, 1], but got p=" + CppDouble.format(p));
    }

    /**
     * {@code torch.bernoulli(probs)} for float32 (also float16/bfloat16) probabilities: 1 where a
     * float uniform ({@link #nextFloat}, one 32-bit draw) is below the element's probability.
     * Probabilities are not checked (PyTorch's CPU kernel does not check them).
     */
    public static void bernoulli(CpuGenerator g, float[] out, int off, int len, float[] probs, int probsOff) {
        ReentrantLock lock = lock(g);
        try {
            for (int i = 0; i < len; i++) out[off + i] = nextFloat(g) < probs[probsOff + i] ? 1f : 0f;
        } finally {
            lock.unlock();
        }
    }

    /** {@code torch.bernoulli(probs)} for float64 probabilities: double uniforms (64-bit draws). */
    public static void bernoulli(CpuGenerator g, double[] out, int off, int len, double[] probs, int probsOff) {
        ReentrantLock lock = lock(g);
        try {
            for (int i = 0; i < len; i++) out[off + i] = nextDouble(g) < probs[probsOff + i] ? 1.0 : 0.0;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ exponential

    /** {@code exponential_(lambda)} for float32: {@link #nextExponential} (in double) cast to float. */
    public static void exponential(CpuGenerator g, float[] out, int off, int len, double lambda) {
        checkLambda(lambda);
        ReentrantLock lock = lock(g);
        try {
            for (int i = off, end = off + len; i < end; i++) out[i] = (float) nextExponential(g, lambda);
        } finally {
            lock.unlock();
        }
    }

    /** {@code exponential_(lambda)} for float64. */
    public static void exponential(CpuGenerator g, double[] out, int off, int len, double lambda) {
        checkLambda(lambda);
        ReentrantLock lock = lock(g);
        try {
            for (int i = off, end = off + len; i < end; i++) out[i] = nextExponential(g, lambda);
        } finally {
            lock.unlock();
        }
    }

    private static void checkLambda(double lambda) {
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("exponential_ expects lambda >= 0.0, but found lambda=" + CppDouble.format(lambda));
        }
    }

    // ------------------------------------------------------------------ geometric, cauchy, log-normal

    /**
     * {@code geometric_(p)}: {@link #nextGeometric}, one 64-bit draw per element whatever the dtype
     * (the caller casts, as PyTorch's kernel casts the double to the tensor's type).
     */
    public static void geometric(CpuGenerator g, double[] out, int off, int len, double p) {
        if (!(p > 0 && p < 1)) throw new IllegalArgumentException("geometric_ expects p to be in (0, 1), but got p=" + CppDouble.format(p));
        serial(g, out, off, len, e -> nextGeometric(e, p));
    }

    /** {@code cauchy_(median, sigma)} for float64: {@link #nextCauchy}. */
    public static void cauchy(CpuGenerator g, double[] out, int off, int len, double median, double sigma) {
        serial(g, out, off, len, e -> nextCauchy(e, median, sigma));
    }

    /** {@code cauchy_(median, sigma)} for float32: {@link #nextCauchy} (in double) cast to float. */
    public static void cauchy(CpuGenerator g, float[] out, int off, int len, double median, double sigma) {
        serial(g, out, off, len, e -> nextCauchy(e, median, sigma));
    }

    /**
     * {@code log_normal_(mean, std)} for float64: {@link #nextLogNormal}, for every size (unlike
     * {@code normal_}, PyTorch's kernel never takes the vectorised path of 16 elements).
     */
    public static void logNormal(CpuGenerator g, double[] out, int off, int len, double mean, double std) {
        checkLogNormalStd(std);
        serial(g, out, off, len, e -> nextLogNormal(e, mean, std));
    }

    /** {@code log_normal_(mean, std)} for float32: {@link #nextLogNormal} (in double) cast to float. */
    public static void logNormal(CpuGenerator g, float[] out, int off, int len, double mean, double std) {
        checkLogNormalStd(std);
        serial(g, out, off, len, e -> nextLogNormal(e, mean, std));
    }

    private static void checkLogNormalStd(double std) {
        if (!(std > 0)) throw new IllegalArgumentException("log_normal_ expects std > 0.0, but found std=" + CppDouble.format(std));
    }

    /** One double sample per element in order, under the generator's lock (PyTorch's {@code cpu_serial_kernel}). */
    private static void serial(CpuGenerator g, double[] out, int off, int len, ToDoubleFunction<CpuGenerator> draw) {
        ReentrantLock lock = lock(g);
        try {
            for (int i = off, end = off + len; i < end; i++) out[i] = draw.applyAsDouble(g);
        } finally {
            lock.unlock();
        }
    }

    /** As {@link #serial(CpuGenerator, double[], int, int, ToDoubleFunction)}, each sample cast to float. */
    private static void serial(CpuGenerator g, float[] out, int off, int len, ToDoubleFunction<CpuGenerator> draw) {
        ReentrantLock lock = lock(g);
        try {
            for (int i = off, end = off + len; i < end; i++) out[i] = (float) draw.applyAsDouble(g);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ multinomial

    /**
     * {@code torch.multinomial(probs, numSamples, replacement)} for float32 probabilities,
     * {@code rows x categories} row-major ({@code rows = 1} for a 1-D input); writes
     * {@code rows x numSamples} indices to {@code out} (row-major, from 0).
     *
     * <p>Without replacement (any {@code numSamples}) PyTorch 1.13 uses the exponential trick: it
     * fills a tensor like {@code probs} with {@code exponential_(1)} (double draws cast to float, all
     * rows first), divides {@code probs / q} in float, and takes each row's top {@code numSamples}
     * (largest first). With replacement it builds each row's normalised cumulative sum in float, then
     * for each sample binary-searches a double uniform.
     *
     * <p>One known divergence: equal quotients (in practice, zero-probability categories drawn because
     * {@code numSamples} exceeds a row's non-zero categories) come out here in index order, while
     * PyTorch's {@code topk} leaves them in the order its {@code std::nth_element} happens to produce.
     */
    public static void multinomial(CpuGenerator g, float[] probs, int rows, int categories, int numSamples,
            boolean replacement, long[] out) {
        double[] p = new double[probs.length];
        for (int i = 0; i < p.length; i++) p[i] = probs[i];
        multinomial(g, p, rows, categories, numSamples, replacement, out, true);
    }

    /** {@link #multinomial(CpuGenerator, float[], int, int, int, boolean, long[])} for float64 probabilities. */
    public static void multinomial(CpuGenerator g, double[] probs, int rows, int categories, int numSamples,
            boolean replacement, long[] out) {
        multinomial(g, probs, rows, categories, numSamples, replacement, out, false);
    }

    private static void multinomial(CpuGenerator g, double[] p, int rows, int categories, int numSamples,
            boolean replacement, long[] out, boolean asFloat) {
        if (rows <= 0 || categories <= 0) throw new IllegalArgumentException("prob_dist must be 1 or 2 dim and non-empty");
        if (numSamples <= 0) throw new IllegalArgumentException("cannot sample n_sample <= 0 samples");
        if (!replacement && numSamples > categories) {
            throw new IllegalArgumentException("cannot sample n_sample > prob_dist.size(-1) samples without replacement");
        }
        if ((long) rows * categories > p.length || (long) rows * numSamples > out.length) {
            throw new IllegalArgumentException("arrays too small for " + rows + " x " + categories);
        }
        ReentrantLock lock = lock(g);
        try {
            if (replacement) withReplacement(g, p, rows, categories, numSamples, out, asFloat);
            else withoutReplacement(g, p, rows, categories, numSamples, out, asFloat);
        } finally {
            lock.unlock();
        }
    }

    private static void withoutReplacement(CpuGenerator g, double[] p, int rows, int categories, int numSamples,
            long[] out, boolean asFloat) {
        int n = rows * categories;
        for (int i = 0; i < n; i++) {
            if (!(p[i] >= 0) || p[i] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("probability tensor contains either `inf`, `nan` or element < 0");
            }
        }
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int j = 0; j < categories; j++) sum += p[r * categories + j];
            if (sum == 0) throw new IllegalArgumentException("invalid multinomial distribution (sum of probabilities <= 0)");
        }
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            double e = nextExponential(g, 1.0);
            q[i] = asFloat ? (float) p[i] / (float) e : p[i] / e;
        }
        Integer[] idx = new Integer[categories];
        for (int r = 0; r < rows; r++) {
            int base = r * categories;
            for (int j = 0; j < categories; j++) idx[j] = j;
            // Largest first; NaN counts as largest, as in PyTorch's topk; ties keep index order.
            Arrays.sort(idx, (a, b) -> Double.compare(key(q[base + b]), key(q[base + a])));
            for (int k = 0; k < numSamples; k++) out[r * numSamples + k] = idx[k];
        }
    }

    private static double key(double v) {
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }

    private static void withReplacement(CpuGenerator g, double[] p, int rows, int categories, int numSamples,
            long[] out, boolean asFloat) {
        double[] cum = new double[categories];
        for (int r = 0; r < rows; r++) {
            // The cumulative sum and its normalisation run in the probabilities' dtype.
            double sum = 0;
            float sumF = 0f;
            for (int j = 0; j < categories; j++) {
                double v = p[r * categories + j];
                if (!(v >= 0)) throw new IllegalArgumentException("invalid multinomial distribution (encountering probability entry < 0)");
                if (Double.isInfinite(v)) throw new IllegalArgumentException("invalid multinomial distribution (encountering probability entry = infinity or NaN)");
                sumF += (float) v;
                sum += v;
                cum[j] = asFloat ? sumF : sum;
            }
            if (asFloat) sum = sumF;
            if (!(sum > 0)) throw new IllegalArgumentException("invalid multinomial distribution (sum of probabilities <= 0)");
            for (int j = 0; j < categories; j++) cum[j] = asFloat ? (float) cum[j] / sumF : cum[j] / sum;
            cum[categories - 1] = 1;
            for (int k = 0; k < numSamples; k++) {
                double u = nextDouble(g);
                int left = 0, right = categories;
                while (right - left > 0) {
                    int mid = left + (right - left) / 2;
                    if (cum[mid] < u) left = mid + 1;
                    else right = mid;
                }
                out[r * numSamples + k] = left;
            }
        }
    }

    private static ReentrantLock lock(CpuGenerator g) {
        ReentrantLock lock = g.lock();
        lock.lock();
        return lock;
    }
}
