package org.torch4j;

import org.torch4j.internal.OpMath;
import org.torch4j.spi.Strided;

/**
 * The backend's batch-norm kernels for {@code nn.BatchNormTraining}: the training forward (output and the
 * channels' mean and biased variance) and the backward, over a contiguous input seen as [N, C, P]. Each returns
 * null where the backend declines (other dtypes or devices, a non-contiguous input, whose output keeps its layout
 * through the composition), and the caller composes ops instead. A 16-bit input takes float32 weight, bias and
 * statistics ({@link OpMath}).
 */
final class NativeBatchNorm {
    private NativeBatchNorm() {}

    /** {output, mean [C], var [C]} of x [N, C, *] in training mode, or null. */
    static Tensor[] forward(Tensor x, Tensor weight, Tensor bias, double eps) {
        DType t = x.dtype(), stats = OpMath.of(t);
        if (!t.isFloatingPoint() || x.dim() < 2 || x.numel() == 0 || !x.isContiguous()
                || !matches(weight, x) || !matches(bias, x)) {
            return null;
        }
        long c = x.size(1);
        Tensor out = Dispatch.empty(x.shape(), t, x.device());
        Tensor mean = Dispatch.empty(new long[] {c}, stats, x.device()), var = Dispatch.empty(new long[] {c}, stats, x.device());
        boolean done = Dispatch.backend(x).batchNorm(planes(out), mean.strided(), var.strided(), planes(x), flat(weight), flat(bias), eps);
        return done ? new Tensor[] {out, mean, var} : null;
    }

    /** {gradIn, gradWeight, gradBias} (null where not wanted) from the forward's statistics, or null. */
    static Tensor[] backward(Tensor grad, Tensor x, Tensor mean, Tensor invstd, Tensor weight, boolean wantX, boolean wantW, boolean wantB) {
        if (!Pointwise.fusedBackwardApplies(grad, x) || !x.isContiguous() || !matches(weight, x)) return null;
        long c = x.size(1);
        Tensor g = grad.contiguous();
        Tensor gx = wantX ? Dispatch.empty(x.shape(), x.dtype(), x.device()) : null;
        DType stats = OpMath.of(x.dtype());
        Tensor gw = wantW ? Dispatch.empty(new long[] {c}, stats, x.device()) : null;
        Tensor gb = wantB ? Dispatch.empty(new long[] {c}, stats, x.device()) : null;
        boolean done = Dispatch.backend(x).batchNormBackward(gx == null ? null : planes(gx), flat(gw), flat(gb), planes(g), planes(x),
                mean.strided(), invstd.strided(), flat(weight));
        return done ? new Tensor[] {gx, gw, gb} : null;
    }

    /** A weight or bias the kernels take with {@code x}: of its statistics' dtype ({@link OpMath#of}), device, dense. */
    private static boolean matches(Tensor p, Tensor x) {
        return p == null || (p.dtype() == OpMath.of(x.dtype()) && p.device().equals(x.device()) && p.isContiguous());
    }

    /** Contiguous {@code t} [N, C, *] seen as [N, C, P]. */
    private static Strided planes(Tensor t) {
        long n = t.size(0), c = t.size(1);
        return Dispatch.strided(t, n, c, t.numel() / Math.max(1, n * c));
    }

    private static Strided flat(Tensor t) {
        return t == null ? null : Dispatch.strided(t, t.numel());
    }
}
