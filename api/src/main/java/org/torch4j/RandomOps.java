package org.torch4j;

import org.torch4j.internal.random.CpuGenerator;
import org.torch4j.internal.random.Sampling;
import org.torch4j.spi.HostStorage;

/**
 * Random sampling on the CPU generator, drawing in PyTorch's order so seeded results match PyTorch.
 * Values are generated for the logical (row-major) order and copied in: a non-contiguous target gets
 * the same values as a contiguous one (PyTorch would fill it in memory order instead).
 */
final class RandomOps {
    private RandomOps() {}

    private static CpuGenerator engine(Generator g) {
        return (g == null ? Torch.defaultGenerator() : g).engine();
    }

    /**
     * Where a fill draws {@code t}'s values: a host tensor of {@code t}'s shape whose storage runs in the order PyTorch's
     * TensorIterator walks {@code t} (its dims by decreasing stride: memory order for a transposed or channels-last
     * tensor), so the generator's i-th value lands where PyTorch puts it; filled, then copied into {@code t}.
     */
    private static Tensor scratch(Tensor t, DType dtype) {
        if (t.isContiguous()) return Torch.zeros(t.shape, dtype, Device.CPU);
        int[] order = walkOrder(t);
        long[] walked = new long[order.length];
        int[] back = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            walked[i] = t.shape[order[i]];
            back[order[i]] = i;
        }
        return Torch.zeros(walked, dtype, Device.CPU).permute(back);
    }

    /** t's dims from the outermost of its walk in: by decreasing stride, ties (size-1 dims) in order. */
    private static int[] walkOrder(Tensor t) {
        return java.util.stream.IntStream.range(0, t.dim()).boxed()
                .sorted((a, b) -> Long.compare(t.strides[b], t.strides[a])).mapToInt(Integer::intValue).toArray();
    }

    private static Object array(Tensor host) {
        return ((HostStorage) host.storage).array();
    }

    private static Tensor into(Tensor target, Tensor values) {
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            Conversions.copyInto(target, values);
        }
        target.storage.bumpVersion();
        return target;
    }

    private static void checkFloating(Tensor t, String op) {
        if (!t.isFloatingPoint()) {
            throw new IllegalArgumentException(op + " expects a floating point tensor, got " + t.dtype());
        }
    }

    private static void checkInPlace(Tensor t) {
        t.checkOpen();
        // before any draw, so that a refused call leaves the generator where it was
        if (t.isComplex()) throw Complexes.notImplemented(t.dtype());
        InPlace.checkLeaf(t);
        org.torch4j.internal.RandomDraws.drawingInto(t); // func's vmap refuses "different" draws into unmapped tensors
    }

    static Tensor uniform(Tensor t, double from, double to, Generator g) {
        checkInPlace(t);
        checkFloating(t, "uniform_");
        if (from > to) {
            throw new IllegalArgumentException("uniform_ expects to return a [from, to) range, but found from=" + from + " > to=" + to);
        }
        CpuGenerator e = engine(g);
        int n = Math.toIntExact(t.numel());
        Tensor v;
        switch (t.dtype()) {
            case FLOAT64 -> {
                v = scratch(t, DType.FLOAT64);
                Sampling.uniform(e, (double[]) array(v), 0, n, from, to);
            }
            case FLOAT16, BFLOAT16 -> {
                v = scratch(t, DType.FLOAT32);
                if (t.dtype() == DType.FLOAT16) Sampling.uniformHalf(e, (float[]) array(v), 0, n, from, to);
                else Sampling.uniformBFloat16(e, (float[]) array(v), 0, n, from, to);
            }
            default -> {
                v = scratch(t, DType.FLOAT32);
                Sampling.uniform(e, (float[]) array(v), 0, n, from, to);
            }
        }
        return into(t, v);
    }

    static Tensor normal(Tensor t, double mean, double std, Generator g) {
        checkInPlace(t);
        checkFloating(t, "normal_");
        if (std < 0) throw new IllegalArgumentException("normal expects std >= 0.0, but found std " + std);
        CpuGenerator e = engine(g);
        int n = Math.toIntExact(t.numel());
        Tensor v;
        // PyTorch's vectorised fill serves contiguous tensors only; the others draw one double normal per element
        boolean each = !t.isContiguous();
        if (t.dtype() == DType.FLOAT64) {
            v = scratch(t, DType.FLOAT64);
            Sampling.normal(e, (double[]) array(v), 0, n, mean, std, each);
        } else {
            v = scratch(t, DType.FLOAT32);
            Sampling.normal(e, (float[]) array(v), 0, n, mean, std, each);
        }
        return into(t, v);
    }

    static Tensor bernoulliScalar(Tensor t, double p, Generator g) {
        checkInPlace(t);
        if (p < 0 || p > 1) throw new IllegalArgumentException("bernoulli_ expects p to be in [0, 1], but got p=" + p);
        CpuGenerator e = engine(g);
        int n = Math.toIntExact(t.numel());
        Tensor v;
        switch (t.dtype()) {
            case FLOAT64 -> {
                v = scratch(t, DType.FLOAT64);
                Sampling.bernoulli(e, (double[]) array(v), 0, n, p);
            }
            case FLOAT32, FLOAT16, BFLOAT16 -> {
                v = scratch(t, DType.FLOAT32);
                Sampling.bernoulli(e, (float[]) array(v), 0, n, p);
            }
            default -> {
                v = scratch(t, DType.INT64);
                Sampling.bernoulli(e, (long[]) array(v), 0, n, p);
            }
        }
        return into(t, v);
    }

    static Tensor exponential(Tensor t, double lambd, Generator g) {
        checkInPlace(t);
        checkKernel(t, "exponential_cpu", false);
        CpuGenerator e = engine(g);
        return serial(t, (d, n) -> Sampling.exponential(e, d, 0, n, lambd), (f, n) -> Sampling.exponential(e, f, 0, n, lambd));
    }

    static Tensor geometric(Tensor t, double p, Generator g) {
        checkInPlace(t);
        checkKernel(t, "geometric_cpu", true);
        CpuGenerator e = engine(g);
        // one double per element for every dtype: float32 and the integers get it cast, as in PyTorch
        return serial(t, (d, n) -> Sampling.geometric(e, d, 0, n, p), null);
    }

    static Tensor cauchy(Tensor t, double median, double sigma, Generator g) {
        checkInPlace(t);
        checkKernel(t, "cauchy_cpu", false);
        CpuGenerator e = engine(g);
        return serial(t, (d, n) -> Sampling.cauchy(e, d, 0, n, median, sigma), (f, n) -> Sampling.cauchy(e, f, 0, n, median, sigma));
    }

    static Tensor logNormal(Tensor t, double mean, double std, Generator g) {
        checkInPlace(t);
        checkKernel(t, "log_normal_cpu", false);
        CpuGenerator e = engine(g);
        return serial(t, (d, n) -> Sampling.logNormal(e, d, 0, n, mean, std), (f, n) -> Sampling.logNormal(e, f, 0, n, mean, std));
    }

    /** A fill of {@code n} values of a primitive array. */
    private interface Fill<A> {
        void into(A array, int n);
    }

    /**
     * PyTorch's serial kernels of one double sample per element: float64 (and, with {@code asFloat}
     * null, every dtype) takes the double, the other floating dtypes its float cast, and the copy into
     * {@code t} rounds further (to half, as PyTorch's {@code static_cast} goes through float).
     */
    private static Tensor serial(Tensor t, Fill<double[]> asDouble, Fill<float[]> asFloat) {
        int n = Math.toIntExact(t.numel());
        Tensor v;
        if (t.dtype() == DType.FLOAT64 || asFloat == null) {
            v = scratch(t, DType.FLOAT64);
            asDouble.into((double[]) array(v), n);
        } else {
            v = scratch(t, DType.FLOAT32);
            asFloat.into((float[]) array(v), n);
        }
        return into(t, v);
    }

    /** PyTorch's dispatch error for a dtype the kernel has no loop for (integers allowed or not; never bool). */
    private static void checkKernel(Tensor t, String kernel, boolean integers) {
        if (t.dtype() == DType.BOOL || (!integers && !t.isFloatingPoint())) {
            throw new IllegalArgumentException("\"" + kernel + "\" not implemented for '" + Printer.cppName(t.dtype()) + "'");
        }
    }

    /** random_(from, to): integers in [from, to). */
    static Tensor randomInPlace(Tensor t, long from, long to, Generator g) {
        checkInPlace(t);
        if (from >= to) {
            throw new IllegalArgumentException("random_ expects 'from' to be less than 'to', but got from=" + from + " >= to=" + to);
        }
        CpuGenerator e = engine(g);
        int n = Math.toIntExact(t.numel());
        Tensor v;
        switch (t.dtype()) {
            case FLOAT32 -> {
                v = scratch(t, DType.FLOAT32);
                Sampling.randint(e, (float[]) array(v), 0, n, from, to);
            }
            case FLOAT64 -> {
                v = scratch(t, DType.FLOAT64);
                Sampling.randint(e, (double[]) array(v), 0, n, from, to);
            }
            case INT32 -> {
                v = scratch(t, DType.INT32);
                Sampling.randint(e, (int[]) array(v), 0, n, from, to);
            }
            default -> {
                v = scratch(t, DType.INT64);
                Sampling.randint(e, (long[]) array(v), 0, n, from, to);
            }
        }
        return into(t, v);
    }

    static Tensor randperm(long n, Generator g) {
        if (n < 0) throw new IllegalArgumentException("n must be non-negative, got" + n);
        Tensor v = Torch.zeros(new long[] {n}, DType.INT64, Device.CPU);
        Sampling.randperm(engine(g), (long[]) array(v), 0, Math.toIntExact(n));
        return v;
    }

    static Tensor multinomial(Tensor probs, long numSamples, boolean replacement, Generator g) {
        if (probs.dim() < 1 || probs.dim() > 2) throw new IllegalArgumentException("prob_dist must be 1 or 2 dim");
        if (!probs.isFloatingPoint()) {
            throw new IllegalArgumentException("multinomial only supports floating-point dtypes for input, got: " + Printer.cppName(probs.dtype()));
        }
        Tensor p = probs.detach().cpu();
        if (p.lt(0.0).any().itemBool() || p.isinf().any().itemBool() || p.isnan().any().itemBool()) {
            throw new IllegalArgumentException("probability tensor contains either `inf`, `nan` or element < 0");
        }
        int rows = probs.dim() == 1 ? 1 : (int) probs.size(0);
        int categories = (int) probs.size(-1);
        if (p.reshape(rows, categories).sum(1).le(0.0).any().itemBool()) {
            throw new IllegalArgumentException("invalid multinomial distribution (sum of probabilities <= 0)");
        }
        long[] out = new long[(int) (rows * Math.max(numSamples, 0))];   // Sampling names a count <= 0
        if (probs.dtype() == DType.FLOAT64) {
            Sampling.multinomial(engine(g), p.contiguous().toDoubleArray(), rows, categories, (int) numSamples, replacement, out);
        } else {
            Sampling.multinomial(engine(g), p.toFloat().contiguous().toFloatArray(), rows, categories, (int) numSamples, replacement, out);
        }
        Tensor r = probs.dim() == 1 ? Torch.tensor(out, numSamples) : Torch.tensor(out, rows, numSamples);
        return r.to(probs.device());
    }

    /** 1 with probability probs[i], elementwise; the result has probs' dtype. */
    static Tensor bernoulli(Tensor probs, Generator g) {
        checkFloating(probs, "bernoulli");
        Tensor p = probs.detach().cpu().contiguous();
        int n = Math.toIntExact(p.numel());
        Tensor v;
        if (p.dtype() == DType.FLOAT64) {
            v = Torch.zeros(p.shape, DType.FLOAT64, Device.CPU);
            Sampling.bernoulli(engine(g), (double[]) array(v), 0, n, p.toDoubleArray(), 0);
        } else {
            v = Torch.zeros(p.shape, DType.FLOAT32, Device.CPU);
            Sampling.bernoulli(engine(g), (float[]) array(v), 0, n, p.toFloatArray(), 0);
        }
        return v.to(probs);
    }
}
