package org.torch4j.distributions;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.torch4j.DType;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;
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
        return Torch.tensor(out, alpha.shape()).to(alpha.dtype());
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
    static Tensor dirichletNormalise(double[] gam, int k, long[] shape, DType dtype) {
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
        return Torch.tensor(out, shape).to(dtype);
    }

    /**
     * One Poisson draw ({@code sample_poisson}): multiplying uniforms until the product falls below
     * {@code exp(-lambda)} for {@code lambda < 10}, Hoermann's transformed rejection (PTRS) above.
     */
    static double poisson(double lambda, CpuGenerator g) {
        if (lambda >= 10) {
            double slam = Math.sqrt(lambda);
            double loglam = Math.log(lambda);
            double b = 0.931 + 2.53 * slam;
            double a = -0.059 + 0.02483 * b;
            double invalpha = 1.1239 + 1.1328 / (b - 3.4);
            double vr = 0.9277 - 3.6224 / (b - 2);
            for (;;) {
                double u = uniform(g) - 0.5;
                double v = uniform(g);
                double us = 0.5 - Math.abs(u);
                long k = (long) Math.floor((2 * a / us + b) * u + lambda + 0.43);
                if (us >= 0.07 && v <= vr) return k;
                if (k < 0 || (us < 0.013 && v > us)) continue;
                if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - lgamma(k + 1.0)) {
                    return k;
                }
            }
        }
        if (lambda == 0) return 0;
        double enlam = Math.exp(-lambda);
        long x = 0;
        double prod = 1.0;
        for (;;) {
            prod *= uniform(g);
            if (prod > enlam) x++;
            else return x;
        }
    }

    /** {@code torch.poisson(rate)}: one draw per element, in the rate's dtype. */
    static Tensor poisson(Tensor rate, Generator generator) {
        double[] r = rate.contiguous().toDoubleArray();
        double[] out = new double[r.length];
        locked(generator, g -> {
            for (int i = 0; i < r.length; i++) {
                if (!(r[i] >= 0)) throw new IllegalArgumentException("invalid Poisson rate, expected rate to be non-negative");
                out[i] = poisson(r[i], g);
            }
            return out;
        });
        return Torch.tensor(out, rate.shape()).to(rate.dtype());
    }

    /** The C library's lgamma, as PyTorch's sampler calls it; the backend's where the C library is not reachable. */
    private static double lgamma(double x) {
        double r = Sampling.libmLgamma(x);
        return Double.isNaN(r) ? Torch.tensor(new double[] {x}).lgamma().item() : r;
    }

    /**
     * One binomial draw ({@code sample_binomial}): 0 or {@code count} at the edges; otherwise, with
     * {@code p} the smaller of prob and 1 - prob, geometric-waiting-time inversion when
     * {@code count * p < 10} and Hoermann's BTRS rejection above; mirrored when prob > 0.5.
     */
    static double binomial(double count, double prob, boolean single, CpuGenerator g) {
        if (count <= 0.0 || prob <= 0.0) return 0;
        if (prob >= 1.0) return count;
        if (prob <= 0.5) return count * prob >= 10.0 ? btrs(count, prob, g) : inversion(count, prob, g);
        if (prob > 0.5) {
            // PyTorch keeps 1 - prob in the parameters' type
            double q = single ? (double) (float) (1.0 - prob) : 1.0 - prob;
            return count - (count * q >= 10.0 ? btrs(count, q, g) : inversion(count, q, g));
        }
        return Double.NaN;
    }

    private static double inversion(double count, double prob, CpuGenerator g) {
        double geomSum = 0;
        double numGeom = 0;
        double logprob = Math.log1p(-prob);
        for (;;) {
            double geom = Math.ceil(Math.log(uniform(g)) / logprob);
            geomSum += geom;
            if (geomSum > count) return numGeom;
            numGeom++;
        }
    }

    private static double btrs(double count, double prob, CpuGenerator g) {
        double stddev = Math.sqrt(count * prob * (1 - prob));
        double b = 1.15 + 2.53 * stddev;
        double a = -0.0873 + 0.0248 * b + 0.01 * prob;
        double c = count * prob + 0.5;
        double vr = 0.92 - 4.2 / b;
        double r = prob / (1 - prob);
        double alpha = (2.83 + 5.1 / b) * stddev;
        double m = Math.floor((count + 1) * prob);
        for (;;) {
            double u = uniform(g) - 0.5;
            double v = uniform(g);
            double us = 0.5 - Math.abs(u);
            double k = Math.floor((2 * a / us + b) * u + c);
            if (k < 0 || k > count) continue;
            if (us >= 0.07 && v <= vr) return k;
            v = Math.log(v * alpha / (a / (us * us) + b));
            double upper = (m + 0.5) * Math.log((m + 1) / (r * (count - m + 1)))
                    + (count + 1) * Math.log((count - m + 1) / (count - k + 1))
                    + (k + 0.5) * Math.log(r * (count - k + 1) / (k + 1))
                    + stirlingTail(m) + stirlingTail(count - m) - stirlingTail(k) - stirlingTail(count - k);
            if (v <= upper) return k;
        }
    }

    /** {@code log k! - [(k + 1/2) log(k + 1) - (k + 1) + log(2 pi) / 2]}: tabulated below 10, a series above. */
    private static final double[] TAIL = {0.0810614667953272, 0.0413406959554092, 0.0276779256849983,
        0.02079067210376509, 0.0166446911898211, 0.0138761288230707, 0.0118967099458917,
        0.0104112652619720, 0.00925546218271273, 0.00833056343336287};

    private static double stirlingTail(double k) {
        if (k <= 9) return TAIL[(int) k];
        double kp1sq = (k + 1) * (k + 1);
        return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / kp1sq) / kp1sq) / (k + 1);
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
                out[i] = binomial(ni, pi, single, g);
            }
            return out;
        });
        return Torch.tensor(out, prob.shape()).to(prob.dtype());
    }
}
