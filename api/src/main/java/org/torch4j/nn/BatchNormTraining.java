package org.torch4j.nn;

import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Batch norm in training mode ({@code native_batch_norm} and its backward) as one node with the closed-form input
 * gradient, {@code gx = scale (gy - mean(gy) - xhat mean(gy xhat))} with {@code scale = weight invstd}: five passes over
 * the tensor in the backward where the composite's autograd took about fifteen (expanding and dividing the means'
 * gradients, products with broadcast statistics), each with its allocation. The forward is the composite's
 * {@code (x - mean) scale + bias}. The backward is written with differentiable ops; when it records a graph
 * ({@code createGraph}) it recomputes the statistics from the input with recording on, so the gradient
 * differentiates again exactly; otherwise it uses the forward's. Inputs: x [N, C, *], weight and bias ([C] or null),
 * of x's dtype.
 */
final class BatchNormTraining extends Function {
    private final int[] dims;
    private final long[] shape;
    private final double eps;
    /** The batch statistics of the forward, [1, C, 1...]: for the running statistics' update. */
    Tensor mean, var;

    /** For reductions over {@code dims} (all but 1), statistics broadcast as {@code shape}. */
    BatchNormTraining(int[] dims, long[] shape, double eps) {
        this.dims = dims;
        this.shape = shape;
        this.eps = eps;
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        Tensor x = in[0], weight = in[1], bias = in[2];
        mean = x.mean(dims, true);
        Tensor centered = x.sub(mean);
        var = centered.mul(centered).mean(dims, true);
        Tensor invstd = var.add(eps).rsqrt();
        Tensor scale = weight == null ? invstd : invstd.mul(weight.reshape(shape));
        ctx.saveForBackward(x, weight, centered, invstd);
        return new Tensor[] {bias == null ? centered.mul(scale) : bias.reshape(shape).addcmul(centered, scale, 1)};
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... grads) {
        Tensor[] saved = ctx.savedTensors();
        Tensor x = saved[0], weight = saved[1], centered = saved[2], invstd = saved[3], gy = grads[0];
        if (Torch.isGradEnabled()) {
            // a graph of the gradient is being recorded: the statistics must depend on x in it
            centered = x.sub(x.mean(dims, true));
            invstd = centered.mul(centered).mean(dims, true).add(eps).rsqrt();
        }
        double count = (double) x.numel() / x.size(1);
        Tensor sumGy = gy.sum(dims, true), sumGyCentered = gy.mul(centered).sum(dims, true);
        Tensor gx = null, gw = null;
        if (ctx.needsInputGrad(0)) {
            Tensor scale = weight == null ? invstd : invstd.mul(weight.reshape(shape));
            // scale gy - scale mean(gy) - centered scale invstd^2 mean(gy centered), as gy scale + centered k1 + k0
            Tensor k1 = scale.mul(invstd).mul(invstd).mul(sumGyCentered).div(-count);
            Tensor k0 = scale.mul(sumGy).div(-count);
            gx = k0.addcmul(centered, k1, 1).addcmul(gy, scale, 1);
        }
        if (ctx.needsInputGrad(1)) gw = sumGyCentered.mul(invstd).reshape(weight.shape());
        Tensor gb = ctx.needsInputGrad(2) ? sumGy.reshape(shape[1]) : null;
        return new Tensor[] {gx, gw, gb};
    }

    @Override
    protected String name() {
        return "NativeBatchNormBackward0";
    }
}
