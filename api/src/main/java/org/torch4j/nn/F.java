package org.torch4j.nn;

import org.torch4j.DType;
import org.torch4j.MemoryFormat;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;
import org.torch4j.internal.OpMath;
import org.torch4j.spi.UnaryOp;
import org.torch4j.trace.Trace;

/**
 * Functional forms of the layers and losses ({@code torch.nn.functional}), e.g.
 * {@code F.crossEntropy(logits, target)}. Every function is differentiable.
 */
public final class F {
    private F() {}

    private static Internals ops() {
        return Internals.get();
    }

    // ---- linear ----------------------------------------------------------------------------------

    /** {@code input @ weight.T + bias}; bias may be null. */
    public static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        if (Trace.recording()) return Trace.op("aten::linear", () -> linear(input, weight, bias), input, weight, bias);
        if (input.dim() == 2 && bias != null) return Torch.addmm(bias, input, weight.t());
        if (input.dim() == 3 && bias != null && weight.dim() == 2 && input.isContiguous()) {
            // PyTorch 1.13's fused path for contiguous 3-D input: the bias is the GEMM's starting value, not one more
            // pass over the output
            long[] s = input.shape();
            return Torch.addmm(bias, input.view(s[0] * s[1], s[2]), weight.t()).view(s[0], s[1], weight.size(0));
        }
        Tensor out = input.matmul(weight.t());
        return bias == null ? out : out.add(bias);
    }

    /** {@code x1^T A x2 + b} for each output feature: weight [out, in1, in2], bias [out]. */
    public static Tensor bilinear(Tensor input1, Tensor input2, Tensor weight, Tensor bias) {
        if (input1.dim() != input2.dim()) {
            throw new IllegalArgumentException("bilinear(): input dimensions do not match: got " + input1.dim() + " and " + input2.dim());
        }
        for (int i = 0; i < input1.dim() - 1; i++) {
            if (input1.size(i) != input2.size(i)) {
                throw new IllegalArgumentException("bilinear(): input batch dimensions do not match at dim " + i + ": got "
                        + input1.size(i) + " and " + input2.size(i));
            }
        }
        if (input1.size(-1) != weight.size(1)) {
            throw new IllegalArgumentException("bilinear(): input1 size does not match weight size: got " + input1.size(-1)
                    + " but expected " + weight.size(1));
        }
        if (input2.size(-1) != weight.size(2)) {
            throw new IllegalArgumentException("bilinear(): input2 size does not match weight size: got " + input2.size(-1)
                    + " but expected " + weight.size(2));
        }
        if (bias != null && bias.size(0) != weight.size(0)) {
            throw new IllegalArgumentException("bilinear(): bias size does not match weight size: got " + bias.size(0)
                    + " but expected " + weight.size(0));
        }
        Tensor out = Torch.einsum("...i,oij,...j->...o", input1, weight, input2);
        return bias == null ? out : out.add(bias);
    }

    // ---- activations -----------------------------------------------------------------------------

    /** {@code max(x, 0)} elementwise ({@code torch.nn.functional.relu}); a new tensor. */
    public static Tensor relu(Tensor x) {
        return x.relu();
    }

    /** {@link #relu} written into {@code x} ({@code torch.nn.functional.relu_}); returns x. */
    public static Tensor relu_(Tensor x) {
        return x.relu_();
    }

    /** {@link #elu(Tensor, double)} written into {@code x} ({@code torch.nn.functional.elu_}); returns x. */
    public static Tensor elu_(Tensor x, double alpha) {
        return InPlace.apply(true, x, t -> elu(t, alpha));
    }

    /** {@link #leakyRelu(Tensor, double)} written into {@code x} ({@code torch.nn.functional.leaky_relu_}); returns x. */
    public static Tensor leakyRelu_(Tensor x, double negativeSlope) {
        return InPlace.apply(true, x, t -> leakyRelu(t, negativeSlope));
    }

    /** {@link #hardtanh(Tensor, double, double)} written into {@code x} ({@code torch.nn.functional.hardtanh_}); returns x. */
    public static Tensor hardtanh_(Tensor x, double min, double max) {
        return InPlace.apply(true, x, t -> hardtanh(t, min, max));
    }

    /** {@link #threshold(Tensor, double, double)} written into {@code x} ({@code torch.nn.functional.threshold_}); returns x. */
    public static Tensor threshold_(Tensor x, double threshold, double value) {
        return InPlace.apply(true, x, t -> threshold(t, threshold, value));
    }

    /** {@link #celu(Tensor, double)} written into {@code x} ({@code torch.nn.functional.celu_}); returns x. */
    public static Tensor celu_(Tensor x, double alpha) {
        return InPlace.apply(true, x, t -> celu(t, alpha));
    }

    /** {@link #selu(Tensor)} written into {@code x} ({@code torch.nn.functional.selu_}); returns x. */
    public static Tensor selu_(Tensor x) {
        return InPlace.apply(true, x, F::selu);
    }

    /** {@code min(max(x, 0), 6)} elementwise ({@code torch.nn.functional.relu6}), as {@link #hardtanh} on [0, 6]. */
    public static Tensor relu6(Tensor x) {
        return hardtanh(x, 0, 6);
    }

    /**
     * {@code x} where positive, {@code negativeSlope * x} elsewhere ({@code torch.nn.functional.leaky_relu}).
     *
     * @param x the input
     * @param negativeSlope the slope for negative inputs
     * @return a new tensor of the input's shape and dtype
     */
    public static Tensor leakyRelu(Tensor x, double negativeSlope) {
        return ops().unary(UnaryOp.LEAKY_RELU, x, negativeSlope);
    }

    /** {@link #leakyRelu(Tensor, double)} with PyTorch's default {@code negative_slope = 0.01}. */
    public static Tensor leakyRelu(Tensor x) {
        return leakyRelu(x, 0.01);
    }

    /**
     * {@code x} where positive, {@code alpha * (exp(x) - 1)} elsewhere ({@code torch.nn.functional.elu}).
     *
     * @param x the input
     * @param alpha the saturation value for negative inputs
     * @return a new tensor of the input's shape and dtype
     */
    public static Tensor elu(Tensor x, double alpha) {
        return ops().unary(UnaryOp.ELU, x, alpha, 1.0, 1.0);
    }

    /** {@link #elu(Tensor, double)} with PyTorch's default {@code alpha = 1.0}. */
    public static Tensor elu(Tensor x) {
        return elu(x, 1.0);
    }

    /**
     * {@code scale * elu(x, alpha)} with PyTorch's fixed constants {@code alpha = 1.6732632...} and
     * {@code scale = 1.0507009...} ({@code torch.nn.functional.selu}).
     */
    public static Tensor selu(Tensor x) {
        return ops().unary(UnaryOp.ELU, x, 1.6732632423543772848170429916717, 1.0507009873554804934193349852946, 1.0);
    }

    /**
     * {@code max(0, x) + min(0, alpha * (exp(x / alpha) - 1))} elementwise ({@code torch.nn.functional.celu}).
     *
     * @param x the input
     * @param alpha the saturation value and scale of the negative branch (PyTorch's default is 1.0)
     * @return a new tensor of the input's shape and dtype
     */
    public static Tensor celu(Tensor x, double alpha) {
        return ops().unary(UnaryOp.ELU, x, alpha, 1.0, 1.0 / alpha);
    }

    /** GELU; {@code approximate} is "none" (erf) or "tanh". */
    public static Tensor gelu(Tensor x, String approximate) {
        return x.gelu(approximate);
    }

    /** {@link #gelu(Tensor, String)} with {@code approximate = "none"}: {@code x * Phi(x)} using erf. */
    public static Tensor gelu(Tensor x) {
        return x.gelu();
    }

    /** {@code x * sigmoid(x)} elementwise ({@code torch.nn.functional.silu}, also called swish). */
    public static Tensor silu(Tensor x) {
        return x.silu();
    }

    /** {@code x * tanh(softplus(x))} elementwise ({@code torch.nn.functional.mish}). */
    public static Tensor mish(Tensor x) {
        return x.mish();
    }

    /** {@code 1 / (1 + exp(-x))} elementwise ({@code torch.sigmoid}); same as {@link Tensor#sigmoid()}. */
    public static Tensor sigmoid(Tensor x) {
        return x.sigmoid();
    }

    /** The hyperbolic tangent elementwise ({@code torch.tanh}); same as {@link Tensor#tanh()}. */
    public static Tensor tanh(Tensor x) {
        return x.tanh();
    }

    /** {@code clamp(x / 6 + 1 / 2, 0, 1)} elementwise ({@code torch.nn.functional.hardsigmoid}). */
    public static Tensor hardsigmoid(Tensor x) {
        return ops().unary(UnaryOp.HARDSIGMOID, x);
    }

    /** {@code x * hardsigmoid(x)}, i.e. {@code x * relu6(x + 3) / 6} ({@code torch.nn.functional.hardswish}). */
    public static Tensor hardswish(Tensor x) {
        return ops().unary(UnaryOp.HARDSWISH, x);
    }

    /** x clamped to [min, max]; as PyTorch's hardtanh, the derivative is 1 strictly inside and 0 on the bounds. */
    public static Tensor hardtanh(Tensor x, double min, double max) {
        if (Trace.recording()) return Trace.op("aten::hardtanh", () -> hardtanh(x, min, max), x, min, max);
        Tensor inside = x.gt(min).logicalAnd(x.lt(max));
        return Torch.where(inside, x, x.clamp(min, max).detach());
    }

    /**
     * {@code log(1 + exp(beta * x)) / beta} elementwise, and {@code x} itself where {@code beta * x > threshold}
     * ({@code torch.nn.functional.softplus}); under autocast it runs in float32.
     *
     * @param x the input
     * @param beta the sharpness (PyTorch's default 1)
     * @param threshold above which the function is taken as linear (PyTorch's default 20)
     * @return a new tensor of the input's shape
     */
    public static Tensor softplus(Tensor x, double beta, double threshold) {
        return org.torch4j.amp.Autocast.float32("softplus", x).softplus(beta, threshold);
    }

    /** {@link #softplus(Tensor, double, double)} with PyTorch's defaults {@code beta = 1}, {@code threshold = 20}. */
    public static Tensor softplus(Tensor x) {
        return org.torch4j.amp.Autocast.float32("softplus", x).softplus();
    }

    /** {@code log(sigmoid(x))}, computed stably for large {@code |x|} ({@code torch.nn.functional.logsigmoid}). */
    public static Tensor logsigmoid(Tensor x) {
        return x.logSigmoid();
    }

    /** softmax along {@code dim}. */
    public static Tensor softmax(Tensor x, int dim) {
        return ops().softmax(org.torch4j.amp.Autocast.float32("softmax", x), dim, false);
    }

    /** log(softmax(x)) along {@code dim}, computed stably. */
    public static Tensor logSoftmax(Tensor x, int dim) {
        return ops().softmax(org.torch4j.amp.Autocast.float32("log_softmax", x), dim, true);
    }

    /** softmax of {@code -x} along {@code dim} ({@code torch.nn.functional.softmin}). */
    public static Tensor softmin(Tensor x, int dim) {
        return softmax(x.neg(), dim);
    }

    /** {@code x / (1 + |x|)}. */
    public static Tensor softsign(Tensor x) {
        return x.div(x.abs().add(1));
    }

    /** {@code x - tanh(x)}. */
    public static Tensor tanhshrink(Tensor x) {
        return x.sub(x.tanh());
    }

    /** 0 where -lambd <= x <= lambd, else x (NaN stays NaN, as PyTorch's test). */
    public static Tensor hardshrink(Tensor x, double lambd) {
        return x.where(x.ge(-lambd).logicalAnd(x.le(lambd)).logicalNot(), 0.0);
    }

    /** {@link #hardshrink(Tensor, double)} with PyTorch's default lambd 0.5. */
    public static Tensor hardshrink(Tensor x) {
        return hardshrink(x, 0.5);
    }

    /** x - lambd above lambd, x + lambd below -lambd, else 0; lambd must not be negative. */
    public static Tensor softshrink(Tensor x, double lambd) {
        if (lambd < 0) {
            throw new IllegalArgumentException("lambda must be greater or equal to 0, but found to be " + Py.number(lambd) + ".");
        }
        // PyTorch's branches x > lambd ? x - lambd : x < -lambd ? x + lambd : 0, so a NaN gives 0 as there
        return x.sub(lambd).where(x.gt(lambd), x.add(lambd).where(x.lt(-lambd), 0.0));
    }

    /** {@link #softshrink(Tensor, double)} with PyTorch's default lambd 0.5. */
    public static Tensor softshrink(Tensor x) {
        return softshrink(x, 0.5);
    }

    /** {@code value} where x <= threshold, else x (NaN stays NaN, as PyTorch's test). */
    public static Tensor threshold(Tensor x, double threshold, double value) {
        return x.where(x.le(threshold).logicalNot(), value);
    }

    /**
     * x where x > 0, else weight * x, with one weight per channel (dim 1) or a single one
     * ({@code torch.nn.functional.prelu}).
     */
    public static Tensor prelu(Tensor x, Tensor weight) {
        long n = weight.numel();
        // a single slope applies to any input, a 0-d one included
        if (n != 1 && x.dim() == 0) throw new IllegalArgumentException("Not allow zero-dim input tensor.");
        long channels = x.dim() >= 2 ? x.size(1) : 1;
        if (n != 1 && n != channels) {
            throw new IllegalArgumentException("Mismatch of parameter numbers and input channel size. Found parameter numbers = "
                    + n + " and channel size = " + channels + ".");
        }
        long[] shape = new long[x.dim()];
        java.util.Arrays.fill(shape, 1);
        if (x.dim() >= 2) shape[1] = n;
        // the slope multiplies x only where x is not positive (zero elsewhere): PyTorch's derivatives, which an
        // infinite positive x or a NaN slope elsewhere would otherwise turn into inf * 0 = NaN
        Tensor positive = x.gt(0.0);
        Tensor negativePart = x.where(positive.logicalNot(), 0.0);
        return x.where(positive, (n == 1 ? weight.reshape() : weight.reshape(shape)).mul(negativePart));
    }

    /** The first half of {@code x} along {@code dim} times the sigmoid of the second half. */
    public static Tensor glu(Tensor x, int dim) {
        if (x.dim() == 0) throw new IllegalArgumentException("glu does not support scalars because halving size must be even");
        int d = ops().wrapDim(dim, x.dim());
        if (x.size(d) % 2 != 0) {
            throw new IllegalArgumentException("Halving dimension must be even, but dimension " + d + " is size " + x.size(d));
        }
        long half = x.size(d) / 2;
        return x.narrow(d, 0, half).mul(x.narrow(d, half, half).sigmoid());
    }

    /** {@link #glu(Tensor, int)} over the last dim. */
    public static Tensor glu(Tensor x) {
        return glu(x, -1);
    }

    // ---- distances and normalisation by norm -------------------------------------------------------

    /** {@code x / max(||x||_p, eps)} along {@code dim} ({@code torch.nn.functional.normalize}). */
    public static Tensor normalize(Tensor x, double p, int dim, double eps) {
        return x.div(x.norm(p, new int[] {dim}, true).clampMin(eps));
    }

    /** {@link #normalize(Tensor, double, int, double)} with PyTorch's defaults: p = 2, dim = 1, eps = 1e-12. */
    public static Tensor normalize(Tensor x) {
        return normalize(x, 2.0, 1, 1e-12);
    }

    /**
     * The cosine of the angle between x1 and x2 along {@code dim} (broadcast), each norm clamped
     * below by {@code eps}, as PyTorch 1.13.
     */
    public static Tensor cosineSimilarity(Tensor x1, Tensor x2, int dim, double eps) {
        long[] shape = ops().broadcastShapes(x1.shape(), x2.shape());
        int d = ops().wrapDim(dim, shape.length);
        Tensor a = x1.expand(shape), b = x2.expand(shape);
        int[] dims = {d};
        // PyTorch 1.13's order: each side divided by its norm first, so that a huge element does not overflow the product
        Tensor n1 = a.norm(2, dims, true).clampMin(eps), n2 = b.norm(2, dims, true).clampMin(eps);
        return a.div(n1).mul(b.div(n2)).sum(dims);
    }

    /** {@link #cosineSimilarity(Tensor, Tensor, int, double)} with dim = 1, eps = 1e-8. */
    public static Tensor cosineSimilarity(Tensor x1, Tensor x2) {
        return cosineSimilarity(x1, x2, 1, 1e-8);
    }

    /** {@code ||x1 - x2 + eps||_p} over the last dim ({@code torch.nn.functional.pairwise_distance}). */
    public static Tensor pairwiseDistance(Tensor x1, Tensor x2, double p, double eps, boolean keepdim) {
        int dim = Math.max(x1.dim(), x2.dim()) - 1;
        Tensor diff = x1.sub(x2).add(eps);
        return dim < 0 ? diff.abs() : diff.norm(p, new int[] {dim}, keepdim);
    }

    /** {@link #pairwiseDistance(Tensor, Tensor, double, double, boolean)} with p = 2, eps = 1e-6. */
    public static Tensor pairwiseDistance(Tensor x1, Tensor x2) {
        return pairwiseDistance(x1, x2, 2.0, 1e-6, false);
    }

    // ---- rearranging channels ----------------------------------------------------------------------

    /** [*, C r^2, H, W] to [*, C, H r, W r]: sub-pixel convolution's rearrangement. */
    public static Tensor pixelShuffle(Tensor x, long upscaleFactor) {
        return PixelShuffles.shuffle(x, upscaleFactor);
    }

    /** [*, C, H r, W r] to [*, C r^2, H, W], the inverse of {@link #pixelShuffle}. */
    public static Tensor pixelUnshuffle(Tensor x, long downscaleFactor) {
        return PixelShuffles.unshuffle(x, downscaleFactor);
    }

    /** Splits the channels (dim 1) of [N, C, *] into {@code groups} and interleaves them (ShuffleNet). */
    public static Tensor channelShuffle(Tensor x, long groups) {
        return PixelShuffles.channels(x, groups);
    }

    /**
     * Local response normalisation across channels: {@code x / (k + alpha * mean of x^2 over the size
     * channels around)^beta}, the window zero-padded at the ends, as PyTorch's.
     */
    public static Tensor localResponseNorm(Tensor x, long size, double alpha, double beta, double k) {
        if (x.dim() < 3) {
            throw new IllegalArgumentException("Expected 3D or higher dimensionality input (got " + x.dim() + " dimensions)");
        }
        if (x.numel() == 0) return x;
        Tensor sq = x.mul(x);
        // zeros before and after along the channels: (before, after) pairs from the last dim to dim 1
        long[] pads = new long[2 * (x.dim() - 1)];
        pads[pads.length - 2] = size / 2;
        pads[pads.length - 1] = (size - 1) / 2;
        Tensor padded = Torch.pad(sq, pads, "constant", 0.0);
        // windows of `size` channels along dim 1, averaged as a sum of shifted slices (ops the ONNX exporter
        // traces, where an unfold view is not)
        long channels = x.size(1);
        Tensor sum = padded.narrow(1, 0, channels);
        for (long j = 1; j < size; j++) sum = sum.add(padded.narrow(1, j, channels));
        return x.div(sum.div((double) size).mul(alpha).add(k).pow(beta));
    }

    /** {@link #localResponseNorm(Tensor, long, double, double, double)} with alpha 1e-4, beta 0.75, k 1. */
    public static Tensor localResponseNorm(Tensor x, long size) {
        return localResponseNorm(x, size, 1e-4, 0.75, 1.0);
    }

    // ---- convolution -----------------------------------------------------------------------------

    /** 1-d convolution of [N, C, L] (or [C, L]) with weight [O, C/groups, k]. */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, long stride, long padding, long dilation, long groups) {
        Tensor[] ac = org.torch4j.amp.Autocast.lowerPrecision(input, weight, bias);
        if (ac != null) { input = ac[0]; weight = ac[1]; bias = ac[2]; }
        Convolution.checkRanks("conv1d", 1, input, weight, new long[] {stride});
        return Convolution.conv(input, weight, bias, new long[] {stride}, new long[] {padding}, new long[] {dilation}, groups);
    }

    /**
     * {@link #conv1d(Tensor, Tensor, Tensor, long, long, long, long)} with PyTorch's defaults
     * {@code stride = 1, padding = 0, dilation = 1, groups = 1}; {@code bias} may be null.
     */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias) {
        return conv1d(input, weight, bias, 1, 0, 1, 1);
    }

    /** 2-d convolution of [N, C, H, W] (or [C, H, W]) with weight [O, C/groups, kh, kw]. */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, long[] stride, long[] padding, long[] dilation,
                                long groups) {
        Tensor[] ac = org.torch4j.amp.Autocast.lowerPrecision(input, weight, bias);
        if (ac != null) { input = ac[0]; weight = ac[1]; bias = ac[2]; }
        Convolution.checkRanks("conv2d", 2, input, weight, stride);
        return Convolution.conv(input, weight, bias, stride, padding, dilation, groups);
    }

    /**
     * {@link #conv2d(Tensor, Tensor, Tensor, long[], long[], long[], long)} with the same stride and padding in
     * both spatial dims, {@code dilation = 1} and {@code groups = 1}; {@code bias} may be null.
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, long stride, long padding) {
        return conv2d(input, weight, bias, new long[] {stride}, new long[] {padding}, new long[] {1}, 1);
    }

    /**
     * {@link #conv2d(Tensor, Tensor, Tensor, long[], long[], long[], long)} with PyTorch's defaults
     * {@code stride = 1, padding = 0, dilation = 1, groups = 1}; {@code bias} may be null.
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias) {
        return conv2d(input, weight, bias, 1, 0);
    }

    /** Convolution with padding "same" (output as large as the input; stride 1) or "valid" (none). */
    public static Tensor conv(Tensor input, Tensor weight, Tensor bias, String padding, long[] dilation, long groups) {
        Tensor[] ac = org.torch4j.amp.Autocast.lowerPrecision(input, weight, bias);
        if (ac != null) { input = ac[0]; weight = ac[1]; bias = ac[2]; }
        int d = weight.dim() - 2;
        long[] kernel = java.util.Arrays.copyOfRange(weight.shape(), 2, 2 + d);
        long[] dil = Windows.expand(dilation, d, "dilation");
        long[] one = new long[d];
        java.util.Arrays.fill(one, 1);
        long[] p = Convolution.stringPadding(padding, d, kernel, dil, one);
        if (p != null) return Convolution.conv(input, weight, bias, one, p, dil, groups);
        return Convolution.conv(Convolution.padSame(input, kernel, dil), weight, bias, one, new long[d], dil, groups);
    }

    /** 3-d convolution of [N, C, D, H, W] with weight [O, C/groups, kd, kh, kw]. */
    public static Tensor conv3d(Tensor input, Tensor weight, Tensor bias, long[] stride, long[] padding, long[] dilation,
                                long groups) {
        Tensor[] ac = org.torch4j.amp.Autocast.lowerPrecision(input, weight, bias);
        if (ac != null) { input = ac[0]; weight = ac[1]; bias = ac[2]; }
        Convolution.checkRanks("conv3d", 3, input, weight, stride);
        return Convolution.conv(input, weight, bias, stride, padding, dilation, groups);
    }

    /** Transposed 1-d convolution; weight [C, O/groups, k]. */
    public static Tensor convTranspose1d(Tensor input, Tensor weight, Tensor bias, long stride, long padding,
                                         long outputPadding, long groups, long dilation) {
        Convolution.checkRanks("conv_transpose1d", 1, input, weight, new long[] {stride});
        return Convolution.convTranspose(input, weight, bias, new long[] {stride}, new long[] {padding},
                new long[] {outputPadding}, new long[] {dilation}, groups);
    }

    /** Transposed 2-d convolution (the gradient of conv2d with respect to its input); weight [C, O/groups, kh, kw]. */
    public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, long[] stride, long[] padding,
                                         long[] outputPadding, long groups, long[] dilation) {
        Convolution.checkRanks("conv_transpose2d", 2, input, weight, stride);
        return Convolution.convTranspose(input, weight, bias, stride, padding, outputPadding, dilation, groups);
    }

    /** im2col: the sliding blocks of [N, C, H, W] as [N, C * kh * kw, L] ({@code F.unfold}). */
    public static Tensor unfold(Tensor input, long[] kernelSize, long[] dilation, long[] padding, long[] stride) {
        if (input.dim() != 4 && input.dim() != 3) throw new IllegalArgumentException("Input Error: Only 3D or 4D input Tensors are supported (got " + input.dim() + "D)");
        Windows w = Windows.of(2, kernelSize, stride, padding, dilation);
        w.checkBlocks(false);
        if (Trace.recording()) return Trace.op("aten::im2col", () -> unfold(input, kernelSize, dilation, padding, stride), input, w.kernel(), w.dilation(), w.padding(), w.stride());
        Tensor x = input.dim() == 3 ? input.unsqueeze(0) : input;
        long[] spatial = {x.size(2), x.size(3)}, blocks = w.windowCounts(spatial);
        if (blocks[0] < 1 || blocks[1] < 1) {
            throw new IllegalArgumentException("Given input with spatial size " + Py.tuple(spatial) + ", kernel_size=" + Py.tuple(w.kernel())
                    + ", dilation=" + Py.tuple(w.dilation()) + ", padding=" + Py.tuple(w.padding()) + ", calculated shape of the array of "
                    + "sliding blocks as " + Py.tuple(blocks) + ", but its components must be at least one.");
        }
        Tensor r = Im2Col.apply(x, w);
        return input.dim() == 3 ? r.squeeze(0) : r;
    }

    /** col2im: sums [N, C * kh * kw, L] blocks into [N, C, outH, outW] ({@code F.fold}). */
    public static Tensor fold(Tensor input, long[] outputSize, long[] kernelSize, long[] dilation, long[] padding, long[] stride) {
        Windows w = Windows.of(2, kernelSize, stride, padding, dilation);
        w.checkBlocks(true);
        if (Trace.recording()) return Trace.op("aten::col2im", () -> fold(input, outputSize, kernelSize, dilation, padding, stride), input, outputSize, w.kernel(), w.dilation(), w.padding(), w.stride());
        boolean unbatched = input.dim() == 2;
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        long k = w.kernelVolume();
        if (x.size(1) % k != 0) {
            throw new IllegalArgumentException("Expected size of input's dimension 1 to be divisible by the product of "
                    + "kernel_size, but got input.size(1)=" + x.size(1) + " and kernel_size=" + java.util.Arrays.toString(kernelSize));
        }
        long[] blocks = w.windowCounts(outputSize);
        if (x.size(2) != blocks[0] * blocks[1]) {
            throw new IllegalArgumentException("Given output_size=" + Py.tuple(outputSize) + ", kernel_size=" + Py.tuple(w.kernel())
                    + ", dilation=" + Py.tuple(w.dilation()) + ", padding=" + Py.tuple(w.padding()) + ", stride=" + Py.tuple(w.stride())
                    + ", expected size of input's dimension 2 to match the calculated number of sliding blocks " + blocks[0] + " * "
                    + blocks[1] + " = " + blocks[0] * blocks[1] + ", but got input.size(2)=" + x.size(2) + ".");
        }
        long[] shape = {x.size(0), x.size(1) / k, outputSize[0], outputSize[1]};
        Tensor r = Col2Im.apply(x, shape, w);
        return unbatched ? r.squeeze(0) : r;
    }

    // ---- pooling ---------------------------------------------------------------------------------

    /** Max pooling over the last two dims; stride defaults to the kernel size when null. */
    public static Tensor maxPool2d(Tensor input, long[] kernelSize, long[] stride, long[] padding, long[] dilation,
                                   boolean ceilMode) {
        return Internals.get().followChannelsLast(
                Pooling.maxPool(input, Windows.expand(kernelSize, 2, "kernel_size"), stride, padding, dilation, ceilMode, false)[0], input);
    }

    /**
     * {@link #maxPool2d(Tensor, long[], long[], long[], long[], boolean)} with a square kernel, stride equal to
     * the kernel, no padding, {@code dilation = 1} and {@code ceil_mode = false}.
     */
    public static Tensor maxPool2d(Tensor input, long kernelSize) {
        return maxPool2d(input, new long[] {kernelSize}, null, new long[] {0}, new long[] {1}, false);
    }

    /**
     * {@link #maxPool2d(Tensor, long[], long[], long[], long[], boolean)} with a square kernel, one stride and one
     * padding for both dims, {@code dilation = 1} and {@code ceil_mode = false}: {@code F.max_pool2d(x, 3, 2, 1)}.
     */
    public static Tensor maxPool2d(Tensor input, long kernelSize, long stride, long padding) {
        return maxPool2d(input, new long[] {kernelSize}, new long[] {stride, stride}, new long[] {padding}, new long[] {1}, false);
    }

    /** Max pooling returning also each maximum's flat index within its input plane ({@code return_indices=True}). */
    public static org.torch4j.ValuesIndices maxPool2dWithIndices(Tensor input, long[] kernelSize, long[] stride, long[] padding,
                                                                 long[] dilation, boolean ceilMode) {
        Tensor[] r = Pooling.maxPool(input, Windows.expand(kernelSize, 2, "kernel_size"), stride, padding, dilation, ceilMode);
        return channelsLastLike(r, input);
    }

    /** A 2-d pooling's values and indices, each laid out channels-last when the input is, as PyTorch's kernels. */
    private static org.torch4j.ValuesIndices channelsLastLike(Tensor[] valuesIndices, Tensor input) {
        Internals in = Internals.get();
        return new org.torch4j.ValuesIndices(in.followChannelsLast(valuesIndices[0], input), in.followChannelsLast(valuesIndices[1], input));
    }

    /**
     * Max pooling over the last dim of {@code (N, C, L)} or {@code (C, L)} ({@code torch.nn.functional.max_pool1d}).
     *
     * @param input the input
     * @param kernelSize the window length
     * @param stride the window step; 0 or less means the kernel size (PyTorch's {@code stride=None})
     * @param padding implicit negative-infinity padding on both sides, at most half the effective kernel
     * @param dilation the spacing between window elements
     * @param ceilMode round the output length up instead of down
     * @return {@code (N, C, L_out)} (or {@code (C, L_out)})
     * @throws IllegalArgumentException for a wrong rank, too large padding or an empty output, as PyTorch words it
     */
    public static Tensor maxPool1d(Tensor input, long kernelSize, long stride, long padding, long dilation, boolean ceilMode) {
        return Pooling.maxPool(input, new long[] {kernelSize}, new long[] {stride <= 0 ? kernelSize : stride},
                new long[] {padding}, new long[] {dilation}, ceilMode, false)[0];
    }

    /** Average pooling over the last two dims. */
    public static Tensor avgPool2d(Tensor input, long[] kernelSize, long[] stride, long[] padding, boolean ceilMode,
                                   boolean countIncludePad, Long divisorOverride) {
        return Internals.get().followChannelsLast(Pooling.avgPool(input, Windows.expand(kernelSize, 2, "kernel_size"), stride, padding,
                ceilMode, countIncludePad, divisorOverride), input);
    }

    /**
     * {@link #avgPool2d(Tensor, long[], long[], long[], boolean, boolean, Long)} with a square kernel, stride equal
     * to the kernel, no padding, {@code ceil_mode = false}, {@code count_include_pad = true} and no divisor override.
     */
    public static Tensor avgPool2d(Tensor input, long kernelSize) {
        return avgPool2d(input, new long[] {kernelSize}, null, new long[] {0}, false, true, null);
    }

    /**
     * {@link #avgPool2d(Tensor, long[], long[], long[], boolean, boolean, Long)} with a square kernel, one stride and
     * one padding for both dims, {@code ceil_mode = false}, {@code count_include_pad = true} and no divisor override:
     * {@code F.avg_pool2d(x, 3, 2, 1)}.
     */
    public static Tensor avgPool2d(Tensor input, long kernelSize, long stride, long padding) {
        return avgPool2d(input, new long[] {kernelSize}, new long[] {stride, stride}, new long[] {padding}, false, true, null);
    }

    /**
     * Average pooling over the last dim of {@code (N, C, L)} or {@code (C, L)} ({@code torch.nn.functional.avg_pool1d}).
     *
     * @param input the input
     * @param kernelSize the window length
     * @param stride the window step; 0 or less means the kernel size (PyTorch's {@code stride=None})
     * @param padding implicit zero padding on both sides, at most half the kernel
     * @param ceilMode round the output length up instead of down
     * @param countIncludePad whether the zero padding counts in the divisor (PyTorch's default true)
     * @return {@code (N, C, L_out)} (or {@code (C, L_out)})
     */
    public static Tensor avgPool1d(Tensor input, long kernelSize, long stride, long padding, boolean ceilMode,
                                   boolean countIncludePad) {
        // PyTorch's: a 2-d pooling over a height of 1 (its errors name the shape with that 1)
        if (input.dim() != 2 && input.dim() != 3) {
            throw new IllegalArgumentException("Expected 2 to 3 dimensions, but got " + input.dim() + "-dimensional tensor for "
                    + "argument #1 'self' (while checking arguments for avg_pool1d)");
        }
        return Pooling.avgPool(input.unsqueeze(-2), new long[] {1, kernelSize}, new long[] {1, stride <= 0 ? kernelSize : stride},
                new long[] {0, padding}, ceilMode, countIncludePad, null).squeeze(-2);
    }

    /** Adaptive average pooling to {@code outputSize} over the last two dims (-1 keeps a size). */
    public static Tensor adaptiveAvgPool2d(Tensor input, long... outputSize) {
        return Internals.get().followChannelsLast(Pooling.adaptiveAvgPool(input, Windows.expand(outputSize, 2, "output_size")), input);
    }

    /**
     * Average pooling of {@code (N, C, L)} or {@code (C, L)} to length {@code outputSize}, each output averaging
     * the window {@code [floor(i L / out), ceil((i + 1) L / out))} ({@code torch.nn.functional.adaptive_avg_pool1d}).
     */
    public static Tensor adaptiveAvgPool1d(Tensor input, long outputSize) {
        if (input.dim() != 2 && input.dim() != 3) {
            throw new IllegalArgumentException("Expected 2 to 3 dimensions, but got " + input.dim()
                    + "-dimensional tensor for argument #1 'self' (while checking arguments for adaptive_avg_pool1d)");
        }
        return Pooling.adaptiveAvgPool(input, new long[] {outputSize});
    }

    /**
     * Max pooling of {@code (N, C, H, W)} or {@code (C, H, W)} to {@code outputSize} (one size for both dims or two)
     * ({@code torch.nn.functional.adaptive_max_pool2d}); see {@link #adaptiveMaxPool2dWithIndices} for the indices.
     */
    public static Tensor adaptiveMaxPool2d(Tensor input, long... outputSize) {
        return Internals.get().followChannelsLast(Pooling.adaptiveMaxPool(input, Windows.expand(outputSize, 2, "output_size"))[0], input);
    }

    /** Adaptive max pooling returning also each maximum's flat index within its input plane ({@code return_indices=True}). */
    public static org.torch4j.ValuesIndices adaptiveMaxPool2dWithIndices(Tensor input, long... outputSize) {
        Tensor[] r = Pooling.adaptiveMaxPool(input, Windows.expand(outputSize, 2, "output_size"));
        return channelsLastLike(r, input);
    }

    /** 1-d max pooling returning also each maximum's index along L ({@code return_indices=True}, for {@link MaxUnpool1d}). */
    public static org.torch4j.ValuesIndices maxPool1dWithIndices(Tensor input, long kernelSize, long stride, long padding, long dilation,
                                                                 boolean ceilMode) {
        Tensor[] r = Pooling.maxPool(input, new long[] {kernelSize}, new long[] {stride <= 0 ? kernelSize : stride},
                new long[] {padding}, new long[] {dilation}, ceilMode);
        return new org.torch4j.ValuesIndices(r[0], r[1]);
    }

    /** 3-d max pooling returning also each maximum's flat index within its input volume ({@code return_indices=True}). */
    public static org.torch4j.ValuesIndices maxPool3dWithIndices(Tensor input, long[] kernelSize, long[] stride, long[] padding,
                                                                 long[] dilation, boolean ceilMode) {
        Tensor[] r = Pooling.maxPool(input, Windows.expand(kernelSize, 3, "kernel_size"), stride, padding, dilation, ceilMode);
        return new org.torch4j.ValuesIndices(r[0], r[1]);
    }

    /** Max pooling over the last three dims of [N, C, D, H, W] (or [C, D, H, W]); stride null means the kernel size. */
    public static Tensor maxPool3d(Tensor input, long[] kernelSize, long[] stride, long[] padding, long[] dilation,
                                   boolean ceilMode) {
        return Pooling.maxPool(input, Windows.expand(kernelSize, 3, "kernel_size"), stride, padding, dilation, ceilMode, false)[0];
    }

    /** Average pooling over the last three dims; stride null means the kernel size. */
    public static Tensor avgPool3d(Tensor input, long[] kernelSize, long[] stride, long[] padding, boolean ceilMode,
                                   boolean countIncludePad, Long divisorOverride) {
        return Pooling.avgPool(input, Windows.expand(kernelSize, 3, "kernel_size"), stride, padding, ceilMode, countIncludePad,
                divisorOverride);
    }

    /** Adaptive average pooling to {@code outputSize} over the last three dims (-1 keeps a size). */
    public static Tensor adaptiveAvgPool3d(Tensor input, long... outputSize) {
        return Pooling.adaptiveAvgPool(input, Windows.expand(outputSize, 3, "output_size"));
    }

    /** Adaptive max pooling of [N, C, L] (or [C, L]) to {@code outputSize}. */
    public static Tensor adaptiveMaxPool1d(Tensor input, long outputSize) {
        return adaptiveMaxPool1dWithIndices(input, outputSize).values();
    }

    /** Adaptive max pooling of [N, C, L] returning also each maximum's index along L ({@code return_indices=True}). */
    public static org.torch4j.ValuesIndices adaptiveMaxPool1dWithIndices(Tensor input, long outputSize) {
        if (input.dim() != 2 && input.dim() != 3) {
            throw new IllegalArgumentException("Expected 2 to 3 dimensions, but got " + input.dim()
                    + "-dimensional tensor for argument #1 'self' (while checking arguments for adaptive_max_pool1d)");
        }
        // a plane of height 1: its flat indices are the positions along L
        Tensor[] r = Pooling.adaptiveMaxPool(input.unsqueeze(-2), new long[] {1, outputSize});
        return new org.torch4j.ValuesIndices(r[0].squeeze(-2), r[1].squeeze(-2));
    }

    /** Power-average pooling of [N, C, L]: {@code (sum of x^p over each window)^(1/p)} ({@code lp_pool1d}). */
    public static Tensor lpPool1d(Tensor input, double normType, long kernelSize, Long stride, boolean ceilMode) {
        Tensor avg = avgPool1d(input.pow(normType), kernelSize, stride == null ? kernelSize : stride, 0, ceilMode, true);
        return lpRoot(avg, normType, kernelSize);
    }

    /** Power-average pooling of [N, C, H, W] ({@code lp_pool2d}); stride null means the kernel size. */
    public static Tensor lpPool2d(Tensor input, double normType, long[] kernelSize, long[] stride, boolean ceilMode) {
        long[] k = Windows.expand(kernelSize, 2, "kernel_size");
        Tensor avg = avgPool2d(input.pow(normType), k, stride, new long[] {0}, ceilMode, true, null);
        return lpRoot(avg, normType, k[0] * k[1]);
    }

    /** PyTorch's {@code (sign(avg) * relu(|avg|) * window) ^ (1 / p)} from the average of the powers. */
    private static Tensor lpRoot(Tensor avg, double normType, long window) {
        return avg.sign().mul(avg.abs().relu()).mul((double) window).pow(1.0 / normType);
    }

    /**
     * The inverse of max pooling over [N, C, L] (or [C, L]): each value written at its index of the
     * output (zeros elsewhere), of length {@code (L - 1) stride - 2 padding + kernel} unless
     * {@code outputSize} is given.
     */
    public static Tensor maxUnpool1d(Tensor input, Tensor indices, long kernelSize, long stride, long padding, Long outputSize) {
        long l = input.size(-1);
        long out = outputSize != null ? outputSize : (l - 1) * stride - 2 * padding + kernelSize;
        return Pooling.maxUnpool(input, indices, new long[] {out});
    }

    /** The inverse of 2-d max pooling (see {@link #maxUnpool1d}); stride null means the kernel size. */
    public static Tensor maxUnpool2d(Tensor input, Tensor indices, long[] kernelSize, long[] stride, long[] padding, long[] outputSize) {
        return Pooling.maxUnpool(input, indices, Pooling.unpoolOutputSize(input, 2, kernelSize, stride, padding, outputSize));
    }

    // ---- normalisation ---------------------------------------------------------------------------

    /**
     * Batch normalisation over dim 1 of [N, C, ...]: with {@code training}, batch statistics are used
     * and the running ones (if given) updated in place with {@code momentum}; else the running ones.
     */
    public static Tensor batchNorm(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, double momentum, double eps) {
        if (Trace.recording()) return Trace.op("aten::batch_norm", () -> batchNorm(input, runningMean, runningVar, weight, bias, training, momentum, eps), input, weight, bias, runningMean, runningVar, training, momentum, eps);
        if (input.dim() < 2) throw new IllegalArgumentException("batch_norm expects an input of at least 2 dimensions");
        long c = input.size(1);
        if (runningMean == null && !training) throw new IllegalArgumentException("running_mean must be defined in evaluation mode");
        if (runningVar == null && !training) throw new IllegalArgumentException("running_var must be defined in evaluation mode");
        checkFeatures("running_mean", c, runningMean);
        checkFeatures("running_var", c, runningVar);
        checkFeatures("weight", c, weight);
        checkFeatures("bias", c, bias);
        int[] dims = new int[input.dim() - 1];
        dims[0] = 0;
        for (int i = 2; i < input.dim(); i++) dims[i - 1] = i;
        long[] shape = new long[input.dim()];
        java.util.Arrays.fill(shape, 1);
        shape[1] = c;
        // a 16-bit input with parameters of its dtype or float32: computed in float32, the output rounded once
        boolean reduced = OpMath.reduced(input, weight, bias);
        Tensor w = reduced ? OpMath.widened(weight) : weight, b = reduced ? OpMath.widened(bias) : bias;
        Tensor mean, var;
        if (training) {
            long count = input.size(0);   // PyTorch's N x spatial size: defined with 0 channels too
            for (int i = 2; i < input.dim(); i++) count *= input.size(i);
            if (count <= 1) {
                throw new IllegalArgumentException("Expected more than 1 value per channel when training, got input size "
                        + size(input.shape()));
            }
            if (c == 0) return input.clone();   // no channel, nothing to normalise: empty, as PyTorch's
            Tensor y;
            if (reduced || (weight == null || weight.dtype() == input.dtype()) && (bias == null || bias.dtype() == input.dtype())) {
                BatchNormTraining f = new BatchNormTraining(shape, eps);
                y = f.apply(input, w, b)[0];
                mean = f.mean;
                var = f.var;
            } else {
                // mixed dtypes promote through the composite: (x - mean) scale + bias, with one pass for the last step
                mean = input.mean(dims, true);
                Tensor centered = input.sub(mean);
                var = centered.mul(centered).mean(dims, true);
                Tensor scale = channelScale(var.add(eps).rsqrt(), weight, shape);
                y = bias == null ? centered.mul(scale) : bias.reshape(shape).addcmul(centered, scale, 1);
            }
            if (runningMean != null) {
                try (var g = Torch.noGrad()) {
                    updateRunning(runningMean, mean.detach().reshape(c), momentum, 1);
                    updateRunning(runningVar, var.detach().reshape(c), momentum, count / (double) (count - 1));
                }
            }
            return y;
        }
        // as PyTorch's CPU kernel: x alpha + beta with alpha = weight / sqrt(var + eps), beta = bias - mean alpha, one pass
        Tensor rv = reduced ? OpMath.widened(runningVar) : runningVar, rm = reduced ? OpMath.widened(runningMean) : runningMean;
        Tensor scale = channelScale(rv.reshape(shape).add(eps).rsqrt(), w, shape);
        Tensor shift = rm.reshape(shape).mul(scale);
        shift = b == null ? shift.neg() : b.reshape(shape).sub(shift);
        return reduced ? shift.addcmul(OpMath.widened(input), scale, 1).to(input.dtype()) : shift.addcmul(input, scale, 1);
    }

    /**
     * A running statistic moved towards the batch's: {@code running (1 - momentum) + batch factor momentum}, in place
     * ({@code factor} makes the variance unbiased; folded into the add's alpha, two kernels in all). 16-bit statistics are
     * updated in float32 and rounded once, as PyTorch's kernels keep them.
     */
    private static void updateRunning(Tensor running, Tensor batch, double momentum, double factor) {
        DType t = running.dtype(), compute = OpMath.of(t);
        if (compute == t) {
            running.mul_(1 - momentum).add_(batch.to(t), momentum * factor);
        } else {
            running.copy_(running.to(compute).mul(1 - momentum).add(batch.to(compute), momentum * factor));
        }
    }

    /** The per-channel factor of batch norm: {@code invstd}, times the weight if there is one. */
    private static Tensor channelScale(Tensor invstd, Tensor weight, long[] shape) {
        return weight == null ? invstd : invstd.mul(weight.reshape(shape));
    }

    /** PyTorch's check that a per-channel tensor of batch norm has one element per channel (before any update). */
    private static void checkFeatures(String name, long channels, Tensor t) {
        if (t != null && t.numel() != channels) {
            throw new IllegalArgumentException(name + " should contain " + channels + " elements not " + t.numel());
        }
    }

    private static Tensor affine(Tensor y, Tensor weight, Tensor bias, long[] shape) {
        if (weight != null) y = y.mul(weight.reshape(shape));
        if (bias != null) y = y.add(bias.reshape(shape));
        return y;
    }

    /**
     * Instance normalisation: each channel of each sample of [N, C, *] normalised over its own spatial
     * dims ({@code torch.nn.functional.instance_norm}). With {@code useInputStats} the sample statistics
     * are used and the running ones (if given) updated in place with their average over the batch; else
     * the running ones.
     */
    public static Tensor instanceNorm(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                      boolean useInputStats, double momentum, double eps) {
        if (input.dim() < 3) throw new IllegalArgumentException("instance_norm expects an input of at least 3 dimensions");
        if (!useInputStats && (runningMean == null || runningVar == null)) {
            throw new IllegalArgumentException("Expected running_mean and running_var to be defined when use_input_stats is false");
        }
        long n = input.size(0), c = input.size(1);
        // PyTorch's wording: it repeats the per-channel tensors for every sample
        for (Tensor t : new Tensor[] {weight, bias, runningMean, runningVar}) {
            if (t != null && t.numel() != c) {
                String what = t == weight ? "weight" : t == bias ? "bias" : t == runningMean ? "running_mean" : "running_var";
                throw new IllegalArgumentException(what + " should contain " + n * c + " elements not " + n * t.numel());
            }
        }
        if (OpMath.reduced(input, weight, bias)) {
            // 16-bit: computed in float32 and rounded once, as PyTorch's kernels
            return instanceNorm(OpMath.widened(input), runningMean, runningVar, OpMath.widened(weight), OpMath.widened(bias),
                    useInputStats, momentum, eps).to(input.dtype());
        }
        if (useInputStats) {
            long spatial = 1;
            for (int i = 2; i < input.dim(); i++) spatial *= input.size(i);
            if (spatial <= 1) {
                throw new IllegalArgumentException("Expected more than 1 spatial element when training, got input size "
                        + size(input.shape()));
            }
        }
        // instance norm = batch norm of [1, N*C, *]; num_batches_tracked is not counted, as in PyTorch
        long[] flatShape = input.shape().clone();
        flatShape[0] = 1;
        flatShape[1] = n * c;
        Tensor rm = runningMean == null ? null : runningMean.repeat(n);
        Tensor rv = runningVar == null ? null : runningVar.repeat(n);
        Tensor y = batchNorm(input.reshape(flatShape), rm, rv, null, null, useInputStats, momentum, eps).reshape(input.shape());
        if (useInputStats && runningMean != null) {
            try (var g = Torch.noGrad()) {
                runningMean.copy_(rm.reshape(n, c).mean(0));
                runningVar.copy_(rv.reshape(n, c).mean(0));
            }
        }
        long[] shape = new long[input.dim()];
        java.util.Arrays.fill(shape, 1);
        shape[1] = c;
        return affine(y, weight, bias, shape);
    }

    /** Layer normalisation over the trailing dims {@code normalizedShape} (biased variance). */
    public static Tensor layerNorm(Tensor input, long[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        if (Trace.recording()) return Trace.op("aten::layer_norm", () -> layerNorm(input, normalizedShape, weight, bias, eps), input, normalizedShape, weight, bias, eps);
        Tensor[] ac = org.torch4j.amp.Autocast.float32("layer_norm", input, weight, bias);
        if (ac != null) return layerNorm(ac[0], normalizedShape, ac[1], ac[2], eps);
        int k = normalizedShape.length;
        checkNormalizedShape("weight", weight, normalizedShape);
        checkNormalizedShape("bias", bias, normalizedShape);
        long[] tail = input.dim() < k ? null : java.util.Arrays.copyOfRange(input.shape(), input.dim() - k, input.dim());
        if (!java.util.Arrays.equals(tail, normalizedShape)) {
            throw new IllegalArgumentException("Given normalized_shape=" + java.util.Arrays.toString(normalizedShape)
                    + ", expected input with shape [*, " + java.util.Arrays.toString(normalizedShape).replaceAll("[\\[\\]]", "")
                    + "], but got input of size" + java.util.Arrays.toString(input.shape()));
        }
        return ops().layerNorm(input, k, weight, bias, eps);
    }

    /** layer_norm's check that its weight or bias (null: none) has the normalized shape. */
    private static void checkNormalizedShape(String name, Tensor t, long[] normalizedShape) {
        if (t != null && !java.util.Arrays.equals(t.shape(), normalizedShape)) {
            throw new IllegalArgumentException("Expected " + name + " to be of same shape as normalized_shape, but got " + name
                    + " of shape " + java.util.Arrays.toString(t.shape()) + " and normalized_shape = " + java.util.Arrays.toString(normalizedShape));
        }
    }

    /** group_norm's check that its weight or bias (null: none) has one element per channel of {@code input}. */
    private static void checkChannelVector(String name, Tensor t, Tensor input) {
        if (t != null && (t.dim() != 1 || t.numel() != input.size(1))) {
            throw new IllegalArgumentException("Expected " + name + " to be a vector of size equal to the number of channels in input, "
                    + "but got " + name + " of shape " + java.util.Arrays.toString(t.shape()) + " and input of shape "
                    + java.util.Arrays.toString(input.shape()));
        }
    }

    /** Group normalisation of [N, C, ...] in {@code groups} groups of channels. */
    public static Tensor groupNorm(Tensor input, long groups, Tensor weight, Tensor bias, double eps) {
        if (Trace.recording()) return Trace.op("aten::group_norm", () -> groupNorm(input, groups, weight, bias, eps), input, groups, weight, bias, eps);
        Tensor[] ac = org.torch4j.amp.Autocast.float32("group_norm", input, weight, bias);
        if (ac != null) return groupNorm(ac[0], groups, ac[1], ac[2], eps);
        if (groups <= 0) throw new IllegalArgumentException("num_groups must be positive, got " + groups);   // PyTorch: a zero division
        if (input.size(1) % groups != 0) {
            throw new IllegalArgumentException("Expected number of channels in input to be divisible by num_groups, but got input of shape "
                    + java.util.Arrays.toString(input.shape()) + " and num_groups=" + groups);
        }
        checkChannelVector("weight", weight, input);
        checkChannelVector("bias", bias, input);
        // the backend's one-pass kernels where it has them; 16-bit computed in float32 and rounded once, as PyTorch's
        return ops().groupNorm(input, groups, weight, bias, eps);
    }


    // ---- embeddings and resizing -----------------------------------------------------------------

    /** Rows of {@code weight} at {@code indices} (int64 or int32), every row trained: {@code F.embedding(input, weight)}. */
    public static Tensor embedding(Tensor indices, Tensor weight) {
        return embedding(indices, weight, null);
    }

    /** Rows of {@code weight} at {@code indices} (int64); the {@code paddingIdx} row gets no gradient. */
    public static Tensor embedding(Tensor indices, Tensor weight, Long paddingIdx) {
        return embedding(indices, weight, paddingIdx, false);
    }

    private static Tensor embedding(Tensor indices, Tensor weight, Long paddingIdx, boolean sparse) {
        if (Trace.recording()) { Long p = paddingIdx; return Trace.op("aten::embedding", () -> embedding(indices, weight, p), weight, indices, p); }
        checkIndexDtype(indices, 1, "embedding");
        if (paddingIdx != null && paddingIdx < 0) paddingIdx += weight.size(0);   // as F.embedding normalises it
        long[] shape = java.util.Arrays.copyOf(indices.shape(), indices.dim() + 1);
        shape[indices.dim()] = weight.size(1);
        if (sparse && weight.requiresGrad()) return SparseRows.gather(weight, indices.reshape(-1), paddingIdx).reshape(shape);
        Tensor out = weight.indexSelect(0, indices.reshape(-1)).reshape(shape);
        if (paddingIdx != null && weight.requiresGrad()) {
            // same values, but no gradient flows from the padding positions into the table
            Tensor pad = indices.eq((double) paddingIdx).unsqueeze(-1);
            out = Torch.where(pad, out.detach(), out);
        }
        return out;
    }

    /** PyTorch's check that an index tensor is int64 or int32, naming it as argument {@code position} of {@code op}. */
    private static void checkIndexDtype(Tensor indices, int position, String op) {
        if (indices.dtype() != DType.INT64 && indices.dtype() != DType.INT32) {
            throw new IllegalArgumentException("Expected tensor for argument #" + position + " 'indices' to have one of the following scalar "
                    + "types: Long, Int; but got torch." + Internals.get().cppName(indices.dtype()) + "Tensor instead (while checking "
                    + "arguments for " + op + ")");
        }
    }

    /** PyTorch's checks of embedding_bag's arguments, in its order and words (non-decreasing offsets in torch4j's). */
    private static void checkEmbeddingBag(Tensor input, Tensor weight, Tensor offsets, String mode) {
        if (input.dim() != 1 && input.dim() != 2) {
            throw new IllegalArgumentException("input has to be 1D or 2D Tensor, but got Tensor of dimension " + input.dim());
        }
        if (input.dim() == 1 && offsets != null && offsets.dim() != 1) throw new IllegalArgumentException("offsets has to be a 1D Tensor");
        if (!java.util.List.of("sum", "mean", "max").contains(mode)) throw new IllegalArgumentException("mode has to be one of sum, mean or max");
        checkIndexDtype(input, 1, "embedding_bag");
        if (offsets != null) checkIndexDtype(offsets, 1, "embedding_bag");   // PyTorch names offsets 'indices' too
        if (weight.dim() != 2) throw new IllegalArgumentException("weight has to be a 2D Tensor, but got Tensor of dimension " + weight.dim());
        if (input.dim() != 1 || offsets == null || offsets.numel() == 0) return;
        long[] off = offsets.toLongArray();
        if (off[0] != 0) {
            throw new IllegalArgumentException("offsets[0] has to be 0, i.e., the first sequence in the mini-batch has to start from "
                    + "position 0. However, got " + off[0]);
        }
        long n = input.size(0);
        if (off[off.length - 1] > n) {
            throw new IllegalArgumentException("offsets[-1] can not be greater than input's length " + n + " but got offsets[-1] of "
                    + off[off.length - 1]);
        }
        for (int i = 1; i < off.length; i++) {
            if (off[i] < off[i - 1]) {
                throw new IllegalArgumentException("offsets have to be non-decreasing, but got offsets[" + i + "] = " + off[i]
                        + " after offsets[" + (i - 1) + "] = " + off[i - 1]);
            }
        }
    }

    /**
     * Bags of embeddings reduced by "sum", "mean" or "max": a 2-d input is one bag per row; a 1-d input
     * with {@code offsets} has bag i from offsets[i] to offsets[i+1]. Padding indices are left out.
     */
    public static Tensor embeddingBag(Tensor input, Tensor weight, Tensor offsets, String mode, Tensor perSampleWeights,
                                      Long paddingIdx) {
        return embeddingBag(input, weight, offsets, mode, perSampleWeights, paddingIdx, false);
    }

    private static Tensor embeddingBag(Tensor input, Tensor weight, Tensor offsets, String mode, Tensor perSampleWeights,
                                       Long paddingIdx, boolean sparse) {
        if (Trace.recording()) { Long p = paddingIdx; return Trace.op("aten::embedding_bag", () -> embeddingBag(input, weight, offsets, mode, perSampleWeights, p), weight, input, offsets, mode, perSampleWeights, p); }
        checkEmbeddingBag(input, weight, offsets, mode);
        if (paddingIdx != null && paddingIdx < 0) paddingIdx += weight.size(0);
        Tensor idx, bag;
        long bags;
        if (input.dim() == 2) {
            if (offsets != null) throw new IllegalArgumentException("if input is 2D, then offsets has to be None");
            bags = input.size(0);
            idx = input.reshape(-1);
            bag = Torch.arange(bags).unsqueeze(1).expand(input.shape()).reshape(-1);
        } else {
            if (offsets == null) throw new IllegalArgumentException("offsets has to be a 1D Tensor but got None");
            bags = offsets.size(0);
            idx = input;
            long n = input.size(0);
            long[] off = offsets.toLongArray();
            long[] b = new long[(int) n];
            for (int i = 0; i < off.length; i++) {
                long end = i + 1 < off.length ? off[i + 1] : n;
                for (long j = off[i]; j < end; j++) b[(int) j] = i;
            }
            bag = Torch.tensor(b, n);
        }
        Tensor rows = sparse && weight.requiresGrad() ? SparseRows.gather(weight, idx, paddingIdx) : weight.indexSelect(0, idx);
        Tensor keep = paddingIdx == null ? Torch.onesLike(idx).toBool() : idx.ne((double) paddingIdx);
        Tensor w = keep.to(weight.dtype()).unsqueeze(1);
        if (perSampleWeights != null) {
            if (!mode.equals("sum")) throw new IllegalArgumentException("embedding_bag: per_sample_weights was not None. per_sample_weights is only supported for mode='sum'");
            w = w.mul(perSampleWeights.reshape(-1, 1));
        }
        long dim = weight.size(1);
        Tensor zeros = Torch.zeros(new long[] {bags, dim}, weight.dtype(), weight.device());
        return switch (mode) {
            case "sum" -> zeros.indexAdd(0, bag, rows.mul(w));
            case "mean" -> {
                Tensor sums = zeros.indexAdd(0, bag, rows.mul(w));
                Tensor counts = Torch.zeros(new long[] {bags}, weight.dtype(), weight.device()).indexAdd(0, bag, w.squeeze(1));
                yield sums.div(counts.clampMin(1).unsqueeze(1));
            }
            case "max" -> {
                // each bag's kept rows gathered into [bags, longest, dim], empty slots from an extra row of -inf;
                // the max over each bag sends the gradient to its maximum, as PyTorch's max_indices do
                long n = idx.size(0);
                long[] bagOf = bag.toLongArray(), index = idx.toLongArray();
                int[] count = new int[(int) bags];
                int longest = 1;
                for (int j = 0; j < n; j++) {
                    if (paddingIdx == null || index[j] != paddingIdx) longest = Math.max(longest, ++count[(int) bagOf[j]]);
                }
                long[] slot = new long[(int) bags * longest];
                java.util.Arrays.fill(slot, n);
                java.util.Arrays.fill(count, 0);
                for (int j = 0; j < n; j++) {
                    if (paddingIdx == null || index[j] != paddingIdx) slot[(int) bagOf[j] * longest + count[(int) bagOf[j]]++] = j;
                }
                Tensor table = Torch.cat(java.util.List.of(rows,
                        Torch.full(new long[] {1, dim}, Double.NEGATIVE_INFINITY, weight.dtype(), weight.device())), 0);
                Tensor m = table.indexSelect(0, Torch.tensor(slot, slot.length).to(weight.device()))
                        .reshape(bags, longest, dim).max(1).values();
                yield Torch.where(m.isinf(), Torch.zerosLike(m), m);
            }
            default -> throw new IllegalArgumentException("mode has to be one of sum, mean or max");
        };
    }

    /**
     * Resizes the spatial dims of [N, C, spatial...] ({@code F.interpolate}); see
     * {@link #interpolate(Tensor, long[], double[], String, Boolean, Boolean)}, here without
     * recompute_scale_factor.
     */
    public static Tensor interpolate(Tensor input, long[] size, double[] scaleFactor, String mode, Boolean alignCorners) {
        return interpolate(input, size, scaleFactor, mode, alignCorners, null);
    }

    // ---- attention -------------------------------------------------------------------------------

    /**
     * softmax(q k^T / sqrt(d) + mask) v over the last two dims ({@code F.scaled_dot_product_attention}).
     * A bool {@code attnMask} marks with true the positions that take part; a float one is added.
     * {@code isCausal} masks out future positions. Dropout applies to the attention weights.
     * <p>Without dropout, where the backend has a fused attention kernel (the CPU and CUDA backends, for
     * operands of one floating dtype and one batch shape), the weights are never materialised for all rows at
     * once and the backward recomputes them: memory grows with L + S rather than L * S per head.
     */
    public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor attnMask, double dropoutP,
                                                   boolean isCausal) {
        if (isCausal && attnMask != null) throw new IllegalArgumentException("Explicit attn_mask should not be set when is_causal=True");
        if (dropoutP == 0 && !Trace.recording() && !org.torch4j.amp.Autocast.isEnabled(q.device().type())) {
            Tensor fused = ops().scaledDotProductAttention(q, k, v, attnMask, 1 / Math.sqrt(q.size(-1)), isCausal);
            if (fused != null) return fused;
        }
        long l = q.size(-2), s = k.size(-2);
        Tensor scores = q.matmul(k.transpose(-2, -1)).div(Math.sqrt(q.size(-1)));
        if (isCausal) {
            Tensor allowed = Torch.ones(new long[] {l, s}, org.torch4j.DType.BOOL, q.device()).tril();
            scores = scores.maskedFill(allowed.logicalNot(), Double.NEGATIVE_INFINITY);
        } else if (attnMask != null) {
            scores = attnMask.dtype() == org.torch4j.DType.BOOL
                    ? scores.maskedFill(attnMask.logicalNot(), Double.NEGATIVE_INFINITY) : scores.add(attnMask);
        }
        Tensor w = softmax(scores, -1);
        if (dropoutP > 0) w = dropout(w, dropoutP, true);
        return w.matmul(v);
    }

    /**
     * The result of {@link #multiHeadAttention}.
     *
     * @param output the attention output, {@code (L, N, E)} (as the query was laid out)
     * @param weights the attention weights, {@code (N, L, S)} averaged over heads or {@code (N, heads, L, S)};
     *        null unless asked for
     */
    public record Attention(Tensor output, Tensor weights) {}

    /**
     * Multi-head attention as PyTorch 1.13's {@code multi_head_attention_forward} on [L, N, E] inputs:
     * packed or separate input projections, {@code keyPaddingMask} [N, S] (true = ignore),
     * {@code attnMask} [L, S] or [N*heads, L, S] (bool: true = masked; float: added), dropout on the
     * weights, the output projection, and the weights averaged over heads when asked.
     */
    public static Attention multiHeadAttention(Tensor query, Tensor key, Tensor value, int numHeads, Tensor inProjWeight,
                                               Tensor inProjBias, Tensor qWeight, Tensor kWeight, Tensor vWeight,
                                               Tensor outWeight, Tensor outBias, Tensor keyPaddingMask, Tensor attnMask,
                                               boolean needWeights, boolean averageWeights, double dropoutP, boolean training) {
        return multiHeadAttention(query, key, value, numHeads, inProjWeight, inProjBias, null, null, false, qWeight, kWeight, vWeight,
                outWeight, outBias, keyPaddingMask, attnMask, needWeights, averageWeights, dropoutP, training);
    }


    // ---- nn options added later (NnOptionsTest): attention bias_k/v, embedding max_norm, channel/alpha dropouts, rrelu, ... ----

    /**
     * {@link #multiHeadAttention(Tensor, Tensor, Tensor, int, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor,
     * Tensor, Tensor, boolean, boolean, double, boolean)} with PyTorch's {@code bias_k}/{@code bias_v} and
     * {@code add_zero_attn}: {@code biasK} and {@code biasV} ([1, 1, E], both or neither) are appended to the
     * projected keys and values as one more source position, then {@code addZeroAttn} appends a position whose
     * key and value are zero in every head; both masks grow by a column that masks nothing.
     */
    public static Attention multiHeadAttention(Tensor query, Tensor key, Tensor value, int numHeads, Tensor inProjWeight,
                                               Tensor inProjBias, Tensor biasK, Tensor biasV, boolean addZeroAttn,
                                               Tensor qWeight, Tensor kWeight, Tensor vWeight,
                                               Tensor outWeight, Tensor outBias, Tensor keyPaddingMask, Tensor attnMask,
                                               boolean needWeights, boolean averageWeights, double dropoutP, boolean training) {
        if (query.dim() != 3 || key.dim() != 3 || value.dim() != 3) {
            throw new IllegalArgumentException("multi_head_attention_forward expects batched 3-D query, key and value [L or S, N, E], but "
                    + "received " + query.dim() + "-D, " + key.dim() + "-D and " + value.dim() + "-D tensors");
        }
        long l = query.size(0), n = query.size(1), e = query.size(2), s = key.size(0);
        if (inProjBias != null && (inProjBias.dim() != 1 || inProjBias.size(0) != 3 * e)) {
            throw new IllegalArgumentException("in_proj_bias should be of shape [" + 3 * e + "] (3 x embed_dim), but got " + size(inProjBias.shape()));
        }
        if (numHeads <= 0) throw new IllegalArgumentException("num_heads must be positive, got " + numHeads);   // PyTorch: a zero division
        if (e % numHeads != 0) throw new IllegalArgumentException("embed_dim " + e + " not divisible by num_heads " + numHeads);
        if ((biasK == null) != (biasV == null)) throw new IllegalArgumentException("bias_k and bias_v must both be given or both be null");
        if (keyPaddingMask != null && keyPaddingMask.dtype() != org.torch4j.DType.BOOL && !keyPaddingMask.isFloatingPoint()) {
            throw new IllegalArgumentException("only bool and floating types of key_padding_mask are supported");
        }
        attnMask = attentionMask(attnMask, l, s, n * numHeads);
        long hd = e / numHeads;
        Tensor q, k, v;
        Tensor bq = null, bk = null, bv = null;
        if (inProjBias != null) {
            java.util.List<Tensor> b = inProjBias.chunk(3, 0);
            bq = b.get(0);
            bk = b.get(1);
            bv = b.get(2);
        }
        if (inProjWeight != null) {
            java.util.List<Tensor> w = inProjWeight.chunk(3, 0);
            q = linear(query, w.get(0), bq);
            k = linear(key, w.get(1), bk);
            v = linear(value, w.get(2), bv);
        } else {
            q = linear(query, qWeight, bq);
            k = linear(key, kWeight, bk);
            v = linear(value, vWeight, bv);
        }
        if (biasK != null) {
            k = Torch.cat(java.util.List.of(k, biasK.expand(1, n, e)), 0);
            v = Torch.cat(java.util.List.of(v, biasV.expand(1, n, e)), 0);
            attnMask = extendMask(attnMask);
            keyPaddingMask = extendMask(keyPaddingMask);
            s++;
        }
        // [L, N, E] -> [N*H, L, hd]
        q = q.reshape(l, n * numHeads, hd).transpose(0, 1);
        k = k.reshape(s, n * numHeads, hd).transpose(0, 1);
        v = v.reshape(s, n * numHeads, hd).transpose(0, 1);
        if (addZeroAttn) {
            Tensor zero = Torch.zeros(new long[] {n * numHeads, 1, hd}, k.dtype(), k.device());
            k = Torch.cat(java.util.List.of(k, zero), 1);
            v = Torch.cat(java.util.List.of(v, zero), 1);
            attnMask = extendMask(attnMask);
            keyPaddingMask = extendMask(keyPaddingMask);
            s++;
        }
        if (keyPaddingMask != null && !java.util.Arrays.equals(keyPaddingMask.shape(), new long[] {n, s})) {
            throw new IllegalArgumentException("expecting key_padding_mask shape of (" + n + ", " + s + "), but got "
                    + Py.size(keyPaddingMask.shape()));
        }
        Tensor mask = additiveMask(attnMask, keyPaddingMask, n, numHeads, s, q.dtype());
        if (!needWeights && (dropoutP == 0 || !training) && !Trace.recording()) {
            // no weights to return: scaled_dot_product_attention, fused where the backend can (as PyTorch 2 does);
            // ONNX export traces the composition below, whose masks follow the batch size
            Tensor out = scaledDotProductAttention(q, k, v, mask, 0, false).transpose(0, 1).reshape(l * n, e);
            return new Attention(linear(out, outWeight, outBias).reshape(l, n, e), null);
        }
        Tensor scores = q.div(Math.sqrt(hd)).bmm(k.transpose(1, 2));            // [N*H, L, S]
        if (mask != null) scores = mask.add(scores);                            // PyTorch's baddbmm(mask, q, k^T)
        Tensor w = softmax(scores, -1);
        // PyTorch 1.13 returns the attention weights after dropout
        if (dropoutP > 0) w = dropout(w, dropoutP, training);
        Tensor out = w.bmm(v).transpose(0, 1).reshape(l * n, e);
        out = linear(out, outWeight, outBias).reshape(l, n, e);
        Tensor weights = null;
        if (needWeights) {
            weights = w.reshape(n, numHeads, l, s);
            if (averageWeights) weights = weights.sum(1).div(numHeads);
        }
        return new Attention(out, weights);
    }

    /**
     * PyTorch's checks of multi_head_attention's attn_mask: a byte mask (deprecated) becomes bool, other integral ones are
     * refused; [L, S] (returned as [1, L, S]) or [N*H, L, S]. Null stays null.
     */
    private static Tensor attentionMask(Tensor mask, long l, long s, long batchHeads) {
        if (mask == null) return null;
        if (mask.dtype() == org.torch4j.DType.UINT8) {
            mask = mask.to(org.torch4j.DType.BOOL);
        } else if (mask.dtype() != org.torch4j.DType.BOOL && !mask.isFloatingPoint()) {
            throw new IllegalArgumentException("Only float, byte, and bool types are supported for attn_mask, not " + mask.dtype());
        }
        long[] expected = mask.dim() == 2 ? new long[] {l, s} : new long[] {batchHeads, l, s};
        if (mask.dim() != 2 && mask.dim() != 3) {
            throw new IllegalArgumentException("attn_mask's dimension " + mask.dim() + " is not supported");
        }
        if (!java.util.Arrays.equals(mask.shape(), expected)) {
            throw new IllegalArgumentException("The shape of the " + mask.dim() + "D attn_mask is " + Py.size(mask.shape())
                    + ", but should be " + Py.tuple(expected) + ".");
        }
        return mask.dim() == 2 ? mask.unsqueeze(0) : mask;
    }

    /**
     * multi_head_attention's attention mask ([1 or N*H, L, S]) and key padding mask ([N, S]) as one mask to add to
     * the [N*H, L, S] scores (bool masks: true = -inf), of {@code dtype}; null when both are absent. A lone attention mask
     * keeps its shape (it broadcasts); with both, they make one [N*H, L, S]. A float padding mask is added, as PyTorch
     * documents it (1.13 itself ors its nonzeros into a bool attention mask, and drops it beside a float one, since its
     * masked_fill ignores a float mask; PyTorch 2 adds it).
     */
    private static Tensor additiveMask(Tensor attnMask, Tensor keyPaddingMask, long n, int heads, long s, org.torch4j.DType dtype) {
        Tensor mask = null;
        if (attnMask != null) mask = additive(attnMask, dtype);
        if (keyPaddingMask != null) {
            Tensor m = keyPaddingMask.reshape(n, 1, 1, s).expand(n, heads, 1, s).reshape(n * heads, 1, s);
            // a bool one fills, as PyTorch's masked_fill: a float attention mask gets no gradient at the padded keys
            if (mask == null) mask = additive(m, dtype);
            else mask = m.dtype() == org.torch4j.DType.BOOL ? mask.maskedFill(m, Double.NEGATIVE_INFINITY) : mask.add(m);
        }
        return mask;
    }

    /** A bool mask (true = masked out) as 0 / -inf of {@code dtype}; a float one as it is. */
    private static Tensor additive(Tensor mask, org.torch4j.DType dtype) {
        if (mask.dtype() != org.torch4j.DType.BOOL) return mask;
        // a select between two scalars, so that an exported graph's mask follows the batch size (zeros of the traced
        // shape would be a constant)
        return Torch.where(mask, Torch.full(new long[0], Double.NEGATIVE_INFINITY, dtype, mask.device()),
                Torch.zeros(new long[0], dtype, mask.device()));
    }

    /** A mask with one more source column that masks nothing (false, or 0 added), as PyTorch's pad(mask, (0, 1)). */
    private static Tensor extendMask(Tensor mask) {
        if (mask == null) return null;
        long[] shape = mask.shape();
        shape[shape.length - 1] = 1;
        return Torch.cat(java.util.List.of(mask, Torch.zeros(shape, mask.dtype(), mask.device())), -1);
    }

    /**
     * {@code F.embedding} with all of PyTorch's options. With {@code maxNorm}, the rows looked up whose
     * {@code normType}-norm exceeds it are first rescaled in place to that norm ({@link #embeddingRenorm_});
     * with {@code scaleGradByFreq}, each row's gradient is divided by how often it occurs in {@code indices}.
     *
     * @param maxNorm null for no renormalisation
     */
    public static Tensor embedding(Tensor indices, Tensor weight, Long paddingIdx, Double maxNorm, double normType,
                                   boolean scaleGradByFreq) {
        return embedding(indices, weight, paddingIdx, maxNorm, normType, scaleGradByFreq, false);
    }

    /**
     * {@code F.embedding} with {@code sparse}: with it, {@code backward()} gives the table a sparse gradient of
     * one entry per looked-up index ({@link Tensor#sparseGrad()}; the padding index left out) instead of a
     * dense one, for the optimizers that take sparse gradients ({@code SGD}, {@code Adagrad},
     * {@code SparseAdam}). PyTorch refuses {@code scaleGradByFreq} with sparse gradients; torch4j refuses it
     * when the table requires a gradient.
     */
    public static Tensor embedding(Tensor indices, Tensor weight, Long paddingIdx, Double maxNorm, double normType,
                                   boolean scaleGradByFreq, boolean sparse) {
        if (sparse && scaleGradByFreq && weight.requiresGrad())
            throw new IllegalArgumentException("embedding_backward: scale_grad_by_freq not supported with sparse gradients");
        if (maxNorm != null) embeddingRenorm_(weight, indices, maxNorm, normType);
        if (scaleGradByFreq) weight = scaleByFrequency(weight, indices);
        return embedding(indices, weight, paddingIdx, sparse);
    }

    /**
     * {@code torch.embedding_renorm_}: every row of {@code weight} named in {@code indices} whose
     * {@code normType}-norm exceeds {@code maxNorm} is multiplied in place by maxNorm / (norm + 1e-7), without
     * recording (PyTorch runs it under no_grad, so a parameter can be renormalised between steps).
     *
     * @return weight
     */
    public static Tensor embeddingRenorm_(Tensor weight, Tensor indices, double maxNorm, double normType) {
        if (weight.dim() != 2) {
            throw new IllegalArgumentException("Expected 2-dimensional tensor, but got " + weight.dim()
                    + "-dimensional tensor for argument #1 'self' (while checking arguments for embedding_renorm_)");
        }
        checkIndexDtype(indices, 2, "embedding_renorm_");
        long rows = weight.size(0);
        long[] distinct = java.util.Arrays.stream(indices.toLongArray()).sorted().distinct().toArray();
        for (long r : distinct) {
            if (r >= rows || r < -rows) {
                throw new IndexOutOfBoundsException("select(): index " + r + " out of range for tensor of size "
                        + java.util.Arrays.toString(weight.shape()) + " at dimension 0");
            }
        }
        try (var g = Torch.noGrad()) {
            long[] at = java.util.Arrays.stream(distinct).map(r -> r < 0 ? r + rows : r).toArray();
            double[] norms = weight.indexSelect(0, Torch.tensor(at, at.length).to(weight.device()))
                    .norm(normType, new int[] {1}, false).toDoubleArray();
            for (int k = 0; k < at.length; k++) {
                // the scale in double, as PyTorch's loop computes it
                if (norms[k] > maxNorm) weight.select(0, at[k]).mul_(maxNorm / (norms[k] + 1e-7));
            }
        }
        return weight;
    }

    /** The weight as it is, its row r's gradient divided by the number of times r occurs in indices. */
    private static Tensor scaleByFrequency(Tensor weight, Tensor indices) {
        if (!weight.requiresGrad()) return weight;
        double[] factor = new double[(int) weight.size(0)];
        java.util.Arrays.fill(factor, 1.0);
        int[] count = new int[factor.length];
        for (long r : indices.toLongArray()) {
            if (r >= 0 && r < factor.length) factor[(int) r] = 1.0 / ++count[(int) r];
        }
        return ScaleGrad.apply(weight, Torch.tensor(factor, factor.length, 1));
    }

    /**
     * {@code F.embedding_bag} with all of PyTorch's options (besides {@code sparse}): rows renormalised by
     * {@code maxNorm} as {@link #embedding(Tensor, Tensor, Long, Double, double, boolean)} does, gradients
     * scaled by frequency (not in "max" mode, as PyTorch), per-sample weights ("sum" only), and with
     * {@code includeLastOffset} the offsets hold one more entry, the end of the last bag.
     */
    public static Tensor embeddingBag(Tensor input, Tensor weight, Tensor offsets, Double maxNorm, double normType,
                                      boolean scaleGradByFreq, String mode, Tensor perSampleWeights, boolean includeLastOffset,
                                      Long paddingIdx) {
        return embeddingBag(input, weight, offsets, maxNorm, normType, scaleGradByFreq, mode, false, perSampleWeights,
                includeLastOffset, paddingIdx);
    }

    /**
     * {@code F.embedding_bag} with every option in PyTorch's order, {@code sparse} included: with it, the table
     * gets a sparse gradient of one entry per index in the input ({@link Tensor#sparseGrad()}), as
     * {@link #embedding(Tensor, Tensor, Long, Double, double, boolean, boolean)}; "max" mode refuses it, as in
     * PyTorch.
     */
    public static Tensor embeddingBag(Tensor input, Tensor weight, Tensor offsets, Double maxNorm, double normType,
                                      boolean scaleGradByFreq, String mode, boolean sparse, Tensor perSampleWeights,
                                      boolean includeLastOffset, Long paddingIdx) {
        if (sparse && mode.equals("max")) throw new IllegalArgumentException("max mode does not support sparse weights");
        if (sparse && scaleGradByFreq && weight.requiresGrad())
            throw new IllegalArgumentException("embedding_backward: scale_grad_by_freq not supported with sparse gradients");
        if (perSampleWeights != null && !java.util.Arrays.equals(perSampleWeights.shape(), input.shape())) {
            throw new IllegalArgumentException("embedding_bag: If per_sample_weights (" + size(perSampleWeights.shape())
                    + ") is not None, then it must have the same shape as the input (" + size(input.shape()) + ")");
        }
        if (perSampleWeights != null && !mode.equals("sum")) {
            throw new IllegalArgumentException("embedding_bag: per_sample_weights was not None. per_sample_weights is only supported "
                    + "for mode='sum' (got mode='" + mode + "'). Please open a feature request on GitHub.");
        }
        if (scaleGradByFreq && mode.equals("max")) {
            throw new IllegalArgumentException("max mode does not support scaling the gradient by the frequency");
        }
        if (maxNorm != null) embeddingRenorm_(weight, input, maxNorm, normType);
        if (scaleGradByFreq) weight = scaleByFrequency(weight, input);
        if (includeLastOffset && offsets != null && input.dim() == 1) {
            if (offsets.dim() != 1 || offsets.size(0) < 1) {
                throw new IllegalArgumentException("include_last_offset: number of offset should be at least 1");
            }
            long end = offsets.select(0, -1).toLongArray()[0];
            input = input.narrow(0, 0, end);
            if (perSampleWeights != null) perSampleWeights = perSampleWeights.narrow(0, 0, end);
            offsets = offsets.narrow(0, 0, offsets.size(0) - 1);
        }
        return embeddingBag(input, weight, offsets, mode, perSampleWeights, paddingIdx, sparse);
    }

    /**
     * {@code F.dropout1d}: zeroes whole channels of [N, C, L] (or unbatched [C, L]) inputs with probability
     * {@code p} in training, scaling the rest by 1/(1-p).
     *
     * @throws IllegalArgumentException for p outside [0, 1] or an input that is not 2-d or 3-d
     */
    public static Tensor dropout1d(Tensor x, double p, boolean training) {
        checkProbability(p);
        if (x.dim() != 2 && x.dim() != 3) {
            throw new IllegalArgumentException("dropout1d: Expected 2D or 3D input, but received a " + x.dim() + "D input. Note that "
                    + "dropout1d exists to provide channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an "
                    + "optional batch dimension (i.e. 2D or 3D inputs).");
        }
        return x.dim() == 3 ? dropoutImpl(x, p, training, true, false) : dropoutImpl(x.unsqueeze(0), p, training, true, false).squeeze(0);
    }

    /**
     * {@code F.dropout3d}: zeroes whole channels of [N, C, D, H, W] (or unbatched [C, D, H, W]) inputs with
     * probability {@code p} in training. As PyTorch 1.13, other ranks are taken as unbatched (it warns).
     */
    public static Tensor dropout3d(Tensor x, double p, boolean training) {
        checkProbability(p);
        return x.dim() == 5 ? dropoutImpl(x, p, training, true, false) : dropoutImpl(x.unsqueeze(0), p, training, true, false).squeeze(0);
    }

    /**
     * {@code F.alpha_dropout}: dropout that keeps a SELU network's zero mean and unit variance: dropped
     * elements become SELU's negative saturation value, then everything is scaled and shifted back.
     */
    public static Tensor alphaDropout(Tensor x, double p, boolean training) {
        checkProbability(p);
        return dropoutImpl(x, p, training, false, true);
    }

    /** {@code F.feature_alpha_dropout}: {@link #alphaDropout} of whole channels (dim 1) of [N, C, ...] inputs. */
    public static Tensor featureAlphaDropout(Tensor x, double p, boolean training) {
        checkProbability(p);
        return dropoutImpl(x, p, training, true, true);
    }

    /**
     * PyTorch's {@code _dropout_impl}: one Bernoulli(1-p) draw per element (per channel when
     * {@code feature}), from the default generator in PyTorch's order; then x * mask / (1-p), or for alpha
     * dropout x * a * mask + alpha' a (mask - 1 + p) with SELU's alpha' = -scale * alpha.
     */
    private static Tensor dropoutImpl(Tensor x, double p, boolean training, boolean feature, boolean alpha) {
        if (p == 0 || !training || x.numel() == 0) return x;
        if (p == 1) return x.mul(Torch.zeros(new long[0], x.dtype(), x.device()));
        Tensor noise;
        if (feature) {
            if (x.dim() < 2) throw new IllegalArgumentException("Feature dropout requires at least 2 dimensions in the input");
            long[] shape = new long[x.dim()];
            java.util.Arrays.fill(shape, 1);
            shape[0] = x.size(0);
            shape[1] = x.size(1);
            noise = Torch.empty(shape, x.dtype(), x.device());
        } else {
            noise = Torch.emptyLike(x, MemoryFormat.CONTIGUOUS);  // PyTorch's legacy contiguous noise: values in logical order
        }
        noise.bernoulli_(1 - p);
        if (!alpha) return x.mul(noise.div_(1 - p));
        final double selu = 1.7580993408473766;   // SELU's scale * alpha: the negative saturation, negated
        double a = 1 / Math.sqrt((selu * selu * p + 1) * (1 - p));
        Tensor b = noise.add(-1.0).mul_(selu * a).add_(selu * a * p);
        return x.mul(noise.mul_(a)).add(b);
    }

    /**
     * {@code F.rrelu}: in training, each element at or below zero is multiplied by its own slope drawn
     * uniformly from [lower, upper) (PyTorch's generator, one 64-bit draw per such element in order);
     * otherwise the fixed slope (lower + upper) / 2, as {@link #leakyRelu}.
     */
    public static Tensor rrelu(Tensor x, double lower, double upper, boolean training) {
        if (!training) return leakyRelu(x, (lower + upper) / 2);
        boolean f32 = x.dtype() != DType.FLOAT64;
        // PyTorch holds the bounds in the input's compute type before widening them to double
        double lo = f32 ? (float) lower : lower, hi = f32 ? (float) upper : upper;
        double[] v = x.detach().contiguous().toDoubleArray();
        double[] slope = new double[v.length];
        org.torch4j.internal.random.CpuGenerator g = Internals.get().engine(null);
        g.lock().lock();
        try {
            for (int k = 0; k < v.length; k++) {
                if (v[k] <= 0) {
                    double r = (g.random64() & ((1L << 53) - 1)) * 0x1.0p-53 * (hi - lo) + lo;
                    slope[k] = f32 ? (float) r : r;
                } else {
                    slope[k] = 1;
                }
            }
        } finally {
            g.lock().unlock();
        }
        return x.mul(Torch.tensor(slope, x.shape()).to(x));
    }

    /**
     * {@code F.gumbel_softmax}: softmax((logits + g) / tau) along {@code dim} with g ~ Gumbel(0, 1) drawn as
     * -log(Exponential(1)) from the default generator (PyTorch's order); with {@code hard}, the one-hot
     * argmax whose gradient is the soft sample's (straight-through).
     */
    public static Tensor gumbelSoftmax(Tensor logits, double tau, boolean hard, int dim) {
        Tensor gumbels = Torch.emptyLike(logits, MemoryFormat.CONTIGUOUS).exponential_(1.0).log().neg();
        Tensor ySoft = softmax(logits.add(gumbels).div(tau), dim);
        if (!hard) return ySoft;
        Tensor index = ySoft.max(dim, true).indices();
        Tensor yHard = Torch.zerosLike(logits).scatter(dim, index, 1.0);
        return yHard.sub(ySoft.detach()).add(ySoft);
    }

    /**
     * {@code F.pdist}: the p-norm distances between the rows of a 2-d input, for every pair i &lt; j in
     * row-major order ([N * (N - 1) / 2]).
     *
     * @throws IllegalArgumentException for an input that is not 2-d or not floating point, or a negative p
     */
    public static Tensor pdist(Tensor input, double p) {
        if (input.dim() != 2) throw new IllegalArgumentException("pdist only supports 2D tensors, got: " + input.dim() + "D");
        if (!input.isFloatingPoint()) throw new IllegalArgumentException("pdist only supports floating-point dtypes");
        if (p < 0) throw new IllegalArgumentException("pdist only supports non-negative p values");
        int n = (int) input.size(0);
        long[] first = new long[Math.max(0, n * (n - 1) / 2)], second = new long[first.length];
        for (int i = 0, k = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++, k++) {
                first[k] = i;
                second[k] = j;
            }
        }
        Tensor a = input.indexSelect(0, Torch.tensor(first, first.length).to(input.device()));
        Tensor b = input.indexSelect(0, Torch.tensor(second, second.length).to(input.device()));
        return a.sub(b).norm(p, new int[] {1}, false);
    }

    /**
     * {@code F.triplet_margin_with_distance_loss}: max(margin + d(a, p) - d(a, n), 0) with any distance
     * (null: {@link #pairwiseDistance(Tensor, Tensor)}); with {@code swap}, d(a, n) is the smaller of it
     * and d(p, n). As PyTorch 1.13, the inputs only have to suit the distance (nothing else is checked).
     */
    public static Tensor tripletMarginWithDistanceLoss(Tensor anchor, Tensor positive, Tensor negative,
                                                       java.util.function.BinaryOperator<Tensor> distance, double margin, boolean swap,
                                                       Reduction reduction) {
        java.util.function.BinaryOperator<Tensor> d = distance != null ? distance : F::pairwiseDistance;
        Tensor pos = d.apply(anchor, positive), neg = d.apply(anchor, negative);
        if (swap) neg = neg.minimum(d.apply(positive, negative));
        return reduce(pos.sub(neg).add(margin).clampMin(0), reduction);
    }


    // ---- dropout ---------------------------------------------------------------------------------

    /** Zeroes elements with probability {@code p} and scales the rest by 1/(1-p) in training. */
    public static Tensor dropout(Tensor x, double p, boolean training) {
        checkProbability(p);
        if (!training || p == 0) return x;
        if (p == 1) return x.mul(0.0);
        // PyTorch's order: the mask is drawn, scaled, then multiplied in
        Tensor noise = Torch.emptyLike(x, MemoryFormat.CONTIGUOUS).bernoulli_(1 - p);  // drawn in logical order, as PyTorch
        return x.mul(noise.div_(1 - p));
    }

    /**
     * Zeroes whole channels (dim 1) of [N, C, ...] inputs with probability {@code p}. As PyTorch 1.13, a
     * 3-d input is taken as [N, C, L] (channel-wise 1-d dropout), not as an unbatched [C, H, W].
     */
    public static Tensor dropout2d(Tensor x, double p, boolean training) {
        checkProbability(p);
        if (!training || p == 0) return x;
        long[] shape = x.shape();
        long[] maskShape = new long[shape.length];
        for (int i = 0; i < shape.length; i++) maskShape[i] = i < 2 ? shape[i] : 1;
        Tensor noise = Torch.empty(maskShape, x.dtype(), x.device()).bernoulli_(1 - p);
        return x.mul(noise.div_(1 - p));
    }

    private static void checkProbability(double p) {
        if (p < 0 || p > 1) throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
    }

    // ---- losses ----------------------------------------------------------------------------------

    static Tensor reduce(Tensor loss, Reduction reduction) {
        return switch (reduction) {
            case NONE -> loss;
            case MEAN -> loss.mean();
            case SUM -> loss.sum();
        };
    }

    private static void sameShape(String name, Tensor input, Tensor target) {
        if (!java.util.Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException(name + ": target size (" + size(target.shape()) + ") must be the same as input size ("
                    + size(input.shape()) + ")");
        }
    }

    private static String size(long[] shape) {
        StringBuilder sb = new StringBuilder("torch.Size([");
        for (int i = 0; i < shape.length; i++) sb.append(i > 0 ? ", " : "").append(shape[i]);
        return sb.append("])").toString();
    }

    /** {@link #mseLoss(Tensor, Tensor, Reduction)} with {@code reduction = MEAN}. */
    public static Tensor mseLoss(Tensor input, Tensor target) {
        return mseLoss(input, target, Reduction.MEAN);
    }

    /**
     * The squared error {@code (input - target)^2}, reduced ({@code torch.nn.functional.mse_loss}); input and target
     * broadcast together.
     *
     * @param input the prediction
     * @param target the target
     * @param reduction how to reduce the elementwise losses
     * @return a scalar, or the elementwise losses for {@link Reduction#NONE}
     * @throws IllegalArgumentException for complex input, as PyTorch words it
     */
    public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        refuseComplex("mse_cpu", input, target);
        Tensor[] ac = org.torch4j.amp.Autocast.float32("mse_loss", input, target);
        if (ac != null) { input = ac[0]; target = ac[1]; }
        Tensor d = input.sub(target);
        return reduce(d.mul(d), reduction);
    }

    /** {@link #l1Loss(Tensor, Tensor, Reduction)} with {@code reduction = MEAN}. */
    public static Tensor l1Loss(Tensor input, Tensor target) {
        return l1Loss(input, target, Reduction.MEAN);
    }

    /**
     * The absolute error {@code |input - target|}, reduced ({@code torch.nn.functional.l1_loss}); input and target
     * broadcast together.
     *
     * @param input the prediction
     * @param target the target
     * @param reduction how to reduce the elementwise losses
     * @return a scalar, or the elementwise losses for {@link Reduction#NONE}
     */
    public static Tensor l1Loss(Tensor input, Tensor target, Reduction reduction) {
        Tensor[] ac = org.torch4j.amp.Autocast.float32("l1_loss", input, target);
        if (ac != null) { input = ac[0]; target = ac[1]; }
        return reduce(input.sub(target).abs(), reduction);
    }

    /** Quadratic below {@code beta}, linear above: 0.5 d^2 / beta or |d| - 0.5 beta. */
    public static Tensor smoothL1Loss(Tensor input, Tensor target, Reduction reduction, double beta) {
        refuseComplex("smooth_l1_cpu", input, target);
        Tensor[] ac = org.torch4j.amp.Autocast.float32("smooth_l1_loss", input, target);
        if (ac != null) { input = ac[0]; target = ac[1]; }
        if (beta == 0) return reduce(input.sub(target).abs(), reduction);
        return reduce(PiecewiseQuadratic.loss(input, target, beta, false), reduction);
    }

    /** {@link #smoothL1Loss(Tensor, Tensor, Reduction, double)} with {@code reduction = MEAN} and {@code beta = 1.0}. */
    public static Tensor smoothL1Loss(Tensor input, Tensor target) {
        return smoothL1Loss(input, target, Reduction.MEAN, 1.0);
    }

    /**
     * PyTorch's error for losses without a complex kernel: their composites here would run (on |d| or
     * d^2) and give a value PyTorch does not define.
     */
    private static void refuseComplex(String kernel, Tensor input, Tensor target) {
        for (Tensor t : new Tensor[] {input, target}) {
            if (t.isComplex()) {
                throw new IllegalArgumentException("\"" + kernel + "\" not implemented for '"
                        + org.torch4j.internal.Internals.get().cppName(t.dtype()) + "'");
            }
        }
    }

    /** Quadratic below {@code delta}, linear above: 0.5 d^2 or delta (|d| - 0.5 delta). */
    public static Tensor huberLoss(Tensor input, Tensor target, Reduction reduction, double delta) {
        refuseComplex("huber_cpu", input, target);
        Tensor[] ac = org.torch4j.amp.Autocast.float32("huber_loss", input, target);
        if (ac != null) { input = ac[0]; target = ac[1]; }
        return reduce(PiecewiseQuadratic.loss(input, target, delta, true), reduction);
    }

    /** {@link #huberLoss(Tensor, Tensor, Reduction, double)} with {@code reduction = MEAN} and {@code delta = 1.0}. */
    public static Tensor huberLoss(Tensor input, Tensor target) {
        return huberLoss(input, target, Reduction.MEAN, 1.0);
    }

    /** Cross entropy of logits against class indices (int64) or class probabilities (float). */
    public static Tensor crossEntropy(Tensor input, Tensor target) {
        return crossEntropy(input, target, null, -100, Reduction.MEAN, 0.0);
    }

    /**
     * torch.nn.functional.cross_entropy: input [N, C, d1...] or [C] logits; target class indices
     * [N, d1...] (entries equal to {@code ignoreIndex} are skipped) or probabilities shaped like input;
     * optional per-class {@code weight}; {@code labelSmoothing} in [0, 1].
     */
    public static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, long ignoreIndex, Reduction reduction,
                                      double labelSmoothing) {
        if (Trace.recording()) return Trace.op("aten::cross_entropy_loss", () -> crossEntropy(input, target, weight, ignoreIndex, reduction, labelSmoothing), input, target, weight, reduction, ignoreIndex, labelSmoothing);
        if (labelSmoothing < 0 || labelSmoothing > 1) {
            throw new IllegalArgumentException("label_smoothing must be between 0.0 and 1.0. Got: " + labelSmoothing);
        }
        Tensor[] ac = org.torch4j.amp.Autocast.float32("cross_entropy", input, target, weight);
        if (ac != null) return crossEntropy(ac[0], ac[1], ac[2], ignoreIndex, reduction, labelSmoothing);
        int classDim = input.dim() == 1 ? 0 : 1;
        long classes = input.size(classDim);
        Tensor logp = logSoftmax(input, classDim);
        if (target.isFloatingPoint()) {
            sameShape("cross_entropy", input, target);
            Tensor t = labelSmoothing > 0 ? target.mul(1 - labelSmoothing).add(labelSmoothing / classes) : target;
            Tensor prod = logp.mul(t);
            if (weight != null) prod = prod.mul(weight.view(classShape(input.dim(), classDim, classes)));
            return switch (reduction) {
                case MEAN -> prod.sum().neg().div((double) input.numel() / classes);
                case SUM -> prod.sum().neg();
                case NONE -> prod.sum(classDim).neg();
            };
        }
        Tensor nll = nllLoss(logp, target, weight, ignoreIndex, reduction);
        if (labelSmoothing == 0) return nll;
        Tensor ignored = target.eq((double) ignoreIndex);
        Tensor weighted = weight == null ? logp : logp.mul(weight.view(classShape(input.dim(), classDim, classes)));
        Tensor smooth = weighted.sum(classDim).neg().maskedFill(ignored, 0.0);
        Tensor ret = switch (reduction) {
            case MEAN -> weight == null ? smooth.sum().div(ignored.logicalNot().sum().to(smooth.dtype()))
                    : smooth.sum().div(weight.gather(0, target.maskedSelect(ignored.logicalNot()).reshape(-1)).sum());
            case SUM -> smooth.sum();
            case NONE -> smooth;
        };
        return nll.mul(1 - labelSmoothing).add(ret.mul(labelSmoothing / classes));
    }

    private static long[] classShape(int rank, int classDim, long classes) {
        long[] s = new long[rank];
        java.util.Arrays.fill(s, 1);
        s[classDim] = classes;
        return s;
    }

    /**
     * {@link #nllLoss(Tensor, Tensor, Tensor, long, Reduction)} with no class weights, {@code ignore_index = -100}
     * and {@code reduction = MEAN}.
     */
    public static Tensor nllLoss(Tensor input, Tensor target) {
        return nllLoss(input, target, null, -100, Reduction.MEAN);
    }

    /**
     * Negative log likelihood of log-probabilities [N, C, d1...] (or [C]) at class indices [N, d1...];
     * the mean divides by the total weight of the non-ignored targets.
     */
    public static Tensor nllLoss(Tensor input, Tensor target, Tensor weight, long ignoreIndex, Reduction reduction) {
        if (Trace.recording()) return Trace.op("aten::nll_loss", () -> nllLoss(input, target, weight, ignoreIndex, reduction), input, target, weight, reduction, ignoreIndex);
        if (target.isFloatingPoint() || target.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("expected scalar type Long but found " + target.dtype());
        }
        Tensor[] ac = org.torch4j.amp.Autocast.float32("nll_loss", input, target, weight);
        if (ac != null) return nllLoss(ac[0], ac[1], ac[2], ignoreIndex, reduction);
        int classDim = input.dim() == 1 ? 0 : 1;
        long classes = input.size(classDim);
        long expectedBatch = input.dim() == 1 ? -1 : input.size(0);
        if (input.dim() > 1 && target.size(0) != expectedBatch) {
            throw new IllegalArgumentException("Expected input batch_size (" + expectedBatch + ") to match target batch_size ("
                    + target.size(0) + ").");
        }
        Tensor ignored = target.eq((double) ignoreIndex);
        Tensor safe = Torch.where(ignored, Torch.zerosLike(target), target);
        // on the CPU checked here, with PyTorch's message; an accelerator's gather checks the targets on the device and
        // raises at its next wait, as PyTorch's CUDA kernel does, so that the loss queues without waiting for the device
        if (safe.numel() > 0 && safe.device().isCpu()) {
            long min = safe.min().itemLong(), max = safe.max().itemLong();
            if (min < 0 || max >= classes) {
                throw new IndexOutOfBoundsException("Target " + (min < 0 ? min : max) + " is out of bounds.");
            }
        }
        Tensor picked = (input.dim() == 1 ? input.gather(0, safe.reshape(1)) : input.gather(classDim, safe.unsqueeze(classDim)).squeeze(classDim));
        Tensor w = weight == null ? Torch.onesLike(picked) : weight.gather(0, safe.reshape(-1)).reshape(safe.shape());
        w = w.maskedFill(ignored, 0.0);
        // an ignored target's loss is 0 even where its input is NaN or infinite (PyTorch skips it; 0 * NaN is NaN)
        Tensor loss = picked.neg().mul(w).maskedFill(ignored, 0.0);
        if (input.dim() == 1) loss = loss.reshape();
        return switch (reduction) {
            case NONE -> loss;
            case SUM -> loss.sum();
            case MEAN -> loss.sum().div(w.sum());
        };
    }

    /** Binary cross entropy of probabilities; log terms are clamped at -100 as in PyTorch. */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target, Tensor weight, Reduction reduction) {
        Tensor[] ac = org.torch4j.amp.Autocast.float32("binary_cross_entropy", input, target, weight);
        if (ac != null) { input = ac[0]; target = ac[1]; weight = ac[2]; }
        sameShape("binary_cross_entropy", input, target);
        Tensor loss = new BinaryCrossEntropy().apply1(input, target);
        if (weight != null) loss = loss.mul(weight);
        return reduce(loss, reduction);
    }

    /**
     * PyTorch's elementwise binary cross entropy {@code (t - 1) max(log1p(-x), -100) - t max(log x, -100)}
     * with PyTorch's derivatives, which the clamped logs would not give at x = 0 or 1 (where a saturated
     * sigmoid lands): {@code (x - t) / max(x (1 - x), 1e-12)} for the input, {@code log1p(-x) - log x}
     * for the target.
     */
    private static final class BinaryCrossEntropy extends org.torch4j.Function {
        @Override
        protected Tensor[] forward(org.torch4j.FunctionContext ctx, Tensor... in) {
            Tensor x = in[0], t = in[1];
            ctx.saveForBackward(x, t);
            return new Tensor[] {t.sub(1.0).mul(x.neg().log1p().clampMin(-100)).sub(t.mul(x.log().clampMin(-100)))};
        }

        @Override
        protected Tensor[] backward(org.torch4j.FunctionContext ctx, Tensor... g) {
            Tensor x = ctx.savedTensors()[0], t = ctx.savedTensors()[1];
            // PyTorch's EPSILON is the float 1e-12f, in every dtype
            Tensor gx = ctx.needsInputGrad(0) ? g[0].mul(x.sub(t)).div(x.rsub(1.0).mul(x).clampMin((double) 1e-12f)) : null;
            Tensor gt = ctx.needsInputGrad(1) ? g[0].mul(x.neg().log1p().sub(x.log())) : null;
            return new Tensor[] {gx, gt};
        }
    }

    /**
     * The elementwise smooth L1 loss ({@code 0.5 d^2 / beta} below beta, {@code |d| - 0.5 beta} above) or Huber loss
     * ({@code 0.5 d^2} below delta, {@code delta (|d| - 0.5 delta)} above) of {@code d = input - target}, with PyTorch's
     * derivative {@code clamp(d / beta, -1, 1)} or {@code clamp(d, -delta, delta)}: through where() the unused side's
     * zero gradient would meet an infinite difference as 0 * inf = NaN, and a NaN difference would give 0.
     */
    private static final class PiecewiseQuadratic extends org.torch4j.Function {
        private final double limit;
        private final boolean huber;

        private PiecewiseQuadratic(double limit, boolean huber) {
            this.limit = limit;
            this.huber = huber;
        }

        static Tensor loss(Tensor input, Tensor target, double limit, boolean huber) {
            long[] shape = ops().broadcastShapes(input.shape(), target.shape());
            return new PiecewiseQuadratic(limit, huber).apply1(input.expand(shape), target.expand(shape));
        }

        @Override
        protected Tensor[] forward(org.torch4j.FunctionContext ctx, Tensor... in) {
            ctx.saveForBackward(in[0], in[1]);
            Tensor d = in[0].sub(in[1]).abs();
            Tensor quadratic = d.mul(d).mul(huber ? 0.5 : 0.5 / limit);
            Tensor linear = huber ? d.sub(0.5 * limit).mul(limit) : d.sub(0.5 * limit);
            return new Tensor[] {Torch.where(d.lt(limit), quadratic, linear)};
        }

        @Override
        protected Tensor[] backward(org.torch4j.FunctionContext ctx, Tensor... g) {
            Tensor d = ctx.savedTensors()[0].sub(ctx.savedTensors()[1]);
            Tensor slope = huber ? d.clamp(-limit, limit) : d.div(limit).clamp(-1.0, 1.0);
            Tensor gx = g[0].mul(slope);
            return new Tensor[] {ctx.needsInputGrad(0) ? gx : null, ctx.needsInputGrad(1) ? gx.neg() : null};
        }
    }

    /** {@link #binaryCrossEntropy(Tensor, Tensor, Tensor, Reduction)} with no weight and {@code reduction = MEAN}. */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target) {
        return binaryCrossEntropy(input, target, null, Reduction.MEAN);
    }

    /** Binary cross entropy on logits, stable for large |x|; {@code posWeight} weighs positives. */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor weight, Tensor posWeight,
                                                      Reduction reduction) {
        sameShape("binary_cross_entropy_with_logits", input, target);
        Tensor[] ac = org.torch4j.amp.Autocast.float32("binary_cross_entropy_with_logits", input, target, weight, posWeight);
        if (ac != null) return binaryCrossEntropyWithLogits(ac[0], ac[1], ac[2], ac[3], reduction);
        Tensor loss = posWeight == null ? new BinaryCrossEntropyWithLogits().apply1(input, target)
                : new BinaryCrossEntropyWithLogits().apply1(input, target, posWeight);
        if (weight != null) loss = loss.mul(weight);
        return reduce(loss, reduction);
    }

    /**
     * PyTorch's elementwise {@code (1 - t) x + (1 + (pw - 1) t) log(1 + exp(-x))}, the log as
     * {@code m + log(exp(-m) + exp(-x - m))} with {@code m = max(-x, 0)}, in PyTorch's order (exact where
     * softplus's linear regime would drop the {@code exp(-|x|)} beside |x|), with PyTorch's derivatives:
     * {@code sigmoid(x) - t} (with pos_weight {@code (pw t + 1 - t) sigmoid(x) - pw t}) for the input, which the
     * composition would give only to within the rounding of {@code 1 - t} (a target near 0 beside a logit near
     * -40, as in Geometric's entropy, then divides that rounding by the target); {@code -x} (with pos_weight
     * {@code logsigmoid(-x) - pw logsigmoid(x)}) for the target; {@code -t logsigmoid(x)} for pos_weight.
     */
    private static final class BinaryCrossEntropyWithLogits extends org.torch4j.Function {
        @Override
        protected Tensor[] forward(org.torch4j.FunctionContext ctx, Tensor... in) {
            Tensor x = in[0], t = in[1], pw = in.length > 2 ? in[2] : null;
            ctx.saveForBackward(in);
            Tensor maxVal = x.neg().clampMin(0.0);
            Tensor logSum = maxVal.neg().exp().add(x.neg().sub(maxVal).exp()).log();
            if (pw == null) return new Tensor[] {t.rsub(1.0).mul(x).add(maxVal).add(logSum)};
            Tensor logWeight = pw.sub(1.0).mul(t).add(1.0);
            return new Tensor[] {t.rsub(1.0).mul(x).add(logWeight.mul(logSum.add(maxVal)))};
        }

        @Override
        protected Tensor[] backward(org.torch4j.FunctionContext ctx, Tensor... g) {
            Tensor[] saved = ctx.savedTensors();
            Tensor x = saved[0], t = saved[1], pw = saved.length > 2 ? saved[2] : null;
            Tensor gx = null, gt = null, gpw = null;
            if (pw == null) {
                if (ctx.needsInputGrad(0)) gx = x.sigmoid().sub(t).mul(g[0]);
                if (ctx.needsInputGrad(1)) gt = x.neg().mul(g[0]);
            } else {
                Tensor pwt = pw.mul(t);
                if (ctx.needsInputGrad(0)) gx = pwt.add(1.0).sub(t).mul(x.sigmoid()).sub(pwt).mul(g[0]);
                if (ctx.needsInputGrad(1)) gt = logsigmoid(x.neg()).sub(logsigmoid(x).mul(pw)).mul(g[0]);
                if (ctx.needsInputGrad(2)) gpw = t.mul(logsigmoid(x)).neg().mul(g[0]).sumToSize(pw.shape());
            }
            return pw == null ? new Tensor[] {gx, gt} : new Tensor[] {gx, gt, gpw};
        }
    }

    /**
     * {@link #binaryCrossEntropyWithLogits(Tensor, Tensor, Tensor, Tensor, Reduction)} with no weight, no
     * {@code pos_weight} and {@code reduction = MEAN}.
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target) {
        return binaryCrossEntropyWithLogits(input, target, null, null, Reduction.MEAN);
    }

    /** KL divergence with log-probability input; target as probabilities, or log-probabilities with {@code logTarget}. */
    public static Tensor klDiv(Tensor input, Tensor target, Reduction reduction, boolean logTarget) {
        Tensor[] ac = org.torch4j.amp.Autocast.float32("kl_div", input, target);
        if (ac != null) return klDiv(ac[0], ac[1], reduction, logTarget);
        Tensor loss = logTarget ? target.exp().mul(target.sub(input)) : target.xlogy(target).sub(target.mul(input));
        return reduce(loss, reduction);
    }

    /** {@code klDiv} with PyTorch's "batchmean": the sum divided by the batch size. */
    public static Tensor klDivBatchmean(Tensor input, Tensor target, boolean logTarget) {
        return klDiv(input, target, Reduction.SUM, logTarget).div((double) input.size(0));
    }

    /** 1 - cos(x1, x2) for y = 1, max(0, cos - margin) for y = -1. */
    public static Tensor cosineEmbeddingLoss(Tensor x1, Tensor x2, Tensor y, double margin, Reduction reduction) {
        Tensor[] ac = org.torch4j.amp.Autocast.float32("cosine_embedding_loss", x1, x2, y);
        if (ac != null) return cosineEmbeddingLoss(ac[0], ac[1], ac[2], margin, reduction);
        double eps = 1e-12;
        int dim = x1.dim() - 1;
        Tensor prod = x1.mul(x2).sum(dim);
        Tensor mag1 = x1.mul(x1).sum(dim).add(eps);
        Tensor mag2 = x2.mul(x2).sum(dim).add(eps);
        Tensor cos = prod.div(mag1.mul(mag2).sqrt());
        Tensor zeros = Torch.zerosLike(cos);
        Tensor pos = Torch.where(y.eq(1.0), cos.rsub(1.0), zeros);
        Tensor neg = Torch.where(y.eq(-1.0), cos.sub(margin).clampMin(0), zeros);
        return reduce(pos.add(neg), reduction);
    }

    /** max(0, -y (x1 - x2) + margin). */
    public static Tensor marginRankingLoss(Tensor x1, Tensor x2, Tensor y, double margin, Reduction reduction) {
        Tensor[] ac = org.torch4j.amp.Autocast.float32("margin_ranking_loss", x1, x2, y);
        if (ac != null) return marginRankingLoss(ac[0], ac[1], ac[2], margin, reduction);
        return reduce(y.neg().mul(x1.sub(x2)).add(margin).clampMin(0), reduction);
    }

    /**
     * The negative log-likelihood of a Poisson target: {@code exp(input) - target * input} with
     * {@code logInput}, else {@code input - target * log(input + eps)}; {@code full} adds Stirling's
     * approximation of log(target!) where target > 1.
     */
    public static Tensor poissonNllLoss(Tensor input, Tensor target, boolean logInput, boolean full, double eps,
                                        Reduction reduction) {
        Tensor loss = logInput ? input.exp().sub(target.mul(input)) : input.sub(target.mul(input.add(eps).log()));
        if (full) {
            Tensor stirling = target.mul(target.log()).sub(target).add(target.mul(2 * Math.PI).log().mul(0.5));
            loss = loss.add(stirling.maskedFill(target.le(1.0), 0.0));
        }
        return reduce(loss, reduction);
    }

    /**
     * The negative log-likelihood of a Gaussian target with predicted mean {@code input} and variance
     * {@code var} (same shape as input, or one per sample: input's shape without, or with size 1 in,
     * the last dim). The variance is clamped below by {@code eps} without changing its gradient, as PyTorch.
     */
    public static Tensor gaussianNllLoss(Tensor input, Tensor target, Tensor var, boolean full, double eps,
                                         Reduction reduction) {
        long[] in = input.shape(), v = var.shape();
        if (!java.util.Arrays.equals(in, v)) {
            long[] lead = java.util.Arrays.copyOf(in, Math.max(0, in.length - 1));
            if (java.util.Arrays.equals(lead, v)) {
                var = var.unsqueeze(-1);
            } else if (!(v.length == in.length && v[v.length - 1] == 1
                    && java.util.Arrays.equals(lead, java.util.Arrays.copyOf(v, v.length - 1)))) {
                throw new IllegalArgumentException("var is of incorrect size");
            }
        }
        if (var.lt(0.0).any().itemBool()) throw new IllegalArgumentException("var has negative entry/entries");
        // PyTorch clamps a clone in place under no_grad: the value is clamped, the gradient flows as if it were not
        Tensor clamped = var.add(var.detach().clampMin(eps).sub(var.detach()));
        Tensor diff = input.sub(target);
        Tensor loss = clamped.log().add(diff.mul(diff).div(clamped)).mul(0.5);
        if (full) loss = loss.add(0.5 * Math.log(2 * Math.PI));
        return reduce(loss, reduction);
    }

    /**
     * {@code max(0, margin + d(anchor, positive) - d(anchor, negative))} with the pairwise p-norm
     * distance; with {@code swap}, the negative distance is the smaller of d(a, n) and d(p, n).
     */
    public static Tensor tripletMarginLoss(Tensor anchor, Tensor positive, Tensor negative, double margin, double p, double eps,
                                           boolean swap, Reduction reduction) {
        if (anchor.dim() != positive.dim() || positive.dim() != negative.dim()) {
            throw new IllegalArgumentException("All inputs should have same dimension but got " + anchor.dim() + "D, " + positive.dim()
                    + "D and " + negative.dim() + "D inputs.");
        }
        Tensor dPos = pairwiseDistance(anchor, positive, p, eps, false);
        Tensor dNeg = pairwiseDistance(anchor, negative, p, eps, false);
        if (swap) dNeg = dNeg.minimum(pairwiseDistance(positive, negative, p, eps, false));
        return reduce(dPos.sub(dNeg).add(margin).clampMin(0), reduction);
    }

    /**
     * The multi-class hinge loss of [N, C] (or [C]) scores against int64 class indices: per sample,
     * the sum over the other classes i of {@code w[y] max(0, margin - x[y] + x[i])^p}, divided by C.
     */
    public static Tensor multiMarginLoss(Tensor input, Tensor target, long p, double margin, Tensor weight, Reduction reduction) {
        if (p != 1 && p != 2) throw new IllegalArgumentException("only p == 1 and p == 2 supported");
        if (weight != null && weight.dim() != 1) throw new IllegalArgumentException("weight must be one-dimensional");
        boolean unbatched = input.dim() <= 1;
        if (input.dim() > 2 || input.numel() == 0 && input.dim() != 2) {
            throw new IllegalArgumentException("Expected non-empty vector or matrix with optional 0-dim batch size, but got: "
                    + java.util.Arrays.toString(input.shape()));
        }
        Tensor x = unbatched ? input.reshape(1, -1) : input;
        long n = x.size(0), c = x.size(1);
        if (target.numel() != n || target.dim() > 1) {
            throw new IllegalArgumentException("inconsistent target size, got: " + java.util.Arrays.toString(target.shape()));
        }
        Tensor y = target.reshape(n, 1);
        if (n > 0 && (y.min().itemLong() < 0 || y.max().itemLong() >= c)) throw new IllegalArgumentException("target out of range");
        Tensor z = positivePart(x.sub(x.gather(1, y)).add(margin));
        if (p == 2) z = z.mul(z);
        if (weight != null) z = z.mul(weight.indexSelect(0, y.reshape(n)).reshape(n, 1));
        // the target's own class does not count
        Tensor own = Torch.arange(c).to(y.device()).reshape(1, c).eq(y);
        Tensor loss = z.maskedFill(own, 0.0).sum(1).div((double) c);
        return reduce(unbatched && reduction == Reduction.NONE ? loss.reshape(target.shape()) : loss, reduction);
    }

    /**
     * z where z > 0, else 0: the margin losses' hinge as PyTorch's kernels test it ({@code if (z > 0) sum += z}), so
     * a NaN term (a NaN score) counts as 0, and the gradient flows only where z > 0.
     */
    private static Tensor positivePart(Tensor z) {
        return z.where(z.gt(0.0), 0.0);
    }

    /** The two-class logistic loss {@code log(1 + exp(-y x))} for targets y of +-1. */
    public static Tensor softMarginLoss(Tensor input, Tensor target, Reduction reduction) {
        return reduce(input.neg().mul(target).exp().log1p(), reduction);
    }

    /** x where y = 1, {@code max(0, margin - x)} where y = -1 (a distance against similar/dissimilar labels). */
    public static Tensor hingeEmbeddingLoss(Tensor input, Tensor target, double margin, Reduction reduction) {
        Tensor zeros = Torch.zerosLike(input);
        Tensor outMargin = Torch.where(target.ne(1.0), input.rsub(margin).clampMin(0), zeros);
        Tensor outSelf = Torch.where(target.ne(-1.0), input, zeros);
        return reduce(outMargin.add(outSelf), reduction);
    }

    /**
     * One-versus-all logistic loss for multi-label targets of 0/1 (or probabilities), [N, C]: the
     * per-class binary cross entropies (weighted by class), averaged over the classes.
     */
    public static Tensor multilabelSoftMarginLoss(Tensor input, Tensor target, Tensor weight, Reduction reduction) {
        Tensor loss = target.mul(input.logSigmoid()).add(target.rsub(1.0).mul(input.neg().logSigmoid())).neg();
        if (weight != null) loss = loss.mul(weight);
        int classDim = input.dim() - 1;
        return reduce(loss.sum(classDim).div((double) input.size(classDim)), reduction);
    }

    /**
     * The multi-label hinge loss of [N, C] (or [C]) scores: each row of the int64 {@code target} lists
     * the sample's classes, ended by the first -1; per sample, the sum over its classes j and the other
     * classes i of {@code max(0, 1 - (x[j] - x[i]))}, divided by C.
     */
    public static Tensor multilabelMarginLoss(Tensor input, Tensor target, Reduction reduction) {
        boolean unbatched = input.dim() <= 1;
        if (input.dim() > 2 || input.numel() == 0 && input.dim() != 2) {
            throw new IllegalArgumentException("Expected non-empty vector or matrix with optional 0-dim batch size, but got: "
                    + java.util.Arrays.toString(input.shape()));
        }
        Tensor x = unbatched ? input.reshape(1, -1) : input;
        long n = x.size(0), c = x.size(1);
        if (!java.util.Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException("inconsistent size " + java.util.Arrays.toString(target.shape())
                    + " for argument #2 'target'");
        }
        // the masks come from the (integer, non-differentiable) target on the host
        long[] t = target.toLongArray();
        boolean[] listed = new boolean[(int) (n * c)], isTarget = new boolean[(int) (n * c)];
        long[] classes = new long[(int) (n * c)];
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < c; j++) {
                long label = t[(int) (s * c + j)];
                if (label < -1 || label >= c) throw new IllegalArgumentException("argument #2 'target' is out of range");
                if (label == -1) break;
                listed[(int) (s * c + j)] = true;
                classes[(int) (s * c + j)] = label;
                isTarget[(int) (s * c + label)] = true;
            }
        }
        Tensor xj = x.gather(1, Torch.tensor(classes, n, c).to(x.device()));
        // z[s, j, i] = 1 - x[s, y_j] + x[s, i], counted for listed j and non-target i
        Tensor z = positivePart(x.unsqueeze(1).sub(xj.unsqueeze(2)).add(1.0));
        Tensor keep = Torch.tensor(listed, n, c, 1).to(x.device()).logicalAnd(Torch.tensor(isTarget, n, 1, c).to(x.device()).logicalNot());
        Tensor loss = z.maskedFill(keep.logicalNot(), 0.0).sum(new int[] {1, 2}, false).div((double) c);
        return reduce(unbatched && reduction == Reduction.NONE ? loss.reshape(new long[0]) : loss, reduction);
    }

    /**
     * Connectionist temporal classification loss: {@code logProbs} [T, N, C] (log-softmax outputs),
     * {@code targets} [N, S] (padded) or 1-d (concatenated), lengths per sample; the mean reduction
     * divides each loss by its target length first, as PyTorch. Infinite losses (impossible alignments)
     * become 0 with {@code zeroInfinity}.
     */
    public static Tensor ctcLoss(Tensor logProbs, Tensor targets, long[] inputLengths, long[] targetLengths, long blank,
                                 Reduction reduction, boolean zeroInfinity) {
        Tensor cast = org.torch4j.amp.Autocast.float32("ctc_loss", logProbs);
        if (cast != logProbs) return ctcLoss(cast, targets, inputLengths, targetLengths, blank, reduction, zeroInfinity);
        boolean unbatched = logProbs.dim() == 2;
        Tensor lp = unbatched ? logProbs.unsqueeze(1) : logProbs;
        if (lp.dim() != 3) {
            throw new IllegalArgumentException("Expected 3-dimensional tensor, but got " + logProbs.dim() + "-dimensional tensor for "
                    + "argument #1 'log_probs' (while checking arguments for ctc_loss_cpu)");
        }
        long tMax = lp.size(0), n = lp.size(1);
        if (blank < 0 || blank >= lp.size(2)) throw new IllegalArgumentException("blank must be in label range");
        if (inputLengths.length != n) throw new IllegalArgumentException("input_lengths must be of size batch_size");
        if (targetLengths.length != n) throw new IllegalArgumentException("target_lengths must be of size batch_size");
        long sMax = 0, sTotal = 0;
        for (long l : targetLengths) {
            sMax = Math.max(sMax, l);
            sTotal += l;
        }
        // the targets must hold every label the lengths promise (a 2-d batch row each, or all of them concatenated)
        int targetDim = targets.dim() == 1 ? 0 : 1;
        long needed = targets.dim() == 1 ? sTotal : sMax, has = targets.dim() == 1 ? targets.size(0) : targets.size(1);
        if (needed > has) {
            throw new IllegalArgumentException("Expected tensor to have size at least " + needed + " at dimension " + targetDim
                    + ", but got size " + has + " for argument #2 'targets' (while checking arguments for ctc_loss_cpu)");
        }
        long ext = 2 * sMax + 1;
        // extended label sequences [N, 2S+1]: blank, y1, blank, y2, ..., blank
        long[] labels = new long[(int) (n * ext)];
        boolean[] skip = new boolean[(int) (n * ext)];
        long[] flat = targets.toLongArray();
        long offset = 0;
        for (int b = 0; b < n; b++) {
            long len = targetLengths[b];
            for (int s = 0; s < ext; s++) {
                long label = blank;
                if (s % 2 == 1 && (s / 2) < len) {
                    label = targets.dim() == 1 ? flat[(int) (offset + s / 2)] : flat[(int) (b * targets.size(1) + s / 2)];
                }
                labels[(int) (b * ext + s)] = label;
                skip[(int) (b * ext + s)] = s >= 2 && label != blank && label != labels[(int) (b * ext + s - 2)];
            }
            if (inputLengths[b] > tMax || inputLengths[b] < 0) {
                throw new IllegalArgumentException("Expected input_lengths to have value at most " + tMax + ", but got value " + inputLengths[b]
                        + " (while checking arguments for ctc_loss_cpu)");
            }
            offset += len;
        }
        Tensor lab = Torch.tensor(labels, n, ext).to(lp.device());
        Tensor skipMask = Torch.tensor(skip, n, ext).to(lp.device());
        Tensor negInf = Torch.full(new long[] {n, 1}, Double.NEGATIVE_INFINITY, lp.dtype(), lp.device());
        Tensor ninfTwo = Torch.full(new long[] {n, 2}, Double.NEGATIVE_INFINITY, lp.dtype(), lp.device());
        // alpha_0: blank and the first label
        Tensor emit0 = lp.select(0, 0).gather(1, lab);
        Tensor initMask = Torch.arange(ext).lt(2.0).unsqueeze(0).to(lp.device());
        Tensor alpha = Torch.where(initMask, emit0, Torch.fullLike(emit0, Double.NEGATIVE_INFINITY));
        java.util.List<Tensor> finals = new java.util.ArrayList<>();
        Tensor[] atEnd = new Tensor[(int) n];
        for (int b = 0; b < n; b++) if (inputLengths[b] == 1) atEnd[b] = alpha.select(0, b);
        for (long t = 1; t < tMax; t++) {
            Tensor prev1 = Torch.cat(java.util.List.of(negInf, alpha.narrow(1, 0, ext - 1)), 1);
            Tensor prev2 = ext > 2 ? Torch.cat(java.util.List.of(ninfTwo, alpha.narrow(1, 0, ext - 2)), 1) : Torch.fullLike(alpha, Double.NEGATIVE_INFINITY);
            prev2 = Torch.where(skipMask, prev2, Torch.fullLike(prev2, Double.NEGATIVE_INFINITY));
            Tensor stacked = Torch.stack(java.util.List.of(alpha, prev1, prev2), 0);
            alpha = logsumexpStable(stacked).add(lp.select(0, t).gather(1, lab));
            for (int b = 0; b < n; b++) if (inputLengths[b] == t + 1) atEnd[b] = alpha.select(0, b);
        }
        java.util.List<Tensor> losses = new java.util.ArrayList<>();
        for (int b = 0; b < n; b++) {
            Tensor a = atEnd[b];
            long last = 2 * targetLengths[b];
            Tensor end = last == 0 ? a.narrow(0, 0, 1) : a.narrow(0, last - 1, 2);
            Tensor loss = logsumexpStable(end.unsqueeze(1)).neg().reshape();
            if (zeroInfinity) loss = Torch.where(loss.isinf(), Torch.zerosLike(loss), loss);
            losses.add(loss);
        }
        Tensor all = Torch.stack(losses, 0);
        return switch (reduction) {
            case NONE -> unbatched ? all.squeeze(0) : all;
            case SUM -> all.sum();
            case MEAN -> {
                double[] lens = new double[(int) n];
                for (int b = 0; b < n; b++) lens[b] = Math.max(1, targetLengths[b]);
                yield all.div(Torch.tensor(lens).to(all)).mean();
            }
        };
    }

    /** logsumexp over dim 0 that returns -inf (not NaN) where every term is -inf, with finite gradients. */
    private static Tensor logsumexpStable(Tensor x) {
        Tensor m = x.amax(new int[] {0}, true).detach();
        Tensor dead = m.isinf().squeeze(0);
        Tensor safe = Torch.where(m.isinf(), Torch.zerosLike(m), m);
        Tensor s = x.sub(safe).exp().sum(new int[] {0}, false);
        // where every term is -inf, give -inf without a 0 * inf = NaN gradient
        Tensor sSafe = Torch.where(dead, Torch.onesLike(s), s);
        Tensor r = sSafe.log().add(safe.squeeze(0));
        return Torch.where(dead, Torch.fullLike(r, Double.NEGATIVE_INFINITY), r);
    }

    // ---- misc ------------------------------------------------------------------------------------

    /** One-hot encoding of int64 class indices; {@code numClasses} -1 infers max + 1. */
    public static Tensor oneHot(Tensor indices, long numClasses) {
        if (indices.dtype() != DType.INT64) throw new IllegalArgumentException("one_hot is only applicable to index tensor.");
        if (numClasses < 0 && indices.numel() == 0) throw new IllegalArgumentException("Can not infer total number of classes from empty tensor.");
        long n = numClasses < 0 ? indices.max().itemLong() + 1 : numClasses;
        if (indices.numel() > 0 && (indices.min().itemLong() < 0)) throw new IllegalArgumentException("Class values must be non-negative.");
        if (indices.numel() > 0 && indices.max().itemLong() >= n) throw new IllegalArgumentException("Class values must be smaller than num_classes.");
        long[] shape = java.util.Arrays.copyOf(indices.shape(), indices.dim() + 1);
        shape[indices.dim()] = n;
        Tensor index = indices.unsqueeze(-1);
        return Torch.zeros(shape, DType.INT64, indices.device()).scatter(indices.dim(), index, Torch.onesLike(index));
    }

    /** Pads the last dims (see {@link Torch#pad}). */
    public static Tensor pad(Tensor input, long[] pad, String mode, double value) {
        return Torch.pad(input, pad, mode, value);
    }

    /**
     * Constant zero padding of the last dims ({@code torch.nn.functional.pad(input, pad)}); {@code pad} holds
     * (before, after) pairs starting from the last dim, negative values crop. See {@link Torch#pad(Tensor, long...)}.
     */
    public static Tensor pad(Tensor input, long... pad) {
        return Torch.pad(input, pad);
    }

    // ---- spatial sampling: grid_sample, affine_grid (PyTorch 1.13's torch.nn.functional) -------------

    /**
     * Samples {@code input} [N, C, H, W] (or [N, C, D, H, W]) at the points of {@code grid} [N, Ho, Wo, 2]
     * (or [N, Do, Ho, Wo, 3]) into [N, C, Ho, Wo] ({@code F.grid_sample}). Each grid entry is (x, y[, z])
     * normalised to [-1, 1] across the input: with {@code alignCorners} -1 and 1 are the centres of the
     * corner pixels, else their outer edges.
     *
     * @param mode "bilinear" (trilinear for 5-d input), "nearest" or "bicubic" (4-d input only)
     * @param paddingMode what points outside the input read: "zeros", "border" (the nearest edge pixel) or
     *        "reflection" (the input mirrored at its edges)
     * @return differentiable with respect to the input and the grid (nearest: the input only)
     * @throws IllegalArgumentException for an unknown mode, mismatched shapes or dtypes, as PyTorch words it
     */
    public static Tensor gridSample(Tensor input, Tensor grid, String mode, String paddingMode, boolean alignCorners) {
        return GridSample.apply(input, grid, mode, paddingMode, alignCorners);
    }

    /** {@link #gridSample(Tensor, Tensor, String, String, boolean)} with PyTorch's defaults: bilinear, zeros, alignCorners false. */
    public static Tensor gridSample(Tensor input, Tensor grid) {
        return gridSample(input, grid, "bilinear", "zeros", false);
    }

    /**
     * The sampling grid of a batch of affine maps ({@code F.affine_grid}): for {@code size} [N, C, H, W]
     * and {@code theta} [N, 2, 3], the [N, H, W, 2] grid whose entry at each output pixel is theta times
     * the pixel's normalised (x, y, 1); for [N, C, D, H, W] and theta [N, 3, 4], [N, D, H, W, 3]. Pixel
     * positions follow {@link #gridSample}'s {@code alignCorners} convention. Differentiable in theta.
     *
     * @throws IllegalArgumentException for a non-floating theta, a theta that does not fit {@code size},
     *         or an empty size, as PyTorch words it
     */
    public static Tensor affineGrid(Tensor theta, long[] size, boolean alignCorners) {
        return AffineGrid.apply(theta, size, alignCorners);
    }

    /** {@link #affineGrid(Tensor, long[], boolean)} with PyTorch's default alignCorners false. */
    public static Tensor affineGrid(Tensor theta, long... size) {
        return affineGrid(theta, size, false);
    }

    /**
     * Resizes the spatial dims of [N, C, L], [N, C, H, W] or [N, C, D, H, W] ({@code F.interpolate}) to
     * {@code size} or by {@code scaleFactor} (exactly one of them; a single value applies to every
     * spatial dim). The output size is floor(input size * scale factor), and the scale factor itself
     * (not in / out) places the samples unless {@code recomputeScaleFactor}.
     *
     * @param mode "nearest" (floor(dst * in / out), PyTorch's legacy rule), "nearest-exact" (pixel
     *        centres), "linear" (3-d input), "bilinear" (4-d), "bicubic" (4-d; Keys' kernel with A = -0.75,
     *        taps clamped to the edge), "trilinear" (5-d) or "area" (adaptive average pooling)
     * @param alignCorners for the interpolating modes only: null (false) samples at pixel centres, true
     *        maps the corner pixels' centres onto each other
     * @param recomputeScaleFactor true: compute the output size from the scale factor, then resize as if
     *        that size had been given
     * @throws IllegalArgumentException for a mode that does not fit the input's rank, sizes that do not
     *         fit, or options that do not go together, as PyTorch words it
     */
    public static Tensor interpolate(Tensor input, long[] size, double[] scaleFactor, String mode, Boolean alignCorners,
                                     Boolean recomputeScaleFactor) {
        return Internals.get().followChannelsLast(Interpolate.apply(input, size, scaleFactor, mode, alignCorners, recomputeScaleFactor), input);
    }

    /** {@code F.interpolate(input, size=size, mode=mode)}: the spatial dims resized to {@code size}. */
    public static Tensor interpolate(Tensor input, long[] size, String mode) {
        return interpolate(input, size, null, mode, null, null);
    }

    /** {@code F.interpolate(input, scale_factor=scaleFactor, mode=mode)}: every spatial dim scaled by {@code scaleFactor}. */
    public static Tensor interpolate(Tensor input, double scaleFactor, String mode) {
        return interpolate(input, null, new double[] {scaleFactor}, mode, null, null);
    }

    /**
     * Transposed 3-d convolution of [N, C, D, H, W] (or [C, D, H, W]) with weight [C, O/groups, kd, kh, kw]
     * ({@code F.conv_transpose3d}, the gradient of conv3d with respect to its input); single-element
     * arrays apply to every dim.
     */
    public static Tensor convTranspose3d(Tensor input, Tensor weight, Tensor bias, long[] stride, long[] padding,
                                         long[] outputPadding, long groups, long[] dilation) {
        Convolution.checkRanks("conv_transpose3d", 3, input, weight, stride);
        return Convolution.convTranspose(input, weight, bias, stride, padding, outputPadding, dilation, groups);
    }

    /** Adaptive max pooling of [N, C, D, H, W] (or [C, D, H, W]) to {@code outputSize} (one or three sizes, -1 keeps one). */
    public static Tensor adaptiveMaxPool3d(Tensor input, long... outputSize) {
        return adaptiveMaxPool3dWithIndices(input, outputSize).values();
    }

    /**
     * Adaptive max pooling over the last three dims returning also each maximum's flat index within its
     * input volume ({@code return_indices=True}, for {@link MaxUnpool3d}).
     */
    public static org.torch4j.ValuesIndices adaptiveMaxPool3dWithIndices(Tensor input, long... outputSize) {
        Tensor[] r = Pooling.adaptiveMaxPool(input, Windows.expand(outputSize, 3, "output_size"));
        return new org.torch4j.ValuesIndices(r[0], r[1]);
    }

    /**
     * The inverse of 3-d max pooling ({@code F.max_unpool3d}): each value of [N, C, D, H, W] (or
     * [C, D, H, W]) written at its flat index in its output volume, zeros elsewhere. The volume is
     * {@code (in - 1) stride - 2 padding + kernel} per dim unless {@code outputSize} (three sizes, or five
     * with N and C) says otherwise; stride null means the kernel size.
     */
    public static Tensor maxUnpool3d(Tensor input, Tensor indices, long[] kernelSize, long[] stride, long[] padding, long[] outputSize) {
        long[] out = Pooling.unpoolOutputSize(input, 3, kernelSize, stride, padding, outputSize);
        if (indices.dtype() != DType.INT64) throw new IllegalArgumentException("elements in indices should be type int64");
        if (input.dim() != 4 && input.dim() != 5) {
            throw new IllegalArgumentException("Input to max_unpooling3d should be a 4d or 5d Tensor, but got a tensor with "
                    + input.dim() + " dimensions.");
        }
        return Pooling.maxUnpool(input, indices, out);
    }

    // ---- nn round 3 ----

    /**
     * Fractional max pooling of [N, C, H, W] (or [C, H, W]) ({@code F.fractional_max_pool2d}): windows of
     * {@code kernelSize} starting at a pseudo-random sequence per plane, pooled to {@code outputSize} or to
     * {@code floor(size * outputRatio)} (give one of them, the other null).
     *
     * @param randomSamples PyTorch's {@code _random_samples}: [N, C, 2] in [0, 1) (the width's first), or
     *                      null to draw them by {@code Torch.rand} as PyTorch does
     */
    public static Tensor fractionalMaxPool2d(Tensor input, long[] kernelSize, long[] outputSize, double[] outputRatio,
                                             Tensor randomSamples) {
        return fractionalMaxPool2dWithIndices(input, kernelSize, outputSize, outputRatio, randomSamples).values();
    }

    /** {@link #fractionalMaxPool2d} with each maximum's flat index in its input plane ({@code return_indices=True}). */
    public static org.torch4j.ValuesIndices fractionalMaxPool2dWithIndices(Tensor input, long[] kernelSize, long[] outputSize,
                                                                          double[] outputRatio, Tensor randomSamples) {
        return FractionalMaxPooling.pool(2, input, kernelSize, outputSize, outputRatio, randomSamples);
    }

    /**
     * Fractional max pooling of [N, C, T, H, W] (or [C, T, H, W]) ({@code F.fractional_max_pool3d}); see
     * {@link #fractionalMaxPool2d}. The samples are [N, C, 3], in dim order.
     */
    public static Tensor fractionalMaxPool3d(Tensor input, long[] kernelSize, long[] outputSize, double[] outputRatio,
                                             Tensor randomSamples) {
        return fractionalMaxPool3dWithIndices(input, kernelSize, outputSize, outputRatio, randomSamples).values();
    }

    /** {@link #fractionalMaxPool3d} with each maximum's flat index in its input volume ({@code return_indices=True}). */
    public static org.torch4j.ValuesIndices fractionalMaxPool3dWithIndices(Tensor input, long[] kernelSize, long[] outputSize,
                                                                          double[] outputRatio, Tensor randomSamples) {
        return FractionalMaxPooling.pool(3, input, kernelSize, outputSize, outputRatio, randomSamples);
    }
}
