package org.torch4j.nn;

import org.torch4j.DType;
import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;
import org.torch4j.internal.OpMath;

/**
 * Batch norm in training mode ({@code native_batch_norm} and its backward) as one node with the closed-form input
 * gradient, {@code gx = scale (gy - mean(gy) - xhat mean(gy xhat))} with {@code scale = weight invstd}. Both directions run
 * the backend's kernels where it has them (the SPI's {@code batchNorm}, {@code batchNormBackward}: three passes over
 * each channel forward, two backward); otherwise the forward is the composite {@code (x - mean) scale + bias} and the
 * backward five passes of ops over the tensor, where the composite's autograd took about fifteen (expanding and
 * dividing the means' gradients, products with broadcast statistics). The backward is written with differentiable
 * ops; when it records a graph
 * ({@code createGraph}) it recomputes the statistics from the input with recording on, so the gradient
 * differentiates again exactly; otherwise it uses the forward's. Inputs: x [N, C, *], weight and bias ([C] or null),
 * of x's dtype, or float32 for a 16-bit x, which is normalised in float32 ({@link OpMath}) with the statistics in
 * float32 and the output and input gradient rounded once.
 */
final class BatchNormTraining extends Function {
    private final long[] shape;
    private final double eps;
    /** The batch statistics of the forward, [1, C, 1...]: for the running statistics' update. */
    Tensor mean, var;

    /** Statistics broadcast as {@code shape} ([1, C, 1...]), variances offset by {@code eps}. */
    BatchNormTraining(long[] shape, double eps) {
        this.shape = shape;
        this.eps = eps;
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        Tensor x = in[0], weight = in[1], bias = in[2];
        Tensor[] fused = Internals.get().batchNormForward(x, weight, bias, eps);
        if (fused != null) {
            mean = fused[1].reshape(shape);
            var = fused[2].reshape(shape);
            ctx.saveForBackward(x, weight, mean, var.add(eps).rsqrt());
            return new Tensor[] {fused[0]};
        }
        Tensor xa = x.to(OpMath.of(x.dtype()));
        mean = channelSums(xa).div(count(x));
        Tensor centered = xa.sub(mean);
        var = channelSums(centered.mul(centered)).div(count(x));
        Tensor invstd = var.add(eps).rsqrt();
        Tensor scale = weight == null ? invstd : invstd.mul(weight.reshape(shape));
        ctx.saveForBackward(x, weight, mean, invstd);
        Tensor y = bias == null ? centered.mul(scale) : bias.reshape(shape).addcmul(centered, scale, 1);
        return new Tensor[] {y.to(x.dtype())};
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... grads) {
        Tensor[] saved = ctx.savedTensors();
        Tensor x = saved[0], weight = saved[1], mean = saved[2], invstd = saved[3], gy = grads[0];
        DType dtype = OpMath.of(x.dtype());
        Tensor centered;
        if (Torch.isGradEnabled()) {
            // a graph of the gradient is being recorded: the statistics must depend on x in it
            Tensor xa = x.to(dtype);
            centered = xa.sub(channelSums(xa).div(count(x)));
            invstd = channelSums(centered.mul(centered)).div(count(x)).add(eps).rsqrt();
        } else {
            Tensor[] fused = Internals.get().batchNormBackward(gy, x, mean.reshape(shape[1]), invstd.reshape(shape[1]), weight,
                    ctx.needsInputGrad(0), ctx.needsInputGrad(1), ctx.needsInputGrad(2));
            if (fused != null) {
                return new Tensor[] {fused[0], fused[1] == null ? null : fused[1].reshape(weight.shape()), fused[2]};
            }
            centered = x.to(dtype).sub(mean);
        }
        gy = gy.to(dtype);
        double count = count(x);
        Tensor sumGy = channelSums(gy), sumGyCentered = channelSums(gy.mul(centered));
        Tensor gx = null, gw = null;
        if (ctx.needsInputGrad(0)) {
            Tensor scale = weight == null ? invstd : invstd.mul(weight.reshape(shape));
            // scale gy - scale mean(gy) - centered scale invstd^2 mean(gy centered), as gy scale + centered k1 + k0
            Tensor k1 = scale.mul(invstd).mul(invstd).mul(sumGyCentered).div(-count);
            Tensor k0 = scale.mul(sumGy).div(-count);
            gx = k0.addcmul(centered, k1, 1).addcmul(gy, scale, 1).to(x.dtype());
        }
        if (ctx.needsInputGrad(1)) gw = sumGyCentered.mul(invstd).reshape(weight.shape());
        Tensor gb = ctx.needsInputGrad(2) ? sumGy.reshape(shape[1]) : null;
        return new Tensor[] {gx, gw, gb};
    }

    /**
     * The sums of t [N, C, *] over all dims but 1, shaped [1, C, 1...]: each image's channel rows summed first (an
     * innermost reduction), then the images; the generic reduction over dims 0, 2, 3 at once ran 5-10x slower.
     */
    private Tensor channelSums(Tensor t) {
        return t.reshape(t.size(0), t.size(1), -1).sum(2).sum(0).reshape(shape);
    }

    private static double count(Tensor x) {
        return (double) x.numel() / x.size(1);
    }

    @Override
    protected String name() {
        return "NativeBatchNormBackward0";
    }
}
