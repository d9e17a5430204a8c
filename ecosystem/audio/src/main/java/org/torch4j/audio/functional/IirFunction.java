package org.torch4j.audio.functional;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Index;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The recursive part of {@code lfilter}: {@code y[t] = w[t] - sum_{k>=1} a[c, k] y[t - k]} over [B, C, T] with
 * per-channel coefficients a [C, n] normalised so that a[:, 0] = 1 (a[:, 0] itself is not used), summed in
 * torchaudio's order (from the oldest output to the newest). Differentiable in w and a: the input gradient is the
 * same recursion run backwards in time, the coefficient gradient {@code -sum_t g[t] y[t - k]}; both are written
 * with differentiable ops, so the result can be differentiated again.
 */
final class IirFunction extends Function {
    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        Tensor w = in[0], a = in[1];
        Tensor y = run(w, a);
        ctx.saveForBackward(a, y);
        return new Tensor[] {y};
    }

    /** The recursion on plain arrays, in w's dtype (float32 steps rounded as torchaudio's float loop rounds them). */
    static Tensor run(Tensor w, Tensor a) {
        int batch = (int) w.size(0), channels = (int) w.size(1), samples = (int) w.size(2), order = (int) a.size(1);
        boolean f64 = w.dtype() == DType.FLOAT64;
        double[] x = w.to(DType.FLOAT64).contiguous().toDoubleArray(), out = new double[x.length];
        double[] c = a.to(DType.FLOAT64).contiguous().toDoubleArray();
        for (int b = 0; b < batch; b++) {
            for (int ch = 0; ch < channels; ch++) {
                int base = (b * channels + ch) * samples;
                for (int t = 0; t < samples; t++) {
                    double v = x[base + t];
                    for (int j = 0; j < order - 1; j++) { // a flipped: the oldest output first
                        int k = order - 1 - j;
                        if (t - k >= 0) v = InDtype.r(v - InDtype.r(out[base + t - k] * c[ch * order + k], f64), f64);
                    }
                    out[base + t] = v;
                }
            }
        }
        return Torch.tensor(out, w.shape()).to(w);
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
        Tensor a = ctx.savedTensors()[0], y = ctx.savedTensors()[1];
        // the adjoint of a causal recursion is the same recursion backwards in time
        Tensor g = new IirFunction().apply(grad[0].flip(2), a)[0].flip(2);
        Tensor ga = null;
        if (ctx.needsInputGrad(1)) {
            int order = (int) a.size(1);
            long samples = y.size(2);
            List<Tensor> columns = new ArrayList<>(order);
            columns.add(Torch.zeros(new long[] {a.size(0)}, a.dtype(), a.device()));
            for (int k = 1; k < order; k++) {
                if (k >= samples) {
                    columns.add(Torch.zeros(new long[] {a.size(0)}, a.dtype(), a.device()));
                    continue;
                }
                Tensor gk = g.index(Index.ALL, Index.ALL, Index.slice((long) k, samples));
                Tensor yk = y.index(Index.ALL, Index.ALL, Index.slice(0L, samples - k));
                columns.add(gk.mul(yk).sum(new int[] {0, 2}, false).neg());
            }
            ga = Torch.stack(columns, 1);
        }
        return new Tensor[] {ctx.needsInputGrad(0) ? g : null, ga};
    }
}
