package org.torch4j.distributions;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.torch4j.DType;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;
import org.torch4j.internal.random.CountSampling;
import org.torch4j.internal.random.CpuGenerator;
import org.torch4j.internal.random.Sampling;

/**
 * The rejection samplers behind {@code torch._standard_gamma}, {@code torch._sample_dirichlet},
 * {@code torch.poisson} and {@code torch.binomial} on the CPU, element by element in memory order
 * and drawing from the generator in PyTorch's order: the same algorithms with the same constants,
 * so that seeded draws match PyTorch's up to the last bit of {@code log} and {@code pow} (which can,
 * rarely, flip an accept/reject decision).
 *
 * <p>Each uniform or normal is one double draw of the generator's engine, as PyTorch's samplers
 * take them ({@code uniform_real_distribution<double>}, and Box-Muller with the cached second
 * normal), drawn directly rather than through one-element tensors; a whole tensor's draws hold the
 * engine's lock, as PyTorch's kernels do.
 */
final class Samplers {
    private Samplers() {}

    static double uniform(CpuGenerator g) {
        return Sampling.nextDouble(g);
    }

    static double normal(CpuGenerator g) {
        return Sampling.nextNormal(g, 0, 1);
    }

    /** Runs {@code draws} holding the lock of {@code generator}'s engine (the default generator's when null). */
    private static <T> T locked(Generator generator, Function<CpuGenerator, T> draws) {
        CpuGenerator g = Internals.get().engine(generator);
        ReentrantLock lock = g.lock();
        lock.lock();
        try {
            return draws.apply(g);
        } finally {
            lock.unlock();
        }
    }

    /**
     * One standard gamma draw ({@code sample_gamma}): Marsaglia and Tsang's method, with
     * {@code alpha < 1} boosted to {@code alpha + 1} and scaled by {@code U^(1/alpha)}.
     * {@code single} follows PyTorch's float32 kernel, which does the boost and {@code d} in float.
     */
    static double gamma(double alpha, boolean single, CpuGenerator g) {
        double scale = 1.0;
        if (alpha < 1.0) {
            if (alpha == 0) return 0;
            double inv = single ? (double) (1.0f / (float) alpha) : 1.0 / alpha;
            scale *= Math.pow(1 - uniform(g), inv);
            alpha = single ? (double) ((float) alpha + 1.0f) : alpha + 1.0;
        }
        final float third = 1.0f / 3.0f;
        double d = single ? (double) ((float) alpha - third) : alpha - third;
        double c = 1.0 / Math.sqrt(9.0 * d);
        for (;;) {
            double x, y;
            do {
                x = normal(g);
                y = 1.0 + c * x;
            } while (y <= 0);
            double v = y * y * y;
            double u = 1 - uniform(g);
            double xx = x * x;
            if (u < 1.0 - (double) 0.0331f * xx * xx) return scale * d * v;
            if (Math.log(u) < 0.5 * xx + d * (1.0 - v + Math.log(v))) return scale * d * v;
        }
    }

    /** {@code torch._standard_gamma(alpha)}: one draw per element, at least the dtype's smallest normal. */
    static Tensor standardGamma(Tensor alpha, Generator generator) {
        boolean single = alpha.dtype() != DType.FLOAT64;
        double[] a = alpha.contiguous().toDoubleArray();
        double[] out = new double[a.length];
        double tiny = Util.tiny(alpha.dtype());
        locked(generator, g -> {
            for (int i = 0; i < a.length; i++) {
                double s = gamma(a[i], single, g);
                out[i] = Math.max(tiny, single ? (double) (float) s : s);
            }
            return out;
        });
        return Torch.tensor(out, alpha.shape()).to(alpha);
    }

    /**
     * The gamma draws behind {@code torch._sample_dirichlet(alpha)}: one per element, in double
     * (from alpha as double), at least the smallest normal double.
     */
    static double[] dirichletGammas(Tensor alpha, Generator generator) {
        double[] a = alpha.contiguous().toDoubleArray();
        double[] gam = new double[a.length];
        return locked(generator, g -> {
            for (int i = 0; i < a.length; i++) gam[i] = Math.max(Double.MIN_NORMAL, gamma(a[i], false, g));
            return gam;
        });
    }

    /**
     * The Dirichlet draws from {@link #dirichletGammas}: each divided by the sum over the last dim
     * (of {@code k}), cast to the dtype and clamped into [tiny, 1), as {@code torch._sample_dirichlet}.
     */
    static Tensor dirichletNormalise(double[] gam, int k, long[] shape, DType dtype, org.torch4j.Device device) {
        boolean single = dtype != DType.FLOAT64;
        double tiny = Util.tiny(dtype);
        double below1 = single ? Math.nextDown(1.0f) : Math.nextDown(1.0);
        double[] out = new double[gam.length];
        for (int row = 0; row < gam.length; row += k) {
            double sum = 0;
            for (int j = 0; j < k; j++) sum += gam[row + j];
            for (int j = 0; j < k; j++) {
                double r = gam[row + j] / sum;
                out[row + j] = Math.min(below1, Math.max(tiny, single ? (double) (float) r : r));
            }
        }
        return Torch.tensor(out, shape).to(device).to(dtype);
    }

    /** {@code torch.poisson(rate)}: one draw per element, in the rate's dtype. */
    static Tensor poisson(Tensor rate, Generator generator) {
        double[] r = rate.contiguous().toDoubleArray();
        double[] out = new double[r.length];
        locked(generator, g -> {
            for (int i = 0; i < r.length; i++) {
                if (!(r[i] >= 0)) throw new IllegalArgumentException("invalid Poisson rate, expected rate to be non-negative");
                out[i] = CountSampling.poisson(r[i], g);
            }
            return out;
        });
        return Torch.tensor(out, rate.shape()).to(rate);
    }

    /** {@code torch.binomial(count, prob)}: one draw per element, in prob's dtype. */
    static Tensor binomial(Tensor count, Tensor prob, Generator generator) {
        double[] n = count.contiguous().toDoubleArray();
        double[] p = prob.contiguous().toDoubleArray();
        boolean single = prob.dtype() != DType.FLOAT64;
        double[] out = new double[p.length];
        locked(generator, g -> {
            for (int i = 0; i < p.length; i++) {
                double ni = single ? (float) n[i] : n[i], pi = single ? (float) p[i] : p[i];
                out[i] = CountSampling.binomial(ni, pi, single, g);
            }
            return out;
        });
        return Torch.tensor(out, prob.shape()).to(prob);
    }
}
