package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Weight initialisation ({@code torch.nn.init}), in place and without recording gradients. The
 * default layer initialisations use these, drawing from the default generator in PyTorch's order,
 * so that seeded models start from PyTorch's weights.
 */
public final class Init {
    private Init() {}

    /**
     * Fills {@code t} in place from the uniform distribution on {@code [a, b)} ({@code torch.nn.init.uniform_}),
     * without recording gradients.
     *
     * @param t the tensor to fill
     * @param a the lower bound (PyTorch's default 0)
     * @param b the upper bound (PyTorch's default 1)
     * @return {@code t}
     */
    public static Tensor uniform_(Tensor t, double a, double b) {
        try (var g = Torch.noGrad()) {
            return t.uniform_(a, b);
        }
    }

    /**
     * Fills {@code t} in place from {@code N(mean, std^2)} ({@code torch.nn.init.normal_}), without recording gradients.
     *
     * @param t the tensor to fill
     * @param mean the mean (PyTorch's default 0)
     * @param std the standard deviation (PyTorch's default 1)
     * @return {@code t}
     */
    public static Tensor normal_(Tensor t, double mean, double std) {
        try (var g = Torch.noGrad()) {
            return t.normal_(mean, std);
        }
    }

    /**
     * Fills {@code t} in place with {@code value} ({@code torch.nn.init.constant_}), without recording gradients.
     *
     * @param t the tensor to fill
     * @param value the fill value
     * @return {@code t}
     */
    public static Tensor constant_(Tensor t, double value) {
        try (var g = Torch.noGrad()) {
            return t.fill_(value);
        }
    }

    /** Fills {@code t} in place with 0 ({@code torch.nn.init.zeros_}); returns {@code t}. */
    public static Tensor zeros_(Tensor t) {
        return constant_(t, 0);
    }

    /** Fills {@code t} in place with 1 ({@code torch.nn.init.ones_}); returns {@code t}. */
    public static Tensor ones_(Tensor t) {
        return constant_(t, 1);
    }

    /** Identity for 2-d tensors. */
    public static Tensor eye_(Tensor t) {
        if (t.dim() != 2) throw new IllegalArgumentException("Only tensors with 2 dimensions are supported");
        try (var g = Torch.noGrad()) {
            return t.copy_(Torch.eye(t.size(0), t.size(1)));
        }
    }

