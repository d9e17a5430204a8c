package org.torch4j.nn;

import java.util.function.Supplier;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code torch.nn.utils.fusion}: a convolution or linear layer followed by a batch norm in eval mode folded into
 * one layer, {@code W' = W * gamma / sqrt(var + eps)} per output unit and {@code b' = (b - mean) * gamma /
 * sqrt(var + eps) + beta}.
 */
public final class Fusion {
    private Fusion() {}

    /**
     * A fused weight and bias.
     *
     * @param weight the folded weight, shaped as the original layer's
     * @param bias the folded bias, one entry per output unit
     */
    public record Fused(Parameter weight, Parameter bias) {}

    /**
     * {@code fuse_conv_bn_weights}: the folded weight and bias (a missing conv bias, bn weight or bn bias counts as 0, 1,
     * 0); {@code transpose} for a transposed convolution, whose output units are its weight's dim 1.
     */
    public static Fused fuseConvBnWeights(Tensor convW, Tensor convB, Tensor bnRm, Tensor bnRv, double bnEps, Tensor bnW, Tensor bnB,
                                          boolean transpose) {
        if (convB == null) convB = Torch.zerosLike(bnRm);
        if (bnW == null) bnW = Torch.onesLike(bnRm);
        if (bnB == null) bnB = Torch.zerosLike(bnRm);
        Tensor rsqrt = bnRv.add(bnEps).rsqrt();
        long[] shape = new long[convW.dim()];
        java.util.Arrays.fill(shape, 1);
        shape[transpose ? 1 : 0] = -1;
        Tensor w = convW.mul(bnW.mul(rsqrt).reshape(shape));
        Tensor b = convB.sub(bnRm).mul(rsqrt).mul(bnW).add(bnB);
        return new Fused(new Parameter(w.detach()), new Parameter(b.detach()));
    }

    /** {@code fuse_linear_bn_weights}: the folded weight and bias (a missing linear bias counts as 0). */
    public static Fused fuseLinearBnWeights(Tensor linearW, Tensor linearB, Tensor bnRm, Tensor bnRv, double bnEps, Tensor bnW, Tensor bnB) {
        if (linearB == null) linearB = Torch.zerosLike(bnRm);
        Tensor scale = bnW.mul(bnRv.add(bnEps).rsqrt());
        Tensor w = linearW.mul(scale.unsqueeze(-1));
        Tensor b = linearB.sub(bnRm).mul(scale).add(bnB);
        return new Fused(new Parameter(w.detach()), new Parameter(b.detach()));
    }

    /** {@code fuse_linear_bn_eval}: a new Linear computing {@code bn(linear(x))} of the eval-mode pair. */
    public static Linear fuseLinearBnEval(Linear linear, BatchNorm bn) {
        checkEval(linear, bn);
        Fused f = fuseLinearBnWeights(linear.weight, linear.bias, bn.runningMean(), bn.runningVar(), bn.eps, bn.weight, bn.bias);
        Linear fused = withoutDrawing(() -> new Linear(linear.inFeatures, linear.outFeatures, true));
        return load(fused, f);
    }

    /**
     * {@code fuse_conv_bn_eval}: a new convolution of the same class and options computing {@code bn(conv(x))} of the
     * eval-mode pair; it has a bias even where the convolution had none, as in PyTorch.
     */
    public static ConvNd fuseConvBnEval(ConvNd conv, BatchNorm bn, boolean transpose) {
        checkEval(conv, bn);
        Fused f = fuseConvBnWeights(conv.weight, conv.bias, bn.runningMean(), bn.runningVar(), bn.eps, bn.weight, bn.bias, transpose);
        return load(withoutDrawing(() -> copyWithBias(conv)), f);
    }

    private static void checkEval(Module a, Module b) {
        if (a.isTraining() || b.isTraining()) throw new IllegalArgumentException("Fusion only for eval!");
    }

    /** A convolution with {@code conv}'s class and options and a bias (the six ordinary classes). */
    private static ConvNd copyWithBias(ConvNd c) {
        long in = c.inChannels, out = c.outChannels, g = c.groups;
        ConvNd copy = switch (c.getClass().getSimpleName()) {
            case "Conv1d" -> c.paddingString != null ? new Conv1d(in, out, c.kernelSize, c.paddingString, c.dilation, g, true)
                    : new Conv1d(in, out, c.kernelSize, c.stride, c.padding, c.dilation, g, true, c.paddingMode);
            case "Conv2d" -> c.paddingString != null ? new Conv2d(in, out, c.kernelSize, c.paddingString, c.dilation, g, true)
                    : new Conv2d(in, out, c.kernelSize, c.stride, c.padding, c.dilation, g, true, c.paddingMode);
            case "Conv3d" -> c.paddingString != null ? new Conv3d(in, out, c.kernelSize, c.paddingString, c.dilation, g, true)
                    : new Conv3d(in, out, c.kernelSize, c.stride, c.padding, c.dilation, g, true, c.paddingMode);
            case "ConvTranspose1d" -> new ConvTranspose1d(in, out, c.kernelSize, c.stride, c.padding, c.outputPadding, g, true, c.dilation);
            case "ConvTranspose2d" -> new ConvTranspose2d(in, out, c.kernelSize, c.stride, c.padding, c.outputPadding, g, true, c.dilation);
            case "ConvTranspose3d" -> new ConvTranspose3d(in, out, c.kernelSize, c.stride, c.padding, c.outputPadding, g, true, c.dilation);
            default -> throw new IllegalArgumentException("fuse_conv_bn_eval copies the six convolution classes, not "
                    + c.getClass().getSimpleName());
        };
        copy.to(c.weight.dtype());
        return copy;
    }

    /** Builds a module without moving the default generator (PyTorch deep-copies; a constructor here initialises). */
    private static <M extends Module> M withoutDrawing(Supplier<M> build) {
        byte[] state = Torch.defaultGenerator().getState();
        try {
            return build.get();
        } finally {
            Torch.defaultGenerator().setState(state);
        }
    }

    private static <M extends Module> M load(M m, Fused f) {
        m.to(f.weight().dtype());
        m.loadStateDict(java.util.Map.of("weight", f.weight(), "bias", f.bias()));
        m.eval();
        return m;
    }
}
