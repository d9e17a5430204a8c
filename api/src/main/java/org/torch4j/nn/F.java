package org.torch4j.nn;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;
import org.torch4j.spi.UnaryOp;

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
        if (input.dim() == 2 && bias != null) return Torch.addmm(bias, input, weight.t());
        Tensor out = input.matmul(weight.t());
        return bias == null ? out : out.add(bias);
    }

    /** {@code x1^T A x2 + b} for each output feature: weight [out, in1, in2], bias [out]. */
    public static Tensor bilinear(Tensor input1, Tensor input2, Tensor weight, Tensor bias) {
        Tensor out = Torch.einsum("...i,oij,...j->...o", input1, weight, input2);
        return bias == null ? out : out.add(bias);
    }

    // ---- activations -----------------------------------------------------------------------------

    public static Tensor relu(Tensor x) {
        return x.relu();
    }

    public static Tensor relu6(Tensor x) {
        return hardtanh(x, 0, 6);
    }

    public static Tensor leakyRelu(Tensor x, double negativeSlope) {
        return ops().unary(UnaryOp.LEAKY_RELU, x, negativeSlope);
    }

    public static Tensor leakyRelu(Tensor x) {
        return leakyRelu(x, 0.01);
    }

    public static Tensor elu(Tensor x, double alpha) {
        return ops().unary(UnaryOp.ELU, x, alpha, 1.0, 1.0);
    }

    public static Tensor elu(Tensor x) {
        return elu(x, 1.0);
    }

    public static Tensor selu(Tensor x) {
        return ops().unary(UnaryOp.ELU, x, 1.6732632423543772848170429916717, 1.0507009873554804934193349852946, 1.0);
    }

    public static Tensor celu(Tensor x, double alpha) {
        return ops().unary(UnaryOp.ELU, x, alpha, 1.0, 1.0 / alpha);
    }

    /** GELU; {@code approximate} is "none" (erf) or "tanh". */
    public static Tensor gelu(Tensor x, String approximate) {
        return x.gelu(approximate);
    }

    public static Tensor gelu(Tensor x) {
        return x.gelu();
    }

    public static Tensor silu(Tensor x) {
        return x.silu();
    }

    public static Tensor mish(Tensor x) {
        return x.mish();
    }

    public static Tensor sigmoid(Tensor x) {
        return x.sigmoid();
    }

    public static Tensor tanh(Tensor x) {
        return x.tanh();
    }

    public static Tensor hardsigmoid(Tensor x) {
        return ops().unary(UnaryOp.HARDSIGMOID, x);
    }

    public static Tensor hardswish(Tensor x) {
        return ops().unary(UnaryOp.HARDSWISH, x);
    }

    public static Tensor hardtanh(Tensor x, double min, double max) {
        return x.clamp(min, max);
    }

    public static Tensor softplus(Tensor x, double beta, double threshold) {
        return x.softplus(beta, threshold);
    }

    public static Tensor softplus(Tensor x) {
        return x.softplus();
    }

    public static Tensor logsigmoid(Tensor x) {
        return x.logSigmoid();
    }

    /** softmax along {@code dim}. */
    public static Tensor softmax(Tensor x, int dim) {
        return ops().softmax(x, dim, false);
    }

    /** log(softmax(x)) along {@code dim}, computed stably. */
    public static Tensor logSoftmax(Tensor x, int dim) {
        return ops().softmax(x, dim, true);
    }

    // ---- convolution -----------------------------------------------------------------------------

    /** 1-d convolution of [N, C, L] (or [C, L]) with weight [O, C/groups, k]. */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, long stride, long padding, long dilation, long groups) {
        return Convolution.conv(input, weight, bias, new long[] {stride}, new long[] {padding}, new long[] {dilation}, groups);
    }

    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias) {
        return conv1d(input, weight, bias, 1, 0, 1, 1);
    }

    /** 2-d convolution of [N, C, H, W] (or [C, H, W]) with weight [O, C/groups, kh, kw]. */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, long[] stride, long[] padding, long[] dilation,
                                long groups) {
        return Convolution.conv(input, weight, bias, stride, padding, dilation, groups);
    }

    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, long stride, long padding) {
        return conv2d(input, weight, bias, new long[] {stride}, new long[] {padding}, new long[] {1}, 1);
    }

    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias) {
        return conv2d(input, weight, bias, 1, 0);
    }

    /** Convolution with padding "same" (output as large as the input; stride 1) or "valid" (none). */
    public static Tensor conv(Tensor input, Tensor weight, Tensor bias, String padding, long[] dilation, long groups) {
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
        return Convolution.conv(input, weight, bias, stride, padding, dilation, groups);
    }

    /** Transposed 1-d convolution; weight [C, O/groups, k]. */
    public static Tensor convTranspose1d(Tensor input, Tensor weight, Tensor bias, long stride, long padding,
                                         long outputPadding, long groups, long dilation) {
        return Convolution.convTranspose(input, weight, bias, new long[] {stride}, new long[] {padding},
                new long[] {outputPadding}, new long[] {dilation}, groups);
    }

    /** Transposed 2-d convolution (the gradient of conv2d with respect to its input); weight [C, O/groups, kh, kw]. */
    public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, long[] stride, long[] padding,
                                         long[] outputPadding, long groups, long[] dilation) {
        return Convolution.convTranspose(input, weight, bias, stride, padding, outputPadding, dilation, groups);
    }

    /** im2col: the sliding blocks of [N, C, H, W] as [N, C * kh * kw, L] ({@code F.unfold}). */
    public static Tensor unfold(Tensor input, long[] kernelSize, long[] dilation, long[] padding, long[] stride) {
        if (input.dim() != 4 && input.dim() != 3) throw new IllegalArgumentException("Input Error: Only 3D or 4D input Tensors are supported (got " + input.dim() + "D)");
        Tensor x = input.dim() == 3 ? input.unsqueeze(0) : input;
        Tensor r = Im2Col.apply(x, Windows.of(2, kernelSize, stride, padding, dilation));
        return input.dim() == 3 ? r.squeeze(0) : r;
    }

    /** col2im: sums [N, C * kh * kw, L] blocks into [N, C, outH, outW] ({@code F.fold}). */
    public static Tensor fold(Tensor input, long[] outputSize, long[] kernelSize, long[] dilation, long[] padding, long[] stride) {
        Windows w = Windows.of(2, kernelSize, stride, padding, dilation);
        boolean unbatched = input.dim() == 2;
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        long k = w.kernelVolume();
        if (x.size(1) % k != 0) {
            throw new IllegalArgumentException("Expected size of input's dimension 1 to be divisible by the product of "
                    + "kernel_size, but got input.size(1)=" + x.size(1) + " and kernel_size=" + java.util.Arrays.toString(kernelSize));
        }
        long[] shape = {x.size(0), x.size(1) / k, outputSize[0], outputSize[1]};
        Tensor r = Col2Im.apply(x, shape, w);
        return unbatched ? r.squeeze(0) : r;
    }

    // ---- pooling ---------------------------------------------------------------------------------

    /** Max pooling over the last two dims; stride defaults to the kernel size when null. */
    public static Tensor maxPool2d(Tensor input, long[] kernelSize, long[] stride, long[] padding, long[] dilation,
                                   boolean ceilMode) {
        return Pooling.maxPool(input, Windows.expand(kernelSize, 2, "kernel_size"), stride, padding, dilation, ceilMode)[0];
    }

    public static Tensor maxPool2d(Tensor input, long kernelSize) {
        return maxPool2d(input, new long[] {kernelSize}, null, new long[] {0}, new long[] {1}, false);
    }

    /** Max pooling returning also each maximum's flat index within its input plane ({@code return_indices=True}). */
    public static org.torch4j.ValuesIndices maxPool2dWithIndices(Tensor input, long[] kernelSize, long[] stride, long[] padding,
                                                                 long[] dilation, boolean ceilMode) {
        Tensor[] r = Pooling.maxPool(input, Windows.expand(kernelSize, 2, "kernel_size"), stride, padding, dilation, ceilMode);
        return new org.torch4j.ValuesIndices(r[0], r[1]);
    }

    public static Tensor maxPool1d(Tensor input, long kernelSize, long stride, long padding, long dilation, boolean ceilMode) {
        return Pooling.maxPool(input, new long[] {kernelSize}, new long[] {stride <= 0 ? kernelSize : stride},
                new long[] {padding}, new long[] {dilation}, ceilMode)[0];
    }

    /** Average pooling over the last two dims. */
    public static Tensor avgPool2d(Tensor input, long[] kernelSize, long[] stride, long[] padding, boolean ceilMode,
                                   boolean countIncludePad, Long divisorOverride) {
        return Pooling.avgPool(input, Windows.expand(kernelSize, 2, "kernel_size"), stride, padding, ceilMode, countIncludePad,
                divisorOverride);
    }

    public static Tensor avgPool2d(Tensor input, long kernelSize) {
        return avgPool2d(input, new long[] {kernelSize}, null, new long[] {0}, false, true, null);
    }

    public static Tensor avgPool1d(Tensor input, long kernelSize, long stride, long padding, boolean ceilMode,
                                   boolean countIncludePad) {
        return Pooling.avgPool(input, new long[] {kernelSize}, new long[] {stride <= 0 ? kernelSize : stride},
                new long[] {padding}, ceilMode, countIncludePad, null);
    }

    /** Adaptive average pooling to {@code outputSize} over the last two dims (-1 keeps a size). */
    public static Tensor adaptiveAvgPool2d(Tensor input, long... outputSize) {
        return Pooling.adaptiveAvgPool(input, Windows.expand(outputSize, 2, "output_size"));
    }

    public static Tensor adaptiveAvgPool1d(Tensor input, long outputSize) {
        return Pooling.adaptiveAvgPool(input, new long[] {outputSize});
    }

    public static Tensor adaptiveMaxPool2d(Tensor input, long... outputSize) {
        return Pooling.adaptiveMaxPool2d(input, Windows.expand(outputSize, 2, "output_size"))[0];
    }

    // ---- dropout ---------------------------------------------------------------------------------

    /** Zeroes elements with probability {@code p} and scales the rest by 1/(1-p) in training. */
    public static Tensor dropout(Tensor x, double p, boolean training) {
        checkProbability(p);
        if (!training || p == 0) return x;
        if (p == 1) return x.mul(0.0);
        Tensor keep = Torch.emptyLike(x).bernoulli_(1 - p);
        return x.mul(keep).div(1 - p);
    }

    /** Zeroes whole channels (dim 1) of [N, C, ...] inputs with probability {@code p}. */
    public static Tensor dropout2d(Tensor x, double p, boolean training) {
        checkProbability(p);
        if (!training || p == 0) return x;
        long[] shape = x.shape();
        long[] maskShape = new long[shape.length];
        for (int i = 0; i < shape.length; i++) maskShape[i] = i < 2 ? shape[i] : 1;
        if (shape.length == 3) maskShape = new long[] {shape[0], 1, 1}; // unbatched [C, H, W]
        Tensor keep = Torch.zeros(maskShape, x.dtype(), x.device()).bernoulli_(1 - p);
        return x.mul(keep).div(1 - p);
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

    public static Tensor mseLoss(Tensor input, Tensor target) {
        return mseLoss(input, target, Reduction.MEAN);
    }

    public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        Tensor d = input.sub(target);
        return reduce(d.mul(d), reduction);
    }

    public static Tensor l1Loss(Tensor input, Tensor target) {
        return l1Loss(input, target, Reduction.MEAN);
    }

    public static Tensor l1Loss(Tensor input, Tensor target, Reduction reduction) {
        return reduce(input.sub(target).abs(), reduction);
    }

    /** Quadratic below {@code beta}, linear above: 0.5 d^2 / beta or |d| - 0.5 beta. */
    public static Tensor smoothL1Loss(Tensor input, Tensor target, Reduction reduction, double beta) {
        Tensor d = input.sub(target).abs();
        if (beta == 0) return reduce(d, reduction);
        Tensor loss = Torch.where(d.lt(beta), d.mul(d).mul(0.5 / beta), d.sub(0.5 * beta));
        return reduce(loss, reduction);
    }

    public static Tensor smoothL1Loss(Tensor input, Tensor target) {
        return smoothL1Loss(input, target, Reduction.MEAN, 1.0);
    }

    /** Quadratic below {@code delta}, linear above: 0.5 d^2 or delta (|d| - 0.5 delta). */
    public static Tensor huberLoss(Tensor input, Tensor target, Reduction reduction, double delta) {
        Tensor d = input.sub(target).abs();
        Tensor loss = Torch.where(d.lt(delta), d.mul(d).mul(0.5), d.sub(0.5 * delta).mul(delta));
        return reduce(loss, reduction);
    }

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
        if (labelSmoothing < 0 || labelSmoothing > 1) {
            throw new IllegalArgumentException("label_smoothing must be between 0.0 and 1.0. Got: " + labelSmoothing);
        }
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

    public static Tensor nllLoss(Tensor input, Tensor target) {
        return nllLoss(input, target, null, -100, Reduction.MEAN);
    }

    /**
     * Negative log likelihood of log-probabilities [N, C, d1...] (or [C]) at class indices [N, d1...];
     * the mean divides by the total weight of the non-ignored targets.
     */
    public static Tensor nllLoss(Tensor input, Tensor target, Tensor weight, long ignoreIndex, Reduction reduction) {
        if (target.isFloatingPoint() || target.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("expected scalar type Long but found " + target.dtype());
        }
        int classDim = input.dim() == 1 ? 0 : 1;
        long classes = input.size(classDim);
        long expectedBatch = input.dim() == 1 ? -1 : input.size(0);
        if (input.dim() > 1 && target.size(0) != expectedBatch) {
            throw new IllegalArgumentException("Expected input batch_size (" + expectedBatch + ") to match target batch_size ("
                    + target.size(0) + ").");
        }
        Tensor ignored = target.eq((double) ignoreIndex);
        Tensor safe = Torch.where(ignored, Torch.zerosLike(target), target);
        if (safe.numel() > 0) {
            long min = safe.min().itemLong(), max = safe.max().itemLong();
            if (min < 0 || max >= classes) {
                throw new IndexOutOfBoundsException("Target " + (min < 0 ? min : max) + " is out of bounds.");
            }
        }
        Tensor picked = (input.dim() == 1 ? input.gather(0, safe.reshape(1)) : input.gather(classDim, safe.unsqueeze(classDim)).squeeze(classDim));
        Tensor w = weight == null ? Torch.onesLike(picked) : weight.gather(0, safe.reshape(-1)).reshape(safe.shape());
        w = w.maskedFill(ignored, 0.0);
        Tensor loss = picked.neg().mul(w);
        if (input.dim() == 1) loss = loss.reshape();
        return switch (reduction) {
            case NONE -> loss;
            case SUM -> loss.sum();
            case MEAN -> loss.sum().div(w.sum());
        };
    }

    /** Binary cross entropy of probabilities; log terms are clamped at -100 as in PyTorch. */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target, Tensor weight, Reduction reduction) {
        sameShape("binary_cross_entropy", input, target);
        Tensor logP = input.log().clampMin(-100);
        Tensor log1mP = input.rsub(1.0).log().clampMin(-100);
        Tensor loss = target.mul(logP).add(target.rsub(1.0).mul(log1mP)).neg();
        if (weight != null) loss = loss.mul(weight);
        return reduce(loss, reduction);
    }

    public static Tensor binaryCrossEntropy(Tensor input, Tensor target) {
        return binaryCrossEntropy(input, target, null, Reduction.MEAN);
    }

    /** Binary cross entropy on logits, stable for large |x|; {@code posWeight} weighs positives. */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor weight, Tensor posWeight,
                                                      Reduction reduction) {
        sameShape("binary_cross_entropy_with_logits", input, target);
        // (1 - t) x + (1 + (pw - 1) t) * log(1 + exp(-x)), with log(1 + exp(-x)) = softplus(-x)
        Tensor logSigNeg = input.neg().softplus(1, 20);
        Tensor loss;
        if (posWeight != null) {
            Tensor logWeight = posWeight.sub(1.0).mul(target).add(1.0);
            loss = target.rsub(1.0).mul(input).add(logWeight.mul(logSigNeg));
        } else {
            loss = target.rsub(1.0).mul(input).add(logSigNeg);
        }
        if (weight != null) loss = loss.mul(weight);
        return reduce(loss, reduction);
    }

    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target) {
        return binaryCrossEntropyWithLogits(input, target, null, null, Reduction.MEAN);
    }

    /** KL divergence with log-probability input; target as probabilities, or log-probabilities with {@code logTarget}. */
    public static Tensor klDiv(Tensor input, Tensor target, Reduction reduction, boolean logTarget) {
        Tensor loss = logTarget ? target.exp().mul(target.sub(input)) : target.xlogy(target).sub(target.mul(input));
        return reduce(loss, reduction);
    }

    /** {@code klDiv} with PyTorch's "batchmean": the sum divided by the batch size. */
    public static Tensor klDivBatchmean(Tensor input, Tensor target, boolean logTarget) {
        return klDiv(input, target, Reduction.SUM, logTarget).div((double) input.size(0));
    }

    /** 1 - cos(x1, x2) for y = 1, max(0, cos - margin) for y = -1. */
    public static Tensor cosineEmbeddingLoss(Tensor x1, Tensor x2, Tensor y, double margin, Reduction reduction) {
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
        return reduce(y.neg().mul(x1.sub(x2)).add(margin).clampMin(0), reduction);
    }

    // ---- misc ------------------------------------------------------------------------------------

    /** One-hot encoding of int64 class indices; {@code numClasses} -1 infers max + 1. */
    public static Tensor oneHot(Tensor indices, long numClasses) {
        if (indices.dtype() != DType.INT64) throw new IllegalArgumentException("one_hot is only applicable to index tensor.");
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

    public static Tensor pad(Tensor input, long... pad) {
        return Torch.pad(input, pad);
    }
}