    /** {@code (fan_in, fan_out)}: for [out, in, k...] weights, in * receptive field and out * receptive field. */
    public static long[] fans(Tensor t) {
        if (t.dim() < 2) {
            throw new IllegalArgumentException("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
        }
        long receptive = 1;
        for (int i = 2; i < t.dim(); i++) receptive *= t.size(i);
        return new long[] {t.size(1) * receptive, t.size(0) * receptive};
    }

    /** The recommended gain with PyTorch's default parameter (a negative slope of 0.01 for "leaky_relu"). */
    public static double calculateGain(String nonlinearity) {
        return calculateGain(nonlinearity, 0.01);
    }

    /** The recommended gain for a nonlinearity ("linear", "conv*", "sigmoid", "tanh", "relu", "leaky_relu", "selu"). */
    public static double calculateGain(String nonlinearity, double param) {
        return switch (nonlinearity) {
            case "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "sigmoid" -> 1;
            case "tanh" -> 5.0 / 3;
            case "relu" -> Math.sqrt(2.0);
            case "leaky_relu" -> Math.sqrt(2.0 / (1 + param * param));
            case "selu" -> 3.0 / 4;
            default -> throw new IllegalArgumentException("Unsupported nonlinearity " + nonlinearity);
        };
    }

    /**
     * Glorot uniform initialisation in place ({@code torch.nn.init.xavier_uniform_}): uniform on {@code [-a, a]} with
     * {@code a = gain * sqrt(6 / (fan_in + fan_out))}, fans as {@link #fans} computes them.
     *
     * @param t a tensor of at least 2 dims
     * @param gain the scale (PyTorch's default 1.0)
     * @return {@code t}
     * @throws IllegalArgumentException if {@code t} has fewer than 2 dims, as PyTorch words it
     */
    public static Tensor xavierUniform_(Tensor t, double gain) {
        long[] f = fans(t);
        double std = gain * Math.sqrt(2.0 / (f[0] + f[1]));
        double a = Math.sqrt(3.0) * std;
        return uniform_(t, -a, a);
    }

    /**
     * Glorot normal initialisation in place ({@code torch.nn.init.xavier_normal_}): {@code N(0, std^2)} with
     * {@code std = gain * sqrt(2 / (fan_in + fan_out))}.
     *
     * @param t a tensor of at least 2 dims
     * @param gain the scale (PyTorch's default 1.0)
     * @return {@code t}
     * @throws IllegalArgumentException if {@code t} has fewer than 2 dims, as PyTorch words it
     */
    public static Tensor xavierNormal_(Tensor t, double gain) {
        long[] f = fans(t);
        return normal_(t, 0, gain * Math.sqrt(2.0 / (f[0] + f[1])));
    }

    /** Kaiming (He) uniform with {@code a} the negative slope, mode "fan_in" or "fan_out". */
    public static Tensor kaimingUniform_(Tensor t, double a, String mode, String nonlinearity) {
        long[] f = fans(t);
        long fan = fan(f, mode);
        double gain = calculateGain(nonlinearity, a);
        double std = gain / Math.sqrt(fan);
        double bound = Math.sqrt(3.0) * std;   // PyTorch's order of operations, so the bound is bit-identical
        return uniform_(t, -bound, bound);
    }

    /**
     * Kaiming (He) normal initialisation in place ({@code torch.nn.init.kaiming_normal_}): {@code N(0, std^2)} with
     * {@code std = calculateGain(nonlinearity, a) / sqrt(fan)}.
     *
     * @param t a tensor of at least 2 dims
     * @param a the negative slope of the rectifier after this layer, used with "leaky_relu" (PyTorch's default 0)
     * @param mode "fan_in" (PyTorch's default) preserves the forward variance, "fan_out" the backward's
     * @param nonlinearity the name given to {@link #calculateGain(String, double)} (PyTorch's default "leaky_relu")
     * @return {@code t}
     * @throws IllegalArgumentException if {@code t} has fewer than 2 dims, or the mode or nonlinearity is unknown
     */
    public static Tensor kaimingNormal_(Tensor t, double a, String mode, String nonlinearity) {
        long[] f = fans(t);
        long fan = fan(f, mode);
        double std = calculateGain(nonlinearity, a) / Math.sqrt(fan);
        return normal_(t, 0, std);
    }

    /** The fan a Kaiming mode names, with PyTorch's error for another mode. */
    private static long fan(long[] fans, String mode) {
        return switch (mode) {
            case "fan_in" -> fans[0];
            case "fan_out" -> fans[1];
            default -> throw new IllegalArgumentException("Mode " + mode + " not supported, please use one of ['fan_in', 'fan_out']");
        };
    }

    /** A normal truncated to [a, b] by inverse-CDF sampling, as PyTorch's trunc_normal_. */
    public static Tensor truncNormal_(Tensor t, double mean, double std, double a, double b) {
        try (var g = Torch.noGrad()) {
            double l = normCdf((a - mean) / std), u = normCdf((b - mean) / std);
            t.uniform_(2 * l - 1, 2 * u - 1);
            t.copy_(t.erfinv());
            t.mul_(std * Math.sqrt(2.0)).add_(mean);
            return t.clamp_(a, b);
        }
    }

    private static double normCdf(double x) {
        return (1 + Torch.scalarTensor(x / Math.sqrt(2.0)).toDouble().erf().item()) / 2;
    }

    /** A (semi-)orthogonal matrix from the QR decomposition of a normal sample, scaled by {@code gain}. */
    public static Tensor orthogonal_(Tensor t, double gain) {
        if (t.dim() < 2) throw new IllegalArgumentException("Only tensors with 2 or more dimensions are supported");
        long rows = t.size(0), cols = t.numel() / rows;
        try (var g = Torch.noGrad()) {
            Tensor flat = Torch.zeros(new long[] {rows, cols}, t.dtype()).normal_(0, 1);   // drawn in t's dtype, as PyTorch
            if (rows < cols) flat = flat.t().contiguous();
            double[][] q = Householder.q(flat);
            long m = flat.size(0), n = flat.size(1);
            double[] out = new double[(int) (m * n)];
            for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) out[(int) (i * n + j)] = q[i][j];
            Tensor qt = Torch.tensor(out, m, n);
            if (rows < cols) qt = qt.t();
            return t.copy_(qt.mul(gain).reshape(t.shape()));
        }
    }

    /** Thin QR by Householder reflections, with the signs fixed so that diag(R) > 0 (as PyTorch does). */
    static final class Householder {
        private Householder() {}

        static double[][] q(Tensor a) {
            int m = (int) a.size(0), n = (int) a.size(1);
            double[] v = a.toDouble().contiguous().toDoubleArray();
            double[][] r = new double[m][n];
            for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) r[i][j] = v[i * n + j];
            double[][] q = new double[m][m];
            for (int i = 0; i < m; i++) q[i][i] = 1;
            for (int k = 0; k < Math.min(m - 1, n); k++) {
                double norm = 0;
                for (int i = k; i < m; i++) norm += r[i][k] * r[i][k];
                norm = Math.sqrt(norm);
                if (norm == 0) continue;
                double alpha = r[k][k] > 0 ? -norm : norm;
                double[] u = new double[m];
                for (int i = k; i < m; i++) u[i] = r[i][k];
                u[k] -= alpha;
                double un = 0;
                for (int i = k; i < m; i++) un += u[i] * u[i];
                if (un == 0) continue;
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int i = k; i < m; i++) s += u[i] * r[i][j];
                    for (int i = k; i < m; i++) r[i][j] -= 2 * u[i] * s / un;
                }
                for (int i = 0; i < m; i++) {
                    double s = 0;
                    for (int l = k; l < m; l++) s += q[i][l] * u[l];
                    for (int l = k; l < m; l++) q[i][l] -= 2 * s * u[l] / un;
                }
            }
            double[][] thin = new double[m][n];
            for (int j = 0; j < n; j++) {
                double sign = r[j][j] < 0 ? -1 : 1;
                for (int i = 0; i < m; i++) thin[i][j] = q[i][j] * sign;
            }
            return thin;
        }
    }
}
