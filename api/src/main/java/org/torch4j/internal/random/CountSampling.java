package org.torch4j.internal.random;

import org.torch4j.Torch;

/**
 * PyTorch's CPU samplers of counts ({@code sample_poisson} and {@code sample_binomial} in
 * aten/src/ATen/native/Distributions.h), one value per call, drawing uniforms from the generator in
 * PyTorch's order: the same algorithms with the same constants, so that seeded draws match PyTorch's
 * up to the last bit of {@code log} (which can, rarely, flip an accept/reject decision). Shared by
 * {@code torch.poisson} / {@code torch.binomial} and the {@code Poisson} / {@code Binomial} distributions.
 * Callers hold the generator's lock for a whole tensor's draws.
 */
public final class CountSampling {
    private CountSampling() {}

    private static double uniform(CpuGenerator g) {
        return Sampling.nextDouble(g);
    }

    /**
     * One Poisson draw ({@code sample_poisson}): multiplying uniforms until the product falls below
     * {@code exp(-lambda)} for {@code lambda < 10}, Hoermann's transformed rejection (PTRS) above.
     */
    public static double poisson(double lambda, CpuGenerator g) {
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

    /** The C library's lgamma, as PyTorch's sampler calls it; the backend's where the C library is not reachable. */
    private static double lgamma(double x) {
        double r = Sampling.libmLgamma(x);
        return Double.isNaN(r) ? Torch.tensor(new double[] {x}).lgamma().item() : r;
    }

    /**
     * One binomial draw ({@code sample_binomial}): 0 or {@code count} at the edges; otherwise, with
     * {@code p} the smaller of prob and 1 - prob, geometric-waiting-time inversion when
     * {@code count * p < 10} and Hoermann's BTRS rejection above; mirrored when prob > 0.5.
     * {@code single} follows PyTorch's float32 kernel, which computes the expressions of its parameter
     * type ({@code count * prob}, {@code 1 - prob}, {@code log1p(-prob)}, ...) in float: that decides,
     * for example, that 1000 trials of 0.01f take the BTRS branch (10.0f) and not inversion.
     */
    public static double binomial(double count, double prob, boolean single, CpuGenerator g) {
        Precision f = single ? x -> (double) (float) x : x -> x;
        if (count <= 0.0 || prob <= 0.0) return 0;
        if (prob >= 1.0) return count;
        if (prob <= 0.5) return f.round(count * prob) >= 10.0 ? btrs(count, prob, f, g) : inversion(count, prob, f, g);
        double q = f.round(1.0 - prob);
        return count - (f.round(count * q) >= 10.0 ? btrs(count, q, f, g) : inversion(count, q, f, g));
    }

    /** Rounds a value computed in double to the sampler's parameter type (float32 or float64). */
    private interface Precision {
        double round(double x);
    }

    private static double inversion(double count, double prob, Precision f, CpuGenerator g) {
        double geomSum = 0;
        double numGeom = 0;
        double logprob = f.round(Math.log1p(-prob));
        for (;;) {
            double geom = Math.ceil(Math.log(uniform(g)) / logprob);
            geomSum += geom;
            if (geomSum > count) return numGeom;
            numGeom++;
        }
    }

    private static double btrs(double count, double prob, Precision f, CpuGenerator g) {
        double stddev = f.round(Math.sqrt(f.round(f.round(count * prob) * f.round(1 - prob))));
        double b = 1.15 + 2.53 * stddev;
        double a = -0.0873 + 0.0248 * b + 0.01 * prob;
        double c = f.round(count * prob) + 0.5;
        double vr = 0.92 - 4.2 / b;
        double r = f.round(prob / f.round(1 - prob));
        double alpha = (2.83 + 5.1 / b) * stddev;
        double m = Math.floor(f.round((count + 1) * prob));
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

}
