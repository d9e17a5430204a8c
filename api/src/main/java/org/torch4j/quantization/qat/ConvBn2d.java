package org.torch4j.quantization.qat;

import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Fusion;
import org.torch4j.nn.Init;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;
import org.torch4j.quantization.QConfig;

/**
 * A 2-d convolution and batch norm fused for quantization-aware training ({@code torch.nn.intrinsic.qat.ConvBn2d}),
 * with PyTorch's simulated folding ({@code _forward_approximate}): the weight is scaled by
 * {@code bn.weight / sqrt(running_var + eps)} and fake quantized, the convolution (without bias) is divided back by
 * that factor, the bias added, and the batch norm applied: with batch statistics (updating the running ones) in
 * training, with the running ones once frozen ({@link #freezeBnStats()}) or in eval mode. Children {@code bn} and
 * {@code weight_fake_quant}; {@link org.torch4j.quantization.StaticQuantization#convert convert} folds the running
 * statistics into the weight and bias.
 */
public class ConvBn2d extends ConvBase {
    private final BatchNorm2d bn;
    private boolean freezeBn;

    /**
     * A fused layer initialised as PyTorch's: the convolution's weight drawn as {@link org.torch4j.nn.Conv2d} draws
     * it, then {@code bn.weight} uniform in [0, 1), {@code bn.bias} zero, and the bias uniform in
     * {@code +-1/sqrt(fan_in)}.
     *
     * @param inChannels the input channels
     * @param outChannels the output channels (and batch-norm features)
     * @param kernelSize the kernel size (one or two values)
     * @param stride the stride
     * @param padding the padding
     * @param dilation the dilation
     * @param groups the number of groups
     * @param bias whether the convolution has a bias (PyTorch's default: none)
     * @param paddingMode "zeros", "reflect", "replicate" or "circular"
     * @param eps the batch norm's eps (PyTorch's default 1e-5)
     * @param momentum the batch norm's momentum (default 0.1)
     * @param freezeBn whether to start with frozen batch-norm statistics
     * @param qconfig makes the weight's fake quantizer
     */
    public ConvBn2d(long inChannels, long outChannels, long[] kernelSize, long[] stride, long[] padding, long[] dilation, long groups,
                    boolean bias, String paddingMode, double eps, double momentum, boolean freezeBn, QConfig qconfig) {
        this(new org.torch4j.nn.Conv2d(inChannels, outChannels, kernelSize, stride, padding, dilation, groups, false, paddingMode),
                bias, new BatchNorm2d(outChannels, eps, momentum, true, true), qconfig);
        bn.resetRunningStats();
        Init.uniform_(bn.weight, 0, 1);
        Init.zeros_(bn.bias);
        if (this.bias != null) {
            double bound = 1 / Math.sqrt(Init.fans(weight)[0]);
            Init.uniform_(this.bias, -bound, bound);
        }
        if (freezeBn) freezeBnStats();
        else updateBnStats();
    }

    private ConvBn2d(org.torch4j.nn.Conv2d conv, boolean bias, BatchNorm2d bn, QConfig qconfig) {
        this(conv, conv.weight, bias ? new Parameter(Torch.empty(conv.outChannels)) : null, bn, qconfig);
    }

    /** A layer over the given parameters and batch norm (shared, as PyTorch's {@code from_float} shares them). */
    ConvBn2d(org.torch4j.nn.Conv2d conv, Parameter weight, Parameter bias, BatchNorm2d bn, QConfig qconfig) {
        super(conv, weight, bias, qconfig);
        this.bn = registerModule("bn", bn);
        setWeightFakeQuant();
    }

    /**
     * {@code from_float}: from a fused {@link org.torch4j.quantization.ConvBn2d}, sharing its convolution's weight and
     * bias and its batch norm (parameters and running statistics), with the statistics updating. As PyTorch, it first
     * builds a layer of those options, drawing from the global generator as the constructor does.
     *
     * @param mod the fused float pair
     * @param qconfig the qconfig PyTorch reads from {@code mod.qconfig}
     * @return the QAT layer
     * @throws IllegalArgumentException for another module type, or without a qconfig
     */
    public static ConvBn2d fromFloat(Module mod, QConfig qconfig) {
        if (mod == null || mod.getClass() != org.torch4j.quantization.ConvBn2d.class) {
            throw new IllegalArgumentException("qat.ConvBn2d.from_float only works for ConvBn2d");
        }
        org.torch4j.nn.Conv2d conv = drawn((org.torch4j.quantization.ConvBn2d) mod, qconfig);
        BatchNorm2d bn = (BatchNorm2d) ((org.torch4j.quantization.ConvBn2d) mod).get(1);
        return (ConvBn2d) new ConvBn2d(conv, conv.weight, conv.bias, bn, qconfig).updateBnStats();
    }

    /** The fused pair's convolution, after the random draws of a QAT layer with its options. */
    static org.torch4j.nn.Conv2d drawn(org.torch4j.nn.Sequential fused, QConfig qconfig) {
        if (qconfig == null) throw new IllegalArgumentException("Input float module must have qconfig defined");
        org.torch4j.nn.Conv2d c = (org.torch4j.nn.Conv2d) fused.get(0);
        BatchNorm2d b = (BatchNorm2d) fused.get(1);
        new ConvBn2d(c.inChannels, c.outChannels, c.kernelSize(), c.stride(), c.padding(), c.dilation(), c.groups, c.bias != null,
                c.paddingMode(), b.eps, b.momentum == null ? 0.1 : b.momentum, false, qconfig);
        return c;
    }

    /** The batch norm ({@code bn}). */
    public BatchNorm2d bn() {
        return bn;
    }

    /** Whether the batch-norm statistics are frozen ({@code freeze_bn}). */
    public boolean isBnFrozen() {
        return freezeBn;
    }

    /**
     * {@code freeze_bn_stats()}: the batch norm uses, and keeps, its running statistics (it stays in eval mode until
     * {@link #updateBnStats()}, whatever {@code train()} is called with).
     *
     * @return this layer
     */
    public ConvBn2d freezeBnStats() {
        freezeBn = true;
        bn.train(false);
        return this;
    }

    /**
     * {@code update_bn_stats()}: the batch norm normalises with batch statistics and updates its running ones.
     *
     * @return this layer
     */
    public ConvBn2d updateBnStats() {
        freezeBn = false;
        bn.train(true);
        return this;
    }

    /** Sets the mode; a frozen batch norm stays in eval mode, as PyTorch's {@code train(mode)} leaves it. */
    @Override
    public Module train(boolean mode) {
        super.train(mode);
        if (freezeBn) bn.train(false);
        return this;
    }

    @Override
    public Tensor forward(Tensor input) {
        // an ancestor's train() sets every descendant's mode directly; a frozen batch norm stays in eval mode
        if (freezeBn && bn.isTraining()) bn.train(false);
        Tensor runningStd = bn.runningVar().add(bn.eps).sqrt();
        Tensor scaleFactor = bn.weight.div(runningStd);
        Tensor scaledWeight = weightFakeQuant().call(weight.mul(scaleFactor.reshape(-1, 1, 1, 1)));
        Tensor zeroBias = Torch.zeros(new long[] {outChannels}, input.dtype());
        Tensor conv = convForward(input, scaledWeight, zeroBias);
        Tensor convOrig = conv.div(scaleFactor.reshape(1, -1, 1, 1));
        if (bias != null) convOrig = convOrig.add(bias.reshape(1, -1, 1, 1));
        return bn.call(convOrig);
    }

    /** The weight and bias with the running statistics folded in ({@code fuse_conv_bn_weights}). */
    public Fusion.Fused foldedWeights() {
        return Fusion.fuseConvBnWeights(weight, bias, bn.runningMean(), bn.runningVar(), bn.eps, bn.weight, bn.bias, false);
    }

    /**
     * {@code to_float}: a float {@link org.torch4j.nn.Conv2d} with the batch norm folded in (so with a bias), in this
     * layer's mode.
     *
     * @return the float convolution
     */
    public Module toFloat() {
        return foldedConv().train(isTraining());
    }

    /** A float convolution holding {@link #foldedWeights()}; built as PyTorch builds it (drawing), then given a bias. */
    org.torch4j.nn.Conv2d foldedConv() {
        org.torch4j.nn.Conv2d drawnConv = floatConv(bias != null);
        org.torch4j.nn.Conv2d conv = bias != null ? drawnConv : QatSupport.withoutDrawing(() -> floatConv(true));
        Fusion.Fused f = foldedWeights();
        QatSupport.copy(conv.weight, f.weight());
        QatSupport.copy(conv.bias, f.bias());
        return conv;
    }
}
